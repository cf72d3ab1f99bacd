/**
 * NodeResourcesFit: the pod's requests must fit in what the node's allocatable leaves free; scored
 * by the configured strategy (LeastAllocated by default). Mirrors plugins/noderesources/fit.go.
 */
import { podRequests } from '../../../api/helpers/resources.ts';
import {
  SUCCESS,
  unschedulable,
  type FilterPlugin,
  type ScorePlugin,
} from '../../framework/interfaces.ts';
import type { NodeInfo } from '../../framework/nodeInfo.ts';
import { NodeResourcesFit } from '../names.ts';
import { nonZeroRequests } from '../../../api/helpers/resources.ts';

export type ScoringStrategy = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

export interface FitArgs {
  readonly scoringStrategy: ScoringStrategy;
  readonly resources: readonly { name: string; weight: number }[];
  /** RequestedToCapacityRatio shape: utilization (0–100) → score (0–10). */
  readonly shape?: readonly { utilization: number; score: number }[];
}

export const DEFAULT_FIT_ARGS: FitArgs = {
  scoringStrategy: 'LeastAllocated',
  resources: [
    { name: 'cpu', weight: 1 },
    { name: 'memory', weight: 1 },
  ],
};

/** Reasons in the order fitsRequest reports them: pods first, then cpu, memory, the rest. */
export function insufficientResources(
  pod: Parameters<FilterPlugin['filter']>[1],
  nodeInfo: NodeInfo,
): string[] {
  const reasons: string[] = [];
  const allowedPods = nodeInfo.allocatable.get('pods') ?? 0;
  if (nodeInfo.pods.size + 1 > allowedPods) reasons.push('Too many pods');
  const requests = podRequests(pod);
  const ordered = [
    'cpu',
    'memory',
    'ephemeral-storage',
    ...[...requests.keys()]
      .filter((k) => !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(k))
      .sort(),
  ];
  for (const name of ordered) {
    const want = requests.get(name) ?? 0;
    if (want === 0) continue;
    const free = (nodeInfo.allocatable.get(name) ?? 0) - (nodeInfo.requested.get(name) ?? 0);
    if (want > free) reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}

function requestedFor(
  name: string,
  nodeInfo: NodeInfo,
  pod: Parameters<FilterPlugin['filter']>[1],
): number {
  // Scoring counts containers without requests as 100m cpu / 200Mi memory (non-zero requests).
  if (name === 'cpu') return nodeInfo.nonZeroMilliCpu + nonZeroRequests(pod).milliCpu;
  if (name === 'memory') return nodeInfo.nonZeroMemory + nonZeroRequests(pod).memory;
  return (nodeInfo.requested.get(name) ?? 0) + (podRequests(pod).get(name) ?? 0);
}

function piecewise(
  shape: readonly { utilization: number; score: number }[],
  utilization: number,
): number {
  const points = shape.map((p) => ({ x: p.utilization, y: p.score * 10 }));
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 0;
  if (utilization <= first.x) return first.y;
  if (utilization >= last.x) return last.y;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a && b && utilization <= b.x)
      return Math.floor(a.y + ((b.y - a.y) * (utilization - a.x)) / (b.x - a.x));
  }
  return last.y;
}

export function createNodeResourcesFit(
  args: FitArgs = DEFAULT_FIT_ARGS,
): FilterPlugin & ScorePlugin {
  return {
    name: NodeResourcesFit,
    filter(_state, pod, nodeInfo) {
      const reasons = insufficientResources(pod, nodeInfo);
      return reasons.length === 0 ? SUCCESS : unschedulable(...reasons);
    },
    score(_state, pod, nodeInfo) {
      let total = 0;
      let weights = 0;
      for (const { name, weight } of args.resources) {
        const capacity = nodeInfo.allocatable.get(name) ?? 0;
        if (capacity === 0) continue;
        const requested = requestedFor(name, nodeInfo, pod);
        let score: number;
        if (args.scoringStrategy === 'LeastAllocated') {
          score = requested > capacity ? 0 : Math.floor(((capacity - requested) * 100) / capacity);
        } else if (args.scoringStrategy === 'MostAllocated') {
          score = requested > capacity ? 0 : Math.floor((requested * 100) / capacity);
        } else {
          score = piecewise(
            args.shape ?? [
              { utilization: 0, score: 10 },
              { utilization: 100, score: 0 },
            ],
            Math.floor((requested * 100) / capacity),
          );
        }
        total += score * weight;
        weights += weight;
      }
      return weights === 0 ? 0 : Math.floor(total / weights);
    },
  };
}
