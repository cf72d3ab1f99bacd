/**
 * `kubectl drain NODE`: cordons the node, then evicts its pods through the Eviction API, honouring
 * PodDisruptionBudgets (refused evictions are retried every 5 s) and waiting, in virtual time, for
 * each pod to be gone. Filters and wording follow staging/src/k8s.io/kubectl/pkg/drain.
 */
import type { KubeObject, Pod } from '../../sim/index.ts';
import { isApiError, matchesSelector, parseSelector } from '../../sim/index.ts';
import { KubectlError, type Command, type CommandContext } from '../command.ts';
import { parseDuration } from '../directives/duration.ts';
import { flagBool, flagInt, flagString } from '../shell/flags.ts';

type PodObject = KubeObject & Pod;

const RETRY_MS = 5_000;
/** Without --timeout kubectl waits forever; Kubeplay stops after this much simulated time. */
const MAX_WAIT_MS = 30 * 60_000;

export const drainCommand: Command = {
  name: 'drain',
  flags: [
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'timeout', type: 'string' },
    { name: 'pod-selector', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'dry-run', type: 'string' },
    { name: 'skip-wait-for-delete-timeout', type: 'int' },
  ],
  run(ctx, args) {
    const nodeName = args.positional[0];
    if (nodeName === undefined || args.positional.length > 1)
      throw new KubectlError('USAGE: drain NODE [flags]', 'drain');
    const api = ctx.cluster.api;
    const node = api.get('nodes', '', nodeName);
    if (!node) {
      ctx.err(`Error from server (NotFound): nodes "${nodeName}" not found\n`);
      return 1;
    }
    const timeoutText = flagString(args.flags, 'timeout');
    const timeout = timeoutText === undefined ? undefined : parseDuration(timeoutText);
    if (timeoutText !== undefined && timeout === undefined)
      throw new KubectlError(
        `invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`,
      );
    if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable)
      ctx.out(`node/${nodeName} already cordoned\n`);
    else {
      api.mutate(
        'nodes',
        '',
        nodeName,
        (draft) => {
          (draft.spec as { unschedulable?: boolean }).unschedulable = true;
        },
        { actor: 'kubectl' },
      );
      ctx.out(`node/${nodeName} cordoned\n`);
    }
    ctx.cluster.settle();
    const podSelectorText = flagString(args.flags, 'pod-selector');
    const podSelector = podSelectorText === undefined ? undefined : parseSelector(podSelectorText);
    const pods = (api.list('pods') as PodObject[]).filter(
      (p) =>
        p.spec?.nodeName === nodeName &&
        (podSelector === undefined || matchesSelector(p.metadata.labels, podSelector)),
    );
    const verdict = filterPods(pods, {
      ignoreDaemonSets: flagBool(args.flags, 'ignore-daemonsets'),
      deleteEmptyDir:
        flagBool(args.flags, 'delete-emptydir-data') || flagBool(args.flags, 'delete-local-data'),
      force: flagBool(args.flags, 'force'),
    });
    if (verdict.errors.length > 0) {
      const text = verdict.errors.join(', ');
      ctx.err(
        `error: unable to drain node "${nodeName}" due to error: ${text}, continuing command...\nThere are pending nodes to be drained:\n ${nodeName}\n${verdict.errors.join('\n')}\n`,
      );
      return 1;
    }
    if (verdict.warnings.length > 0) ctx.err(`Warning: ${verdict.warnings.join('; ')}\n`);
    return evictAll(ctx, nodeName, verdict.evict, {
      gracePeriod: flagInt(args.flags, 'grace-period'),
      disableEviction: flagBool(args.flags, 'disable-eviction'),
      timeoutMs: timeout,
      timeoutText: timeoutText ?? '',
    });
  },
};

function filterPods(
  pods: PodObject[],
  opts: { ignoreDaemonSets: boolean; deleteEmptyDir: boolean; force: boolean },
): { evict: PodObject[]; warnings: string[]; errors: string[] } {
  const evict: PodObject[] = [];
  const daemon: string[] = [];
  const bare: string[] = [];
  const local: string[] = [];
  for (const pod of pods) {
    const id = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    const phase = pod.status?.phase;
    const finished = phase === 'Succeeded' || phase === 'Failed';
    if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) continue;
    const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller === true);
    if (ref?.kind === 'DaemonSet') {
      daemon.push(id);
      continue;
    }
    if (!ref && !finished) bare.push(id);
    if ((pod.spec?.volumes ?? []).some((v) => v.emptyDir) && !finished) local.push(id);
    evict.push(pod);
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  if (daemon.length > 0) {
    if (opts.ignoreDaemonSets)
      warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.join(', ')}`);
    else
      errors.push(
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.join(', ')}`,
      );
  }
  if (local.length > 0 && !opts.deleteEmptyDir)
    errors.push(
      `cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.join(', ')}`,
    );
  if (bare.length > 0) {
    if (opts.force) warnings.push(`deleting Pods that declare no controller: ${bare.join(', ')}`);
    else
      errors.push(
        `cannot delete Pods that declare no controller (use --force to override): ${bare.join(', ')}`,
      );
  }
  return { evict, warnings, errors };
}

function evictAll(
  ctx: CommandContext,
  nodeName: string,
  pods: PodObject[],
  opts: {
    gracePeriod: number | undefined;
    disableEviction: boolean;
    timeoutMs: number | undefined;
    timeoutText: string;
  },
): number {
  const cluster = ctx.cluster;
  const start = cluster.now();
  const deadline = start + (opts.timeoutMs ?? MAX_WAIT_MS);
  const pending = new Map(pods.map((p) => [p.metadata.uid ?? '', p]));
  const evicted = new Set<string>();
  const retryAt = new Map<string, number>();
  for (;;) {
    for (const [uid, pod] of pending) {
      if (evicted.has(uid) || (retryAt.get(uid) ?? 0) > cluster.now()) continue;
      const namespace = pod.metadata.namespace ?? '';
      const name = pod.metadata.name ?? '';
      if (!opts.disableEviction) ctx.out(`evicting pod ${namespace}/${name}\n`);
      try {
        const options = {
          actor: 'kubectl',
          ...(opts.gracePeriod !== undefined && opts.gracePeriod >= 0
            ? { gracePeriodSeconds: opts.gracePeriod }
            : {}),
        };
        if (opts.disableEviction) cluster.api.delete('pods', namespace, name, options);
        else cluster.api.evict(namespace, name, options);
        evicted.add(uid);
      } catch (error) {
        if (isApiError(error) && error.reason === 'TooManyRequests') {
          ctx.err(
            `error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${error.message}\n`,
          );
          retryAt.set(uid, cluster.now() + RETRY_MS);
        } else if (isApiError(error) && error.reason === 'NotFound') {
          evicted.add(uid);
        } else throw error;
      }
    }
    cluster.settle();
    for (const [uid, pod] of [...pending]) {
      if (!evicted.has(uid)) continue;
      const live = cluster.api.get('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '');
      if (!live || live.metadata.uid !== uid) {
        pending.delete(uid);
        ctx.out(`pod/${pod.metadata.name ?? ''} ${opts.disableEviction ? 'deleted' : 'evicted'}\n`);
      }
    }
    if (pending.size === 0) {
      ctx.out(`node/${nodeName} drained\n`);
      return 0;
    }
    if (cluster.now() >= deadline) {
      const waiting = [...pending.values()].map((p) => p.metadata.name ?? '');
      const why = waiting
        .map(
          (n) =>
            `error when waiting for pod "${n}" in namespace "${[...pending.values()].find((p) => p.metadata.name === n)?.metadata.namespace ?? ''}" to terminate: global timeout reached: ${opts.timeoutText || '30m0s'}`,
        )
        .join(', ');
      ctx.err(
        `error: unable to drain node "${nodeName}" due to error: [${why}], continuing command...\nThere are pending nodes to be drained:\n ${nodeName}\n`,
      );
      return 1;
    }
    cluster.advance(Math.min(500, deadline - cluster.now()));
  }
}
