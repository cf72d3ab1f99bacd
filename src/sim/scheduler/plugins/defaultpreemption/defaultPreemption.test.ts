import { describe, expect, it } from 'vitest';
import type { FilterFailure } from '../../framework/framework.ts';
import type { NodeInfo } from '../../framework/nodeInfo.ts';
import { PodInfo } from '../../framework/podInfo.ts';
import { defaultFramework, makeCache, makeNode, makePod } from '../../testKit.ts';
import { pickOneNode, preempt, type Candidate, type PreemptionHost } from './defaultPreemption.ts';

function hostFor(cache: ReturnType<typeof makeCache>): PreemptionHost {
  return {
    framework: defaultFramework(),
    snapshot: cache,
    randomInt: () => 0,
    nominatedPods: () => [],
    isTerminatingByPreemption: () => false,
    args: { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 },
  };
}

function failuresOf(
  cache: ReturnType<typeof makeCache>,
  pod: PodInfo,
): Map<NodeInfo, FilterFailure> {
  const out = new Map<NodeInfo, FilterFailure>();
  for (const node of cache.nodeInfos) {
    const f = defaultFramework().fitsOn(pod, cache, node);
    if (f) out.set(node, f);
  }
  return out;
}

describe('SelectVictimsOnNode and pickOneNodeForPreemption (default_preemption.go, preemption.go)', () => {
  it('reprieves the most important victims and evicts only what is needed', () => {
    const cache = makeCache(
      [makeNode('n1', { cpu: '4' })],
      [
        { pod: makePod('low-a', { cpu: '1', priority: 1 }), node: 'n1' },
        { pod: makePod('low-b', { cpu: '1', priority: 5 }), node: 'n1' },
        { pod: makePod('mid', { cpu: '2', priority: 10 }), node: 'n1' },
      ],
    );
    const pod = new PodInfo(makePod('vip', { cpu: '2', priority: 100 }));
    const outcome = preempt(hostFor(cache), pod, failuresOf(cache, pod));
    // Removing all three frees 4; reprieving mid (most important) still leaves 2 → mid stays;
    // then low-b (priority 5) would leave 1 → it is a victim; low-a likewise.
    expect(outcome.candidate?.victims.map((v) => v.key)).toEqual([
      'default/low-b',
      'default/low-a',
    ]);
    expect(outcome.message).toBe('');
  });

  it('says no victims when nothing has lower priority, and not helpful for unresolvable nodes', () => {
    const cache = makeCache(
      [
        makeNode('n1', { cpu: '1' }),
        makeNode('n2', { cpu: '1', taints: [{ key: 'x', effect: 'NoSchedule' }] }),
      ],
      [{ pod: makePod('peer', { cpu: '1', priority: 0 }), node: 'n1' }],
    );
    const pod = new PodInfo(makePod('p', { cpu: '1', priority: 0 }));
    expect(preempt(hostFor(cache), pod, failuresOf(cache, pod)).message).toBe(
      'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });

  it('repeats the filter reason when evicting every lower-priority pod is still not enough', () => {
    const cache = makeCache(
      [makeNode('n1', { cpu: '2' })],
      [{ pod: makePod('low', { cpu: '1', priority: 0 }), node: 'n1' }],
    );
    const pod = new PodInfo(makePod('p', { cpu: '3', priority: 10 }));
    expect(preempt(hostFor(cache), pod, failuresOf(cache, pod)).message).toBe(
      'preemption: 0/1 nodes are available: 1 Insufficient cpu.',
    );
  });

  it('prefers the node whose most important victim has the lowest priority, then fewer victims', () => {
    const victim = (name: string, priority: number) => new PodInfo(makePod(name, { priority }));
    const node = (name: string) => makeCache([makeNode(name)]).nodeInfo(name)!;
    const a: Candidate = { node: node('a'), victims: [victim('a1', 5)], pdbViolations: 0 };
    const b: Candidate = {
      node: node('b'),
      victims: [victim('b1', 3), victim('b2', 3)],
      pdbViolations: 0,
    };
    const c: Candidate = { node: node('c'), victims: [victim('c1', 3)], pdbViolations: 0 };
    expect(pickOneNode([a, b, c])?.node.name).toBe('c');
    const violating: Candidate = { node: node('d'), victims: [victim('d1', 0)], pdbViolations: 1 };
    expect(pickOneNode([violating, a])?.node.name).toBe('a');
  });
});
