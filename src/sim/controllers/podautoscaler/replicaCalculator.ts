/**
 * The HPA's replica calculation for Resource metrics. Mirrors
 * pkg/controller/podautoscaler/replica_calculator.go (GetResourceReplicas, groupPods,
 * calculatePodRequests) and metrics/utilization.go: integer utilization percent, 0.1 tolerance,
 * pending and not-yet-ready pods set aside, missing metrics assumed 100% on scale-down and 0% on
 * scale-up, and no change when that second look flips the direction.
 */
import type { Pod } from '../../api/types/index.ts';
import { bytes, milliCpu } from '../../api/quantity.ts';
import { parseRfc3339 } from '../../clock/timeFormat.ts';

export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay */
export const INITIAL_READINESS_DELAY_MS = 30_000;

export interface PodMetric {
  /** Sum over the pod's containers, in milli-units (millicores, or millibytes for memory). */
  readonly valueMilli: number;
  readonly timestampMs: number;
  readonly windowMs: number;
}

export interface ReplicaInput {
  readonly currentReplicas: number;
  readonly resource: 'cpu' | 'memory';
  readonly pods: readonly Pod[];
  readonly metrics: ReadonlyMap<string, PodMetric>;
  readonly nowMs: number;
  /** Either a utilization percentage or an average value (milli-units) per pod. */
  readonly target: { readonly utilization: number } | { readonly averageMilli: number };
}

export interface ReplicaResult {
  readonly replicas: number;
  /** Utilization percent (for Utilization targets). */
  readonly utilization?: number;
  /** Average usage per pod in milli-units. */
  readonly averageMilli: number;
  readonly timestampMs: number;
}

export class ReplicaCalculationError extends Error {}

export function getResourceReplicas(input: ReplicaInput): ReplicaResult {
  const { resource, pods, nowMs } = input;
  if (input.metrics.size === 0)
    throw new ReplicaCalculationError(
      `unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`,
    );
  if (pods.length === 0)
    throw new ReplicaCalculationError(
      'no pods returned by selector while calculating replica count',
    );
  const metrics = new Map(input.metrics);
  const groups = groupPods(pods, metrics, resource, nowMs);
  for (const name of [...groups.ignored, ...groups.unready]) metrics.delete(name);
  if (metrics.size === 0)
    throw new ReplicaCalculationError(
      'did not receive metrics for targeted pods (pods might be unready)',
    );
  const requests = podRequests(pods, resource);
  const timestampMs = Math.max(...[...metrics.values()].map((m) => m.timestampMs));
  const first = usageRatio(metrics, requests, input.target);
  const scaleUpWithUnready = groups.unready.length > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && groups.missing.length === 0) {
    const replicas =
      Math.abs(1 - first.ratio) <= TOLERANCE
        ? input.currentReplicas
        : Math.ceil(first.ratio * groups.readyCount);
    return { replicas, ...first.report, timestampMs };
  }
  // Second look with assumptions for the pods set aside.
  for (const name of groups.missing) {
    const assumed = first.ratio < 1 ? assumedFullUse(name, requests, input.target) : 0;
    metrics.set(name, { valueMilli: assumed, timestampMs, windowMs: 0 });
  }
  if (scaleUpWithUnready)
    for (const name of groups.unready)
      metrics.set(name, { valueMilli: 0, timestampMs, windowMs: 0 });
  const second = usageRatio(metrics, requests, input.target);
  const flips = (first.ratio < 1 && second.ratio > 1) || (first.ratio > 1 && second.ratio < 1);
  if (Math.abs(1 - second.ratio) <= TOLERANCE || flips)
    return { replicas: input.currentReplicas, ...first.report, timestampMs };
  const proposed = Math.ceil(second.ratio * metrics.size);
  if (
    (second.ratio < 1 && proposed > input.currentReplicas) ||
    (second.ratio > 1 && proposed < input.currentReplicas)
  )
    return { replicas: input.currentReplicas, ...first.report, timestampMs };
  return { replicas: proposed, ...first.report, timestampMs };
}

interface PodGroups {
  readyCount: number;
  readonly unready: string[];
  readonly missing: string[];
  readonly ignored: string[];
}

function groupPods(
  pods: readonly Pod[],
  metrics: ReadonlyMap<string, PodMetric>,
  resource: string,
  nowMs: number,
): PodGroups {
  const groups: PodGroups = { readyCount: 0, unready: [], missing: [], ignored: [] };
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Failed') {
      groups.ignored.push(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      groups.unready.push(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      groups.missing.push(name);
      continue;
    }
    if (resource === 'cpu' && isUnreadyForCpu(pod, metric, nowMs)) {
      groups.unready.push(name);
      continue;
    }
    groups.readyCount++;
  }
  return groups;
}

function isUnreadyForCpu(pod: Pod, metric: PodMetric, nowMs: number): boolean {
  const condition = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const start = pod.status?.startTime ? parseRfc3339(pod.status.startTime) : undefined;
  if (!condition || start === undefined) return true;
  const transition = condition.lastTransitionTime
    ? (parseRfc3339(condition.lastTransitionTime) ?? 0)
    : 0;
  if (start + CPU_INITIALIZATION_PERIOD_MS > nowMs) {
    // Still initialising: unready, or no full metric window since it turned ready.
    return condition.status === 'False' || metric.timestampMs < transition + metric.windowMs;
  }
  // Unready and never been ready.
  return condition.status === 'False' && start + INITIAL_READINESS_DELAY_MS > transition;
}

/** Per-pod requests in milli-units; a container without a request is an error, as upstream. */
function podRequests(pods: readonly Pod[], resource: 'cpu' | 'memory'): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let total = 0;
    for (const container of pod.spec?.containers ?? []) {
      const value = container.resources?.requests?.[resource];
      if (value === undefined)
        throw new ReplicaCalculationError(
          `missing request for ${resource} in container ${container.name} of Pod ${pod.metadata?.name ?? ''}`,
        );
      total += resource === 'cpu' ? milliCpu(value) : bytes(value) * 1000;
    }
    requests.set(pod.metadata?.name ?? '', total);
  }
  return requests;
}

function usageRatio(
  metrics: ReadonlyMap<string, PodMetric>,
  requests: ReadonlyMap<string, number>,
  target: ReplicaInput['target'],
): { ratio: number; report: { utilization?: number; averageMilli: number } } {
  let usage = 0;
  let requested = 0;
  for (const [name, metric] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    usage += metric.valueMilli;
    requested += request;
  }
  const averageMilli = Math.trunc(usage / Math.max(1, metrics.size));
  if ('utilization' in target) {
    if (requested === 0)
      throw new ReplicaCalculationError('no metrics returned matched known pods');
    const utilization = Math.trunc((usage * 100) / requested);
    return { ratio: utilization / target.utilization, report: { utilization, averageMilli } };
  }
  return { ratio: usage / metrics.size / target.averageMilli, report: { averageMilli } };
}

function assumedFullUse(
  name: string,
  requests: ReadonlyMap<string, number>,
  target: ReplicaInput['target'],
): number {
  return 'utilization' in target ? (requests.get(name) ?? 0) : target.averageMilli;
}
