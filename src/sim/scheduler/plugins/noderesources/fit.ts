/**
 * NodeResourcesFit: the pod's requests must fit in what the node's allocatable leaves free; nodes
 * are scored by the configured strategy (LeastAllocated by default, MostAllocated for bin-packing,
 * or RequestedToCapacityRatio with a shape). Mirrors plugins/noderesources/fit.go,
 * least_allocated.go, most_allocated.go and requested_to_capacity_ratio.go.
 */
import {
  MAX_NODE_SCORE,
  SUCCESS,
  unschedulable,
  type FilterPlugin,
  type ScorePlugin,
} from '../../framework/interfaces.ts';
import type { NodeInfo } from '../../framework/nodeInfo.ts';
import type { PodInfo } from '../../framework/podInfo.ts';
import { NodeResourcesFit } from '../names.ts';

export type ScoringStrategy = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

export interface ResourceWeight {
  readonly name: string;
  readonly weight: number;
}

export interface ShapePoint {
  /** 0–100 */
  readonly utilization: number;
  /** 0–10 */
  readonly score: number;
}

export interface FitArgs {
  readonly scoringStrategy: ScoringStrategy;
  readonly resources: readonly ResourceWeight[];
  /** RequestedToCapacityRatio shape: utilization (0–100) → score (0–10). */
  readonly shape?: readonly ShapePoint[];
}

export const DEFAULT_FIT_ARGS: FitArgs = {
  scoringStrategy: 'LeastAllocated',
  resources: [
    { name: 'cpu', weight: 1 },
    { name: 'memory', weight: 1 },
  ],
};

/** The shape used when a RequestedToCapacityRatio strategy gives none: pack nodes fullest first. */
export const DEFAULT_SHAPE: readonly ShapePoint[] = [
  { utilization: 0, score: 0 },
  { utilization: 100, score: 10 },
];

export const ErrReasonTooManyPods = 'Too many pods';
export const insufficient = (resource: string): string => `Insufficient ${resource}`;

/**
 * fitsRequest: reasons in upstream order — pod count first, then cpu, memory, ephemeral storage,
 * then extended resources (sorted by name here; upstream walks a Go map).
 */
export function insufficientResources(pod: PodInfo, nodeInfo: NodeInfo): string[] {
  const reasons: string[] = [];
  if (nodeInfo.pods.size + 1 > nodeInfo.allowedPodNumber) reasons.push(ErrReasonTooManyPods);
  const want = pod.requests;
  if (
    want.milliCpu === 0 &&
    want.memory === 0 &&
    want.ephemeralStorage === 0 &&
    want.scalar.size === 0
  )
    return reasons;
  const free = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (want.milliCpu > 0 && want.milliCpu > free.milliCpu - used.milliCpu)
    reasons.push(insufficient('cpu'));
  if (want.memory > 0 && want.memory > free.memory - used.memory)
    reasons.push(insufficient('memory'));
  if (
    want.ephemeralStorage > 0 &&
    want.ephemeralStorage > free.ephemeralStorage - used.ephemeralStorage
  )
    reasons.push(insufficient('ephemeral-storage'));
  if (want.scalar.size > 0) {
    for (const name of [...want.scalar.keys()].sort()) {
      const amount = want.scalar.get(name) ?? 0;
      if (amount > (free.scalar.get(name) ?? 0) - (used.scalar.get(name) ?? 0))
        reasons.push(insufficient(name));
    }
  }
  return reasons;
}

/** The common case without allocating: everything fits and no extended resources are asked. */
function fitsQuickly(pod: PodInfo, nodeInfo: NodeInfo): boolean {
  const want = pod.requests;
  const free = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  return (
    nodeInfo.pods.size + 1 <= nodeInfo.allowedPodNumber &&
    want.scalar.size === 0 &&
    want.milliCpu <= free.milliCpu - used.milliCpu &&
    want.memory <= free.memory - used.memory &&
    want.ephemeralStorage <= free.ephemeralStorage - used.ephemeralStorage
  );
}

/** Requested amount of `name` on the node once the pod is added (non-zero defaults for cpu/memory). */
function requestedWithPod(name: string, nodeInfo: NodeInfo, pod: PodInfo): number {
  if (name === 'cpu') return nodeInfo.nonZeroMilliCpu + pod.nonZeroMilliCpu;
  if (name === 'memory') return nodeInfo.nonZeroMemory + pod.nonZeroMemory;
  if (name === 'ephemeral-storage')
    return nodeInfo.requested.ephemeralStorage + pod.requests.ephemeralStorage;
  return (nodeInfo.requested.scalar.get(name) ?? 0) + (pod.requests.scalar.get(name) ?? 0);
}

function allocatableOf(name: string, nodeInfo: NodeInfo): number {
  const a = nodeInfo.allocatable;
  if (name === 'cpu') return a.milliCpu;
  if (name === 'memory') return a.memory;
  if (name === 'ephemeral-storage') return a.ephemeralStorage;
  return a.scalar.get(name) ?? 0;
}

function isExtended(name: string): boolean {
  return name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage';
}

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  const r = requested > capacity ? capacity : requested;
  return Math.trunc((r * MAX_NODE_SCORE) / capacity);
}

/** buildBrokenLinearFunction over the shape scaled to 0–100 (Go integer division truncates). */
export function brokenLinear(shape: readonly ShapePoint[], p: number): number {
  for (let i = 0; i < shape.length; i++) {
    const point = shape[i] as ShapePoint;
    if (p <= point.utilization) {
      if (i === 0) return point.score * 10;
      const prev = shape[i - 1] as ShapePoint;
      return (
        prev.score * 10 +
        Math.trunc(
          ((point.score - prev.score) * 10 * (p - prev.utilization)) /
            (point.utilization - prev.utilization),
        )
      );
    }
  }
  return (shape[shape.length - 1]?.score ?? 0) * 10;
}

export function createNodeResourcesFit(
  args: FitArgs = DEFAULT_FIT_ARGS,
): FilterPlugin & ScorePlugin {
  const resources = args.resources;
  const shape = args.shape ?? DEFAULT_SHAPE;
  const strategy = args.scoringStrategy;
  const cpuMemoryOnly =
    resources.length === 2 && resources[0]?.name === 'cpu' && resources[1]?.name === 'memory';
  const cpuWeight = resources[0]?.weight ?? 1;
  const memoryWeight = resources[1]?.weight ?? 1;
  return {
    name: NodeResourcesFit,
    filter(_state, pod, nodeInfo) {
      if (fitsQuickly(pod, nodeInfo)) return SUCCESS;
      const reasons = insufficientResources(pod, nodeInfo);
      return reasons.length === 0 ? SUCCESS : unschedulable(...reasons);
    },
    score(_state, pod, nodeInfo) {
      if (cpuMemoryOnly && strategy !== 'RequestedToCapacityRatio') {
        const a = nodeInfo.allocatable;
        if (a.milliCpu > 0 && a.memory > 0) {
          const cpu = nodeInfo.nonZeroMilliCpu + pod.nonZeroMilliCpu;
          const memory = nodeInfo.nonZeroMemory + pod.nonZeroMemory;
          const f = strategy === 'LeastAllocated' ? leastRequestedScore : mostRequestedScore;
          return Math.trunc(
            (f(cpu, a.milliCpu) * cpuWeight + f(memory, a.memory) * memoryWeight) /
              (cpuWeight + memoryWeight),
          );
        }
      }
      let total = 0;
      let weights = 0;
      for (const { name, weight } of resources) {
        const capacity = allocatableOf(name, nodeInfo);
        if (capacity === 0) continue;
        if (isExtended(name) && (pod.requests.scalar.get(name) ?? 0) === 0) continue;
        const requested = requestedWithPod(name, nodeInfo, pod);
        let score: number;
        if (strategy === 'LeastAllocated') score = leastRequestedScore(requested, capacity);
        else if (strategy === 'MostAllocated') score = mostRequestedScore(requested, capacity);
        else
          score = brokenLinear(
            shape,
            requested > capacity ? 100 : Math.trunc((requested * 100) / capacity),
          );
        total += score * weight;
        weights += weight;
      }
      if (weights === 0) return 0;
      return strategy === 'RequestedToCapacityRatio'
        ? Math.round(total / weights)
        : Math.trunc(total / weights);
    },
  };
}
