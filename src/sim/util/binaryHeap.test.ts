import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BinaryHeap } from './binaryHeap.ts';

describe('BinaryHeap', () => {
  it('pops items in the order of its comparison, like a sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (values) => {
        const heap = new BinaryHeap<number>((a, b) => a < b);
        for (const v of values) heap.push(v);
        const out: number[] = [];
        for (let v = heap.pop(); v !== undefined; v = heap.pop()) out.push(v);
        expect(out).toEqual([...values].sort((a, b) => a - b));
      }),
    );
  });
});
