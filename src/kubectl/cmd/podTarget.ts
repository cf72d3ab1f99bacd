/**
 * Resolves the pod that `logs` and `exec` act on: `POD`, `pod/POD`, or a controller such as
 * `deploy/web` (its first pod, as kubectl's AttachablePodForObject picks it), and the container
 * (`-c`, the default-container annotation, or the first one with a `Defaulted container` note).
 */
import type { Container, KubeObject, LabelSelector, Pod } from '../../sim/index.ts';
import { labelSelectorMatches, qualifiedResource } from '../../sim/index.ts';
import { KubectlError, type CommandContext } from '../command.ts';
import { resolveResource } from '../resources.ts';

export type PodObject = KubeObject & Pod;

export function resolvePod(ctx: CommandContext, text: string, namespace: string): PodObject {
  const api = ctx.cluster.api;
  const slash = text.indexOf('/');
  if (slash < 0 || resolveResource(text.slice(0, slash)).kind === 'Pod') {
    const name = slash < 0 ? text : text.slice(slash + 1);
    const pod = api.get('pods', namespace, name);
    if (!pod) throw new NotFound(`pods "${name}" not found`);
    return pod as PodObject;
  }
  const type = resolveResource(text.slice(0, slash));
  const name = text.slice(slash + 1);
  const resource = qualifiedResource(type);
  const owner = api.get(resource, namespace, name);
  if (!owner) throw new NotFound(`${resource} "${name}" not found`);
  const selector = (owner.spec as { selector?: LabelSelector | Record<string, string> } | undefined)
    ?.selector;
  const labelSelector: LabelSelector | undefined =
    type.kind === 'Service' || type.kind === 'ReplicationController'
      ? { matchLabels: selector as Record<string, string> }
      : selector;
  const pods = (api.list('pods', namespace) as PodObject[]).filter(
    (p) => labelSelector !== undefined && labelSelectorMatches(labelSelector, p.metadata.labels),
  );
  const sorted = [...pods].sort(byLogging);
  const first = sorted[0];
  if (!first) throw new KubectlError(`no pods found for ${type.singular}/${name}`);
  if (pods.length > 1)
    ctx.err(`Found ${String(pods.length)} pods, using pod/${first.metadata.name ?? ''}\n`);
  return first;
}

/** podutils.ByLogging: running and ready pods first, then the older ones. */
function byLogging(a: PodObject, b: PodObject): number {
  const score = (p: PodObject): number =>
    (p.spec?.nodeName ? 0 : 4) +
    (p.status?.phase === 'Running' ? 0 : 2) +
    ((p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 1);
  const diff = score(a) - score(b);
  if (diff !== 0) return diff;
  const at = a.metadata.creationTimestamp ?? '';
  const bt = b.metadata.creationTimestamp ?? '';
  return at < bt ? -1 : at > bt ? 1 : 0;
}

/** The container to act on; prints kubectl's `Defaulted container` note when it had to choose. */
export function resolveContainer(
  ctx: CommandContext,
  pod: PodObject,
  requested: string | undefined,
): Container {
  const containers = pod.spec?.containers ?? [];
  const init = pod.spec?.initContainers ?? [];
  if (requested !== undefined) {
    const found = [...containers, ...init].find((c) => c.name === requested);
    if (!found)
      throw new KubectlError(
        `container ${requested} is not valid for pod ${pod.metadata.name ?? ''}`,
      );
    return found;
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const chosen = containers.find((c) => c.name === annotated) ?? containers[0];
  if (!chosen) throw new KubectlError(`pod ${pod.metadata.name ?? ''} has no containers`);
  if (containers.length + init.length > 1 && annotated === undefined) {
    const names = [...containers.map((c) => c.name), ...init.map((c) => `${c.name} (init)`)];
    ctx.err(`Defaulted container "${chosen.name}" out of: ${names.join(', ')}\n`);
  }
  return chosen;
}

/** An API error kubectl prints as `Error from server (NotFound): …`. */
export class NotFound extends Error {}
