/**
 * Taint and toleration matching (k8s.io/component-helpers/scheduling/corev1 and core/v1/helper),
 * shared by the scheduler, the DaemonSet controller and taint-based eviction.
 */
import type { Taint, Toleration } from '../types/index.ts';

export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key === undefined || toleration.key === '') {
    // An empty key with Exists matches every taint.
    return toleration.operator === 'Exists';
  }
  if (toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

export function isTolerated(taint: Taint, tolerations: readonly Toleration[] | undefined): boolean {
  return (tolerations ?? []).some((t) => tolerates(t, taint));
}

/** The first taint with one of `effects` that no toleration covers, as FindMatchingUntoleratedTaint. */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  effects: readonly string[],
): Taint | undefined {
  return (taints ?? []).find(
    (taint) => effects.includes(taint.effect) && !isTolerated(taint, tolerations),
  );
}

/** `key=value:Effect` or `key:Effect`, as kubectl and describe print taints. */
export function formatTaint(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}
