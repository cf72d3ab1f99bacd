/**
 * Golden tests: `kubectl explain` against what kubectl v1.32 printed for the same OpenAPI v3
 * documents (testdata/golden.json, made by testdata/generate.sh).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index.ts';
import { Shell } from '../engine.ts';
import { wrap } from './render.ts';

const golden = JSON.parse(
  readFileSync(join(import.meta.dirname, 'testdata', 'golden.json'), 'utf8'),
) as Record<string, { stdout: string; stderr: string; exitCode: number }>;

describe('kubectl explain prints what kubectl v1.32 prints', () => {
  const shell = new Shell(createCluster());
  it.each(Object.keys(golden))('%s', (args) => {
    const want = golden[args];
    const got = shell.run(`kubectl explain ${args}`);
    expect(got.stdout).toBe(want?.stdout);
    expect(got.stderr).toBe(want?.stderr);
    expect(got.exitCode).toBe(want?.exitCode);
  });
});

describe('wrap (go-wordwrap)', () => {
  it.each([
    { text: 'one two three', limit: 7, want: 'one two\nthree' },
    { text: 'keep\nnewlines as they are', limit: 9, want: 'keep\nnewlines\nas they\nare' },
    { text: 'averyveryverylongword x', limit: 5, want: 'averyveryverylongword\nx' },
  ])('$text', ({ text, limit, want }) => {
    expect(wrap(text, limit)).toBe(want);
  });
});
