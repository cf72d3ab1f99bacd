import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeededRandom } from './seededRandom.ts';

describe('SeededRandom', () => {
  it('repeats the same stream for the same seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    expect(Array.from({ length: 5 }, () => a.nextUint32())).toEqual(
      Array.from({ length: 5 }, () => b.nextUint32()),
    );
  });

  it('gives independent streams to components forked by name', () => {
    const scheduler = SeededRandom.fork(7, 'scheduler');
    const apiserver = SeededRandom.fork(7, 'kube-apiserver');
    expect(scheduler.nextUint32()).not.toBe(apiserver.nextUint32());
  });

  it('keeps int(n) within [0, n)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 1000 }),
        (seed, n) => {
          const r = new SeededRandom(seed);
          for (let i = 0; i < 20; i++) {
            const v = r.int(n);
            if (v < 0 || v >= n || !Number.isInteger(v)) return false;
          }
          return true;
        },
      ),
    );
  });
});
