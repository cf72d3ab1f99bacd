/**
 * Robustness of the apply path under fast-check: random mutations of the corpus manifests and
 * random bytes. Whatever comes in, the only failures are the API server's or kubectl's own errors
 * (never an internal exception), nothing a learner sees looks like a stack trace, and a rejected
 * object leaves the cluster exactly as it was (no half-applied object).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { createCluster, isApiError, type Cluster } from '../../sim/index.ts';
import { Shell } from '../engine.ts';
import { applyObject } from './applyObject.ts';
import { ManifestSyntaxError, parseManifests } from './parseManifests.ts';
import { toObjects } from './toObjects.ts';

const ROOT = join(import.meta.dirname, '../../../tests/fixtures/k8s-website-examples');

function corpusDocuments(dir: string): unknown[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return corpusDocuments(path);
      if (!entry.endsWith('.yaml')) return [];
      try {
        return parseManifests(readFileSync(path, 'utf8'), entry).map((d) => d.value);
      } catch {
        return [];
      }
    });
}

const DOCUMENTS = corpusDocuments(ROOT);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths to every value in a document, so a mutation can pick one. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null)
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

type Mutation =
  | { kind: 'set'; pick: number; value: Json }
  | { kind: 'delete'; pick: number }
  | { kind: 'rename'; pick: number; suffix: string };

function mutate(doc: unknown, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(doc) as Json;
  for (const m of mutations) {
    const all = paths(copy).filter((p) => p.length > 0);
    const path = all[m.pick % Math.max(all.length, 1)];
    if (!path) continue;
    let parent: Json = copy;
    for (const key of path.slice(0, -1))
      parent = (parent as Record<string | number, Json>)[key] ?? null;
    if (typeof parent !== 'object' || parent === null) continue;
    const last = path[path.length - 1] ?? '';
    const container = parent as Record<string | number, Json>;
    if (m.kind === 'set') container[last] = m.value;
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete container[last];
    } else if (!Array.isArray(parent)) {
      container[`${String(last)}${m.suffix}`] = container[last] ?? null;
      delete container[last];
    }
  }
  return copy;
}

const word = fc.string({
  unit: fc.constantFrom('a', 'B', '1', '-', '.', ' ', ':', '/'),
  maxLength: 8,
});
const value: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -70000, max: 70000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    word,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(word, tie('v'), { maxKeys: 3 }),
  ),
})).v;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), suffix: word }),
);

/** Applies a manifest through the same steps as `kubectl apply -f`, checking every rejection. */
function applyChecked(cluster: Cluster, text: string): void {
  let docs;
  try {
    docs = parseManifests(text, 'fuzz.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestSyntaxError);
    return;
  }
  const items = toObjects(
    docs.map((d) => ({ ...d, source: 'fuzz.yaml' })),
    'default',
    false,
  );
  for (const item of items) {
    if (!item.ok) continue;
    const before = cluster.api.changeLog.length;
    try {
      applyObject(cluster, item.type, item.object, { dryRun: false, source: 'fuzz.yaml' });
    } catch (error) {
      const known =
        isApiError(error) ||
        (error instanceof Error && error.message.endsWith('resource name may not be empty'));
      expect(known, String(error instanceof Error ? error.stack : error)).toBe(true);
      expect(cluster.api.changeLog.length).toBe(before);
    }
  }
}

const INTERNAL = /TypeError|RangeError|Cannot read prop|is not a function|is not iterable|\n\s+at /;

describe('apply under random input', () => {
  const cluster = createCluster();

  it('never throws an internal error or half-applies a mutated corpus manifest', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: DOCUMENTS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (index, mutations) => {
          applyChecked(cluster, dump(mutate(DOCUMENTS[index], mutations)));
        },
      ),
      { seed: 6, numRuns: 300 },
    );
  }, 60_000);

  it('never throws an internal error on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        applyChecked(cluster, String.fromCharCode(...bytes));
      }),
      { seed: 6, numRuns: 300 },
    );
  }, 60_000);

  it('shows no stack trace through the kubectl engine', () => {
    const files: Record<string, string> = {};
    const shell = new Shell(createCluster(), { workspace: { readFile: (p) => files[p] } });
    fc.assert(
      fc.property(
        fc.nat({ max: DOCUMENTS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (index, mutations) => {
          files['m.yaml'] = dump(mutate(DOCUMENTS[index], mutations));
          const result = shell.run('kubectl apply -f m.yaml');
          expect(result.stderr).not.toMatch(INTERNAL);
        },
      ),
      { seed: 7, numRuns: 100 },
    );
  }, 60_000);
});
