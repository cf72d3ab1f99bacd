/** Helpers shared by controllers (pkg/controller/controller_utils.go). */
import type { KubeObject, OwnerReference, Pod } from '../api/types/index.ts';

export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences ?? []).find((ref) => ref.controller === true);
}

export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Ready for at least minReadySeconds at `now` (podutil.IsPodAvailable). */
export function isPodAvailable(
  pod: Pod,
  minReadySeconds: number,
  now: number,
  parseTime: (t: string) => number | undefined,
): boolean {
  const ready = (pod.status?.conditions ?? []).find(
    (c) => c.type === 'Ready' && c.status === 'True',
  );
  if (!ready) return false;
  if (minReadySeconds <= 0) return true;
  const since = ready.lastTransitionTime ? parseTime(ready.lastTransitionTime) : undefined;
  return since !== undefined && since + minReadySeconds * 1000 <= now;
}

/** ms until a ready pod turns available, or undefined if it is not ready or already available. */
export function msUntilAvailable(
  pod: Pod,
  minReadySeconds: number,
  now: number,
  parseTime: (t: string) => number | undefined,
): number | undefined {
  const ready = (pod.status?.conditions ?? []).find(
    (c) => c.type === 'Ready' && c.status === 'True',
  );
  if (!ready || minReadySeconds <= 0) return undefined;
  const since = ready.lastTransitionTime ? parseTime(ready.lastTransitionTime) : undefined;
  if (since === undefined) return undefined;
  const left = since + minReadySeconds * 1000 - now;
  return left > 0 ? left : undefined;
}
