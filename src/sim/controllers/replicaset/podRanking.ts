/**
 * The order in which a ReplicaSet deletes surplus pods (controller.ActivePodsWithRanks.Less):
 * unscheduled first, then Pending < Unknown < Running, not-ready before ready, lower deletion cost,
 * more doubled-up on a node, more recently ready, more restarts, newer.
 */
import type { Pod } from '../../api/types/index.ts';
import { parseRfc3339 } from '../../clock/timeFormat.ts';
import { isPodReady } from '../controllerUtils.ts';

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

const log2Bucket = (ms: number): number => (ms <= 0 ? 0 : Math.floor(Math.log2(ms / 1000 + 1)));

export function rankPodsForDeletion<T extends Pod>(
  pods: readonly T[],
  doubledUp: (pod: Pod) => number,
  now: number,
): T[] {
  const readySince = (pod: Pod): number => {
    const c = (pod.status?.conditions ?? []).find((x) => x.type === 'Ready' && x.status === 'True');
    return c?.lastTransitionTime ? (parseRfc3339(c.lastTransitionTime) ?? 0) : 0;
  };
  const restarts = (pod: Pod): number =>
    Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount));
  const cost = (pod: Pod): number =>
    Number(pod.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
  const created = (pod: Pod): number => parseRfc3339(pod.metadata?.creationTimestamp ?? '') ?? 0;
  return [...pods].sort((a, b) => {
    const scheduledA = a.spec?.nodeName ? 1 : 0;
    const scheduledB = b.spec?.nodeName ? 1 : 0;
    if (scheduledA !== scheduledB) return scheduledA - scheduledB;
    const phaseA = PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0;
    const phaseB = PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0;
    if (phaseA !== phaseB) return phaseA - phaseB;
    const readyA = isPodReady(a) ? 1 : 0;
    const readyB = isPodReady(b) ? 1 : 0;
    if (readyA !== readyB) return readyA - readyB;
    if (cost(a) !== cost(b)) return cost(a) - cost(b);
    if (doubledUp(a) !== doubledUp(b)) return doubledUp(b) - doubledUp(a);
    if (readyA === 1 && readyB === 1) {
      const ra = log2Bucket(now - readySince(a));
      const rb = log2Bucket(now - readySince(b));
      if (ra !== rb) return ra - rb;
    }
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const ca = log2Bucket(now - created(a));
    const cb = log2Bucket(now - created(b));
    if (ca !== cb) return ca - cb;
    const ua = a.metadata?.uid ?? '';
    const ub = b.metadata?.uid ?? '';
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  });
}
