/**
 * Golden tests: every generator's `--dry-run=client -o yaml|json` output against what kubectl
 * v1.32 printed for the same line (testdata/golden.json, made by testdata/generate.sh).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../sim/index.ts';
import type { Workspace } from '../../command.ts';
import { Shell } from '../../engine.ts';

const TESTDATA = join(import.meta.dirname, 'testdata');
const golden = JSON.parse(readFileSync(join(TESTDATA, 'golden.json'), 'utf8')) as Record<
  string,
  { stdout: string; stderr: string; exitCode: number }
>;
const files = Object.fromEntries(
  readdirSync(TESTDATA).map((f) => [f, readFileSync(join(TESTDATA, f), 'utf8')]),
);
const workspace: Workspace = { readFile: (path) => files[path] };

/** The two objects testdata/fakeDiscovery.py serves, which expose and autoscale read. */
const FIXTURES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: nginx, image: nginx, ports: [{containerPort: 80, protocol: TCP}]}
---
apiVersion: v1
kind: Pod
metadata: {name: nginx, labels: {run: nginx}}
spec:
  containers:
  - {name: nginx, image: nginx, ports: [{containerPort: 80, protocol: TCP}]}
`;

function shell(): Shell {
  const sh = new Shell(createCluster(), { workspace });
  const result = sh.run('kubectl apply -f -', FIXTURES);
  expect(result.stderr).toBe('');
  return sh;
}

function withFlags(line: string, format: string): string {
  const flags = `--dry-run=client -o ${format}`;
  const dash = line.indexOf(' -- ');
  return dash < 0
    ? `kubectl ${line} ${flags}`
    : `kubectl ${line.slice(0, dash)} ${flags}${line.slice(dash)}`;
}

describe('generators print what kubectl v1.32 prints', () => {
  const sh = shell();
  const cases = Object.keys(golden);
  it.each(cases)('%s', (key) => {
    const format = key.endsWith(' -o json') ? 'json' : 'yaml';
    const line = key.slice(0, -` -o ${format}`.length);
    const want = golden[key];
    const got = sh.run(withFlags(line, format));
    expect(got.stdout).toBe(want?.stdout);
    expect(got.exitCode).toBe(want?.exitCode);
  });
});
