import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/interfaces.ts';
import { PodInfo } from '../../framework/podInfo.ts';
import { makeCache, makeNode, makePod } from '../../testKit.ts';
import { balancedScore, createBalancedAllocation } from './balancedAllocation.ts';
import { brokenLinear, createNodeResourcesFit, type FitArgs } from './fit.ts';

function nodeWith(usedCpu: string, usedMemory: string) {
  return makeCache(
    [makeNode('n', { cpu: '4', memory: '10000', pods: 3 })],
    [{ pod: makePod('used', { cpu: usedCpu, memory: usedMemory }), node: 'n' }],
  ).nodeInfo('n');
}

describe('NodeResourcesFit filter (fit.go fitsRequest)', () => {
  const cases = [
    { name: 'fits exactly into what is left', cpu: '1', memory: '5000', want: [] },
    { name: 'one millicore too many cpu', cpu: '1001m', memory: '1', want: ['Insufficient cpu'] },
    {
      name: 'reasons come cpu first, then memory',
      cpu: '2',
      memory: '6000',
      want: ['Insufficient cpu', 'Insufficient memory'],
    },
    { name: 'a pod without requests always fits the resources', cpu: '', memory: '', want: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const info = nodeWith('3', '5000');
      const pod = new PodInfo(makePod('p', { cpu: c.cpu, memory: c.memory }));
      const status = createNodeResourcesFit().filter(new CycleState(), pod, info!);
      expect(status.reasons).toEqual(c.want);
    });
  }

  it('reports Too many pods before resources when the node is at its pod limit', () => {
    const cache = makeCache(
      [makeNode('n', { cpu: '1', pods: 1 })],
      [{ pod: makePod('used', { cpu: '1' }), node: 'n' }],
    );
    const status = createNodeResourcesFit().filter(
      new CycleState(),
      new PodInfo(makePod('p', { cpu: '1' })),
      cache.nodeInfo('n')!,
    );
    expect(status).toEqual({
      code: 'Unschedulable',
      reasons: ['Too many pods', 'Insufficient cpu'],
    });
  });
});

describe('NodeResourcesFit scoring strategies', () => {
  // Node 4000m / 10000 bytes with 2999m / 4999 used; the pod asks 1m / 1, so 3000m / 5000.
  const pod = new PodInfo(makePod('p', { cpu: '1m', memory: '1' }));
  const info = () => nodeWith('2999m', '4999');
  const args = (scoringStrategy: FitArgs['scoringStrategy']): FitArgs => ({
    scoringStrategy,
    resources: [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ],
    shape: [
      { utilization: 0, score: 0 },
      { utilization: 100, score: 10 },
    ],
  });
  const cases = [
    // least_allocated.go: (4000−3000)·100/4000 = 25, (10000−5000)·100/10000 = 50 → (25+50)/2 = 37
    { strategy: 'LeastAllocated' as const, want: 37 },
    // most_allocated.go: 3000·100/4000 = 75, 5000·100/10000 = 50 → 62
    { strategy: 'MostAllocated' as const, want: 62 },
    // requested_to_capacity_ratio.go: shape 0→0, 100→10: 75 and 50, math.Round(62.5) = 63
    { strategy: 'RequestedToCapacityRatio' as const, want: 63 },
  ];
  for (const c of cases) {
    it(`${c.strategy} scores ${String(c.want)}`, () => {
      expect(createNodeResourcesFit(args(c.strategy)).score(new CycleState(), pod, info()!)).toBe(
        c.want,
      );
    });
  }

  it('counts a pod without requests as 100m cpu and 200Mi memory when scoring', () => {
    const empty = makeCache([makeNode('n', { cpu: '1', memory: '1000Mi' })]).nodeInfo('n')!;
    const score = createNodeResourcesFit().score(
      new CycleState(),
      new PodInfo(makePod('p')),
      empty,
    );
    // cpu (1000−100)·100/1000 = 90, memory (1000−200)·100/1000 = 80 → 85
    expect(score).toBe(85);
  });

  it('truncates toward zero on a falling shape, as Go integer division does', () => {
    const shape = [
      { utilization: 0, score: 10 },
      { utilization: 30, score: 3 },
    ];
    // 100 + (30 − 100)·7/30 = 100 − 16.33… → 84 (not 83)
    expect(brokenLinear(shape, 7)).toBe(84);
  });
});

describe('NodeResourcesBalancedAllocation (balanced_allocation.go)', () => {
  it('scores (1 − |f_cpu − f_mem| / 2) × 100 with real requests', () => {
    expect(balancedScore([0.75, 0.5])).toBe(87);
    const score = createBalancedAllocation().score(
      new CycleState(),
      new PodInfo(makePod('p', { cpu: '1m', memory: '1' })),
      nodeWith('2999m', '4999')!,
    );
    expect(score).toBe(87);
  });
});
