import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../random/seededRandom.ts';
import {
  hashBucket,
  newIpvsState,
  spreadLeastConnection,
  spreadRandom,
  spreadRoundRobin,
} from './pickBackend.ts';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('spreading connections over endpoints', () => {
  it('keeps every count exact whatever the mode, batch size or endpoint count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        (n, count, seed) => {
          const random = new SeededRandom(seed);
          const ips = Array.from({ length: n }, (_, i) => `10.244.1.${String(i + 2)}`);
          const results = [
            spreadRandom(n, count, random),
            spreadRoundRobin(n, count, newIpvsState()),
            spreadLeastConnection(ips, count, 0, 1000, () => 5, newIpvsState(), 'lc'),
            spreadLeastConnection(ips, count, 0, 1000, () => 5, newIpvsState(), 'sed'),
            spreadLeastConnection(ips, count, 0, 1000, () => 5, newIpvsState(), 'nq'),
          ];
          for (const counts of results) {
            expect(counts).toHaveLength(n);
            expect(sum(counts)).toBe(count);
            expect(counts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
          }
        },
      ),
    );
  });

  it('matches iptables rule probabilities 1/(n-i): a uniform spread', () => {
    const counts = spreadRandom(4, 400_000, new SeededRandom(7));
    for (const c of counts) expect(Math.abs(c - 100_000)).toBeLessThan(2_000);
  });

  it('gives each destination its turn in round robin, across batches', () => {
    const state = newIpvsState();
    expect(spreadRoundRobin(3, 1, state)).toEqual([1, 0, 0]);
    expect(spreadRoundRobin(3, 1, state)).toEqual([0, 1, 0]);
    expect(spreadRoundRobin(3, 4, state)).toEqual([1, 1, 2]);
    expect(spreadRoundRobin(3, 3, state)).toEqual([1, 1, 1]);
  });

  it('sends fewer connections to a slow destination under least connection', () => {
    const ips = ['10.244.1.2', '10.244.2.2', '10.244.3.2'];
    const latency = (ip: string): number => (ip === '10.244.1.2' ? 200 : 5);
    const counts = spreadLeastConnection(ips, 1_000, 0, 1_000, latency, newIpvsState(), 'lc');
    expect(counts[0]).toBeLessThan((counts[1] ?? 0) / 2);
    expect(sum(counts)).toBe(1_000);
  });

  it('hashes a source address to the same destination every time', () => {
    for (const ip of ['172.18.1.1', '172.18.1.2', '10.244.3.9'])
      expect(hashBucket(ip, 5)).toBe(hashBucket(ip, 5));
    const buckets = new Set(
      Array.from({ length: 50 }, (_, i) => hashBucket(`172.18.1.${String(i + 1)}`, 3)),
    );
    expect(buckets.size).toBe(3);
  });
});
