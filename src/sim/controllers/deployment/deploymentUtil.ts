/** Pure helpers of the Deployment controller (pkg/controller/deployment/util/deployment_util.go). */
import type { PodTemplateSpec, ReplicaSet } from '../../api/types/index.ts';
import { canonicalJson, deepClone } from '../../util/objects.ts';
import { hashString } from '../../random/seededRandom.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** utilrand.SafeEncodeString: each character of the decimal hash mapped into a vowel-free alphabet. */
export function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++)
    out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length] ?? '';
  return out;
}

/**
 * controller.ComputeHash: FNV-32a over the pod template (and the collision count), printed in decimal
 * and safe-encoded. The upstream hash runs over Go's struct dump, so the digits differ; the shape
 * and stability (same template ⇒ same hash) are the same.
 */
export function computePodTemplateHash(
  template: PodTemplateSpec | undefined,
  collisionCount?: number,
): string {
  const text = canonicalJson(template ?? {}) + (collisionCount ? String(collisionCount) : '');
  return safeEncode(String(hashString(text)));
}

/** The template without the pod-template-hash label, for comparing a ReplicaSet to its Deployment. */
export function templateWithoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const copy = deepClone(template ?? {});
  if (copy.metadata?.labels) {
    const { [POD_TEMPLATE_HASH_LABEL]: _hash, ...rest } = copy.metadata.labels;
    copy.metadata.labels = rest;
  }
  return copy;
}

export function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0) || 0;
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(
  value: number | string | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) return Number(value) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both 0 means maxUnavailable 1. */
export function resolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  replicas: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, replicas, true);
  let unavailable = scaledValue(maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}
