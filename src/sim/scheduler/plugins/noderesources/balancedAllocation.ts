/**
 * NodeResourcesBalancedAllocation: prefers nodes whose resource fractions stay close after placing
 * the pod: score = (1 − standard deviation of the fractions) × 100, with the real requests (not
 * the non-zero defaults). Mirrors plugins/noderesources/balanced_allocation.go.
 */
import { MAX_NODE_SCORE, type ScorePlugin } from '../../framework/interfaces.ts';
import type { NodeInfo } from '../../framework/nodeInfo.ts';
import type { PodInfo } from '../../framework/podInfo.ts';
import { NodeResourcesBalancedAllocation } from '../names.ts';
import type { ResourceWeight } from './fit.ts';

function amounts(name: string, nodeInfo: NodeInfo, pod: PodInfo): [number, number] {
  const a = nodeInfo.allocatable;
  const r = nodeInfo.requested;
  const p = pod.requests;
  if (name === 'cpu') return [a.milliCpu, r.milliCpu + p.milliCpu];
  if (name === 'memory') return [a.memory, r.memory + p.memory];
  if (name === 'ephemeral-storage')
    return [a.ephemeralStorage, r.ephemeralStorage + p.ephemeralStorage];
  return [a.scalar.get(name) ?? 0, (r.scalar.get(name) ?? 0) + (p.scalar.get(name) ?? 0)];
}

export function balancedScore(fractions: readonly number[]): number {
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(((fractions[0] ?? 0) - (fractions[1] ?? 0)) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function createBalancedAllocation(
  resources: readonly ResourceWeight[] = [
    { name: 'cpu', weight: 1 },
    { name: 'memory', weight: 1 },
  ],
): ScorePlugin {
  const cpuMemoryOnly =
    resources.length === 2 && resources[0]?.name === 'cpu' && resources[1]?.name === 'memory';
  return {
    name: NodeResourcesBalancedAllocation,
    score(_state, pod, nodeInfo) {
      if (cpuMemoryOnly) {
        const a = nodeInfo.allocatable;
        if (a.milliCpu > 0 && a.memory > 0) {
          let fc = (nodeInfo.requested.milliCpu + pod.requests.milliCpu) / a.milliCpu;
          let fm = (nodeInfo.requested.memory + pod.requests.memory) / a.memory;
          if (fc > 1) fc = 1;
          if (fm > 1) fm = 1;
          return Math.trunc((1 - Math.abs((fc - fm) / 2)) * MAX_NODE_SCORE);
        }
      }
      const fractions: number[] = [];
      for (const { name } of resources) {
        const [capacity, requested] = amounts(name, nodeInfo, pod);
        if (capacity === 0) continue;
        const f = requested / capacity;
        fractions.push(f > 1 ? 1 : f);
      }
      return balancedScore(fractions);
    },
  };
}

export const balancedAllocation = createBalancedAllocation();
