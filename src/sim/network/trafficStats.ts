/**
 * Exact per-pod request counts for every Service, from every source (directives, pods' clients,
 * the ingress controller), kept for the life of the Service object (keyed by its UID).
 */
import type { KubeObject } from '../api/types/index.ts';

export interface ServiceTraffic {
  readonly service: string;
  readonly total: number;
  readonly pods: Readonly<Record<string, number>>;
}

export class TrafficStats {
  private readonly byService = new Map<string, Map<string, number>>();
  private readonly failures = new Map<string, Map<string, number>>();

  /** `count` requests the Service delivered to `podName` (which answered). */
  record(svc: KubeObject, podName: string, count: number): void {
    if (count <= 0) return;
    const key = serviceKey(svc);
    let pods = this.byService.get(key);
    if (!pods) {
      pods = new Map();
      this.byService.set(key, pods);
    }
    pods.set(podName, (pods.get(podName) ?? 0) + count);
  }

  /** Requests sent to the Service that no pod answered, by what the client saw. */
  recordFailure(svc: KubeObject, reason: string, count: number): void {
    if (count <= 0) return;
    const key = serviceKey(svc);
    let reasons = this.failures.get(key);
    if (!reasons) {
      reasons = new Map();
      this.failures.set(key, reasons);
    }
    reasons.set(reason, (reasons.get(reason) ?? 0) + count);
  }

  of(svc: KubeObject): ServiceTraffic {
    const pods = this.byService.get(serviceKey(svc)) ?? new Map<string, number>();
    const sorted = [...pods.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let total = 0;
    for (const [, n] of sorted) total += n;
    return { service: svc.metadata.name ?? '', total, pods: Object.fromEntries(sorted) };
  }

  failuresOf(svc: KubeObject): Readonly<Record<string, number>> {
    const reasons = this.failures.get(serviceKey(svc)) ?? new Map<string, number>();
    return Object.fromEntries([...reasons.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

function serviceKey(svc: KubeObject): string {
  return `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}#${svc.metadata.uid ?? ''}`;
}
