import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './main.ts';

const LESSON = (checkValue: number) => `---
id: scale
title: Scale
track: demo
order: 1
objectives: [Scale]
estimatedMinutes: 5
cluster:
  manifests:
    - |
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers: [{name: nginx, image: "nginx:1.27"}]
---

## Scale to 2

\`\`\`yaml step
solution: kubectl scale deployment web --replicas=2
checks:
  - title: web wants 2
    field: deployment/web
    path: .spec.replicas
    equals: ${String(checkValue)}
    message: web wants {actual}
\`\`\`
`;

function lessonsFolder(checkValue: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplay-lessons-'));
  mkdirSync(join(dir, 'lessons', 'demo'), { recursive: true });
  writeFileSync(join(dir, 'lessons', 'demo', 'track.md'), '---\ntitle: Demo\n---\n');
  writeFileSync(join(dir, 'lessons', 'demo', '01-scale.md'), LESSON(checkValue));
  return dir;
}

function run(argv: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    argv,
    cwd,
    readStdin: () => '',
    write: (t) => (out += t),
    writeError: (t) => (err += t),
  };
  return { code: runCli(io), out, err };
}

describe('kubeplay lessons check', () => {
  it('verifies ./lessons and writes the results file', () => {
    const dir = lessonsFolder(2);
    const result = run(['lessons', 'check', '--results', 'out/r.json'], dir);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe('ok   demo/scale (1 steps)\n\n1 steps verified, 0 failed\n');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'r.json'), 'utf8'))).toEqual({
      passed: 1,
      failed: 0,
      skipped: 0,
    });
  });

  it('names the lesson, step and check that fail, and exits 1', () => {
    const dir = lessonsFolder(3);
    const result = run(['lessons', 'check', 'lessons/demo/01-scale.md'], dir);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      'FAIL lessons/demo/01-scale.md: lesson demo/scale, step 1 "Scale to 2": check "web wants 2" fails after the solution: web wants 2\n',
    );
  });

  it('explains usage errors without a stack trace', () => {
    const dir = lessonsFolder(2);
    const usage = run(['lessons'], dir);
    expect(usage.code).toBe(1);
    expect(usage.out).toContain('Usage:');
    expect(run(['lessons', 'grade'], dir).err).toMatch(
      /^kubeplay lessons: unknown command "grade"/,
    );
    expect(run(['lessons', 'check', 'nowhere'], dir).err).toBe(
      'kubeplay lessons check: cannot read "nowhere"\n',
    );
    expect(run(['lessons', 'check', '--results'], dir).err).toMatch(/--results needs a file name/);
  });
});
