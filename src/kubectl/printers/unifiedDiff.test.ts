import { describe, expect, it } from 'vitest';
import { unifiedHunks } from './unifiedDiff.ts';

describe('unifiedHunks (GNU diff -u)', () => {
  it('is empty for equal texts', () => {
    expect(unifiedHunks('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('prints deletions before insertions with three lines of context', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n') + '\n';
    const after = ['1', '2', '3', '4', 'five', '6', '7', '8'].join('\n') + '\n';
    expect(unifiedHunks(before, after)).toBe(
      '@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n',
    );
  });

  it('diffs against an empty file for a new object', () => {
    expect(unifiedHunks('', 'a\nb\n')).toBe('@@ -0,0 +1,2 @@\n+a\n+b\n');
  });

  it('uses a bare line number for one-line ranges', () => {
    expect(unifiedHunks('x\n', 'y\n')).toBe('@@ -1 +1 @@\n-x\n+y\n');
  });
});
