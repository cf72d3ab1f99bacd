/**
 * The real corpus: every example manifest of kubernetes.io (tests/fixtures/k8s-website-examples)
 * applied with `kubectl apply -f` to a fresh cluster. Each file is either simulated (every object
 * accepted) or refused with a specific message. The refused files are pinned in corpusRefused.json:
 * a file refused that is not listed there fails the test (the simulated share went down).
 * Run with KUBEPLAY_UPDATE_CORPUS=1 to rewrite the list after raising the share.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster, type KubeObject } from '../../sim/index.ts';
import { Shell } from '../engine.ts';

const ROOT = join(import.meta.dirname, '../../../tests/fixtures/k8s-website-examples');
const LIST = join(import.meta.dirname, 'corpusRefused.json');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return entry.endsWith('.yaml') ? [relative(ROOT, path)] : [];
    });
}

/** Messages that say precisely what was refused: kubectl's and the API server's own shapes. */
const SPECIFIC = [
  /^error: Kubeplay does not simulate \w+ \([\w./]+\) yet: .+\. ".*" from ".+" was not applied\.$/,
  /^error: resource mapping not found for name: ".*" namespace: ".*" from ".+": no matches for kind "\w+" in version "[\w./-]+"$/,
  /^ensure CRDs are installed first$/,
  /^\(Kubeplay: .+\)$/,
  /^error: error parsing .+: error converting YAML to JSON: yaml: line \d+: .+$/,
  /^error: error validating ".+": error validating data: .+$/,
  /^Error from server \((BadRequest|NotFound|AlreadyExists|Forbidden|Conflict)\): error when creating ".+": .+$/,
  /^The \w+ ".*" is invalid: .+$/,
  /^The \w+ ".*" is invalid: $/,
  /^\* [\w.[\]-]+: .+$/,
  /^Warning: .+$/,
];

const GENERIC = /undefined|\[object Object\]|is not a function|Cannot read prop|\n\s+at /;

interface Outcome {
  readonly file: string;
  readonly kinds: readonly string[];
  readonly refused: boolean;
  readonly stderr: string;
}

function kindsOf(text: string): string[] {
  return [...text.matchAll(/^kind:\s*(\w+)/gm)].map((m) => m[1] ?? '');
}

function applyFile(file: string): Outcome {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const cluster = createCluster();
  // A learner creates the namespaces an example uses before applying it.
  for (const [, ns] of text.matchAll(/^\s+namespace:\s*([a-z0-9-]+)\s*$/gm)) {
    if (!ns || cluster.api.get('namespaces', '', ns)) continue;
    const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } };
    cluster.api.create(namespace, { actor: 'corpus-test' });
  }
  const shell = new Shell(cluster, {
    workspace: { readFile: (p) => (p === file ? text : undefined) },
  });
  const result = shell.run(`kubectl apply -f ${file}`);
  return { file, kinds: kindsOf(text), refused: result.exitCode !== 0, stderr: result.stderr };
}

function summarize(outcomes: readonly Outcome[]): string {
  const byKind = new Map<string, { files: number; refused: number }>();
  for (const o of outcomes) {
    for (const kind of new Set(o.kinds)) {
      const row = byKind.get(kind) ?? { files: 0, refused: 0 };
      row.files++;
      if (o.refused) row.refused++;
      byKind.set(kind, row);
    }
  }
  const rows = [...byKind.entries()].sort((a, b) => b[1].files - a[1].files);
  const width = Math.max(...rows.map(([k]) => k.length), 4);
  const lines = rows.map(
    ([kind, r]) =>
      `${kind.padEnd(width)}  ${String(r.files).padStart(5)}  ${String(r.files - r.refused).padStart(9)}  ${String(r.refused).padStart(7)}`,
  );
  const simulated = outcomes.filter((o) => !o.refused).length;
  return [
    `corpus: ${String(outcomes.length)} files, ${String(simulated)} simulated (${((100 * simulated) / outcomes.length).toFixed(1)}%), ${String(outcomes.length - simulated)} refused`,
    `${'KIND'.padEnd(width)}  FILES  SIMULATED  REFUSED`,
    ...lines,
  ].join('\n');
}

describe('the kubernetes.io example corpus', () => {
  const outcomes = yamlFiles(ROOT).map(applyFile);

  it('refuses only with specific messages, never a crash or a generic error', () => {
    for (const o of outcomes) {
      expect(o.stderr, o.file).not.toMatch(GENERIC);
      for (const line of o.stderr.trimEnd().split('\n').filter(Boolean)) {
        expect(
          SPECIFIC.some((re) => re.test(line)),
          `${o.file}: ${line}`,
        ).toBe(true);
      }
      if (o.refused) expect(o.stderr, o.file).not.toBe('');
    }
  });

  it('simulates every file it simulated before', () => {
    console.log(summarize(outcomes));
    const refused = Object.fromEntries(
      outcomes.filter((o) => o.refused).map((o) => [o.file, o.stderr.split('\n')[0] ?? '']),
    );
    if (process.env.KUBEPLAY_UPDATE_CORPUS === '1') {
      writeFileSync(LIST, `${JSON.stringify(refused, null, 2)}\n`);
    }
    const pinned = JSON.parse(readFileSync(LIST, 'utf8')) as Record<string, string>;
    const regressions = Object.keys(refused).filter((file) => !(file in pinned));
    const improvements = Object.keys(pinned).filter((file) => !(file in refused));
    if (improvements.length > 0) {
      console.log(
        `now simulated (run with KUBEPLAY_UPDATE_CORPUS=1 to pin): ${improvements.join(', ')}`,
      );
    }
    expect(regressions.map((file) => `${file}: ${refused[file] ?? ''}`)).toEqual([]);
  });
});
