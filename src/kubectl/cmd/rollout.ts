/**
 * `kubectl rollout status|history|undo|restart|pause|resume` for Deployments (and status/restart
 * for DaemonSets and StatefulSets), with kubectl's messages (polymorphichelpers rollout_status.go,
 * history.go, rollback.go). `status` waits as kubectl does: virtual time passes while it watches.
 */
import type {
  DaemonSet,
  Deployment,
  KubeObject,
  ReplicaSet,
  StatefulSet,
} from '../../sim/index.ts';
import {
  formatRfc3339,
  isApiError,
  qualifiedResource,
  type ResourceType,
} from '../../sim/index.ts';
import { KubectlError, type Command, type CommandContext } from '../command.ts';
import { parseDuration } from '../directives/duration.ts';
import { kindPrefix } from '../resources.ts';
import { flagInt, flagString } from '../shell/flags.ts';
import { parseTypeNames } from './targets.ts';

const SUBCOMMANDS = ['status', 'history', 'undo', 'restart', 'pause', 'resume'];
const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
/** How long `rollout status` watches when no --timeout is given (kubectl would wait forever). */
const MAX_WAIT_MS = 20 * 60_000;

type DeploymentObject = KubeObject & Deployment;

export const rolloutCommand: Command = {
  name: 'rollout',
  flags: [
    { name: 'to-revision', type: 'int' },
    { name: 'revision', type: 'int' },
    { name: 'watch', short: 'w', type: 'bool', defaultValue: true },
    { name: 'timeout', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'dry-run', type: 'string' },
  ],
  run(ctx, args) {
    const [sub, ...words] = args.positional;
    if (sub === undefined || !SUBCOMMANDS.includes(sub))
      throw new KubectlError(
        sub === undefined
          ? 'Required resource not specified.'
          : `unknown command "${sub}" for "kubectl rollout"`,
        'rollout',
      );
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    if (words.length === 0)
      throw new KubectlError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    let code = 0;
    for (const { type, name } of parseTypeNames(words)) {
      if (name === undefined)
        throw new KubectlError('resource(s) were provided, but no name was specified');
      const resource = qualifiedResource(type);
      const obj = ctx.cluster.api.get(resource, namespace, name);
      if (!obj) {
        ctx.err(`Error from server (NotFound): ${resource} "${name}" not found\n`);
        code = 1;
        continue;
      }
      const supported: Record<string, string[]> = {
        status: ['Deployment', 'DaemonSet', 'StatefulSet'],
        history: ['Deployment', 'DaemonSet', 'StatefulSet'],
        undo: ['Deployment'],
        restart: ['Deployment', 'DaemonSet', 'StatefulSet'],
        pause: ['Deployment'],
        resume: ['Deployment'],
      };
      if (!(supported[sub] ?? []).includes(type.kind)) {
        throw new KubectlError(
          sub === 'status'
            ? `no status viewer has been implemented for ${type.kind}`
            : sub === 'history' || sub === 'undo'
              ? `no history viewer has been implemented for ${JSON.stringify(type.group)} ${JSON.stringify(type.kind)}`
              : `${type.plural} "${name}" ${sub === 'restart' ? 'restarting' : sub === 'pause' ? 'pausing' : 'resuming'} is not supported`,
        );
      }
      const label = `${kindPrefix(type)}/${name}`;
      switch (sub) {
        case 'status':
          code = Math.max(code, status(ctx, type, namespace, name, args.flags));
          break;
        case 'history':
          // TODO(#4): DaemonSet and StatefulSet history from their ControllerRevisions.
          if (type.kind !== 'Deployment')
            throw new KubectlError(
              `rollout history for ${type.plural} is not simulated yet in this version of Kubeplay`,
            );
          history(ctx, obj as DeploymentObject, label, flagInt(args.flags, 'revision'));
          break;
        case 'undo':
          undo(ctx, obj as DeploymentObject, label, flagInt(args.flags, 'to-revision') ?? 0);
          break;
        case 'restart':
          mutate(ctx, resource, namespace, name, (draft) => {
            if ((draft.spec as { paused?: boolean }).paused)
              throw new KubectlError(
                `${resource} "${name}" can't restart paused deployment (run rollout resume first)`,
              );
            const spec = draft.spec as {
              template: { metadata?: { annotations?: Record<string, string> } };
            };
            spec.template.metadata ??= {};
            spec.template.metadata.annotations = {
              ...(spec.template.metadata.annotations ?? {}),
              'kubectl.kubernetes.io/restartedAt': formatRfc3339(ctx.cluster.now()),
            };
          });
          ctx.out(`${label} restarted\n`);
          break;
        case 'pause':
        case 'resume': {
          const paused = (obj.spec as { paused?: boolean } | undefined)?.paused === true;
          if (paused === (sub === 'pause'))
            throw new KubectlError(
              `${resource} "${name}" is ${sub === 'pause' ? 'already paused' : 'not paused'}`,
            );
          mutate(ctx, resource, namespace, name, (draft) => {
            const spec = draft.spec as { paused?: boolean };
            if (sub === 'pause') spec.paused = true;
            else delete spec.paused;
          });
          ctx.out(`${label} ${sub === 'pause' ? 'paused' : 'resumed'}\n`);
          break;
        }
      }
    }
    return code;
  },
};

function mutate(
  ctx: CommandContext,
  resource: string,
  namespace: string,
  name: string,
  change: (draft: KubeObject) => void,
): void {
  try {
    ctx.cluster.api.mutate(resource, namespace, name, change, { actor: 'kubectl' });
  } catch (error) {
    if (isApiError(error)) throw new KubectlError(error.message);
    throw error;
  }
}

/** One status message and whether the rollout is done (rollout_status.go). */
function statusOf(obj: KubeObject, kind: string): { message: string; done: boolean } {
  const name = obj.metadata.name ?? '';
  const generation = obj.metadata.generation ?? 0;
  if (kind === 'Deployment') {
    const d = obj as DeploymentObject;
    const s = d.status ?? {};
    if (generation <= (s.observedGeneration ?? 0)) {
      const progressing = (s.conditions ?? []).find((c) => c.type === 'Progressing');
      if (progressing?.reason === 'ProgressDeadlineExceeded')
        throw new KubectlError(`deployment "${name}" exceeded its progress deadline`);
      const replicas = d.spec?.replicas ?? 1;
      const updated = s.updatedReplicas ?? 0;
      if (updated < replicas)
        return {
          message: `Waiting for deployment "${name}" rollout to finish: ${String(updated)} out of ${String(replicas)} new replicas have been updated...\n`,
          done: false,
        };
      if ((s.replicas ?? 0) > updated)
        return {
          message: `Waiting for deployment "${name}" rollout to finish: ${String((s.replicas ?? 0) - updated)} old replicas are pending termination...\n`,
          done: false,
        };
      if ((s.availableReplicas ?? 0) < updated)
        return {
          message: `Waiting for deployment "${name}" rollout to finish: ${String(s.availableReplicas ?? 0)} of ${String(updated)} updated replicas are available...\n`,
          done: false,
        };
      return { message: `deployment "${name}" successfully rolled out\n`, done: true };
    }
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (kind === 'DaemonSet') {
    const ds = obj as KubeObject & DaemonSet;
    if (ds.spec?.updateStrategy?.type !== 'RollingUpdate')
      throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
    const s = ds.status;
    if (s && generation <= (s.observedGeneration ?? 0)) {
      const desired = s.desiredNumberScheduled;
      if ((s.updatedNumberScheduled ?? 0) < desired)
        return {
          message: `Waiting for daemon set "${name}" rollout to finish: ${String(s.updatedNumberScheduled ?? 0)} out of ${String(desired)} new pods have been updated...\n`,
          done: false,
        };
      if ((s.numberAvailable ?? 0) < desired)
        return {
          message: `Waiting for daemon set "${name}" rollout to finish: ${String(s.numberAvailable ?? 0)} of ${String(desired)} updated pods are available...\n`,
          done: false,
        };
      return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
    }
    return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  const sts = obj as KubeObject & StatefulSet;
  if (sts.spec?.updateStrategy?.type !== 'RollingUpdate')
    throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
  const s = sts.status;
  if (!s?.observedGeneration || generation > s.observedGeneration)
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = sts.spec.replicas ?? 1;
  if ((s.readyReplicas ?? 0) < replicas)
    return {
      message: `Waiting for ${String(replicas - (s.readyReplicas ?? 0))} pods to be ready...\n`,
      done: false,
    };
  const partition = sts.spec.updateStrategy.rollingUpdate?.partition ?? 0;
  if (partition > 0) {
    const want = replicas - partition;
    if ((s.updatedReplicas ?? 0) < want)
      return {
        message: `Waiting for partitioned roll out to finish: ${String(s.updatedReplicas ?? 0)} out of ${String(want)} new pods have been updated...\n`,
        done: false,
      };
    return {
      message: `partitioned roll out complete: ${String(s.updatedReplicas ?? 0)} new pods have been updated...\n`,
      done: true,
    };
  }
  if (s.updateRevision !== s.currentRevision)
    return {
      message: `waiting for statefulset rolling update to complete ${String(s.updatedReplicas ?? 0)} pods at revision ${s.updateRevision ?? ''}...\n`,
      done: false,
    };
  return {
    message: `statefulset rolling update complete ${String(s.currentReplicas ?? 0)} pods at revision ${s.currentRevision ?? ''}...\n`,
    done: true,
  };
}

function status(
  ctx: CommandContext,
  type: ResourceType,
  namespace: string,
  name: string,
  flags: Map<string, unknown>,
): number {
  const resource = qualifiedResource(type);
  const watch = flags.get('watch') !== false;
  const timeoutText = flagString(flags as never, 'timeout');
  const timeout =
    timeoutText === undefined || timeoutText === '0s' || timeoutText === '0'
      ? undefined
      : parseDuration(timeoutText);
  if (
    timeoutText !== undefined &&
    timeout === undefined &&
    timeoutText !== '0s' &&
    timeoutText !== '0'
  )
    throw new KubectlError(
      `invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`,
    );
  const deadline = ctx.cluster.now() + (timeout ?? MAX_WAIT_MS);
  let last = '';
  for (;;) {
    const obj = ctx.cluster.api.get(resource, namespace, name);
    if (!obj) throw new KubectlError(`object has been deleted`);
    const { message, done } = statusOf(obj, type.kind);
    if (message !== last) ctx.out(message);
    last = message;
    if (done || !watch) return 0;
    if (ctx.cluster.now() >= deadline) {
      if (timeout === undefined) {
        ctx.err(
          `error: Kubeplay stopped watching after ${String(MAX_WAIT_MS / 60_000)} minutes of simulated time\n`,
        );
        return 1;
      }
      throw new KubectlError('timed out waiting for the condition');
    }
    ctx.cluster.advance(Math.min(500, deadline - ctx.cluster.now()));
  }
}

function ownedReplicaSets(ctx: CommandContext, d: DeploymentObject): (KubeObject & ReplicaSet)[] {
  return (
    ctx.cluster.api.list('replicasets.apps', d.metadata.namespace) as (KubeObject & ReplicaSet)[]
  ).filter((rs) =>
    (rs.metadata.ownerReferences ?? []).some(
      (r) => r.controller === true && r.uid === d.metadata.uid,
    ),
  );
}

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? '0') || 0;
}

function history(
  ctx: CommandContext,
  d: DeploymentObject,
  label: string,
  revision: number | undefined,
): void {
  const byRevision = new Map(ownedReplicaSets(ctx, d).map((rs) => [revisionOf(rs), rs]));
  const revisions = [...byRevision.keys()].filter((r) => r > 0).sort((a, b) => a - b);
  if (revision !== undefined && revision > 0) {
    const rs = byRevision.get(revision);
    if (!rs) throw new KubectlError(`unable to find the specified revision`);
    ctx.out(`${label} with revision #${String(revision)}\n${describeTemplate(rs)}\n`);
    return;
  }
  const rows = [
    ['REVISION', 'CHANGE-CAUSE'],
    ...revisions.map((r) => [
      String(r),
      byRevision.get(r)?.metadata.annotations?.[CHANGE_CAUSE] || '<none>',
    ]),
  ];
  const width = Math.max(...rows.map((r) => (r[0] ?? '').length)) + 2;
  ctx.out(
    `${label}\n${rows.map((r) => `${(r[0] ?? '').padEnd(width)}${r[1] ?? ''}\n`).join('')}\n`,
  );
}

/** The Pod Template block of `rollout history --revision` (a short form of describe's). */
function describeTemplate(rs: KubeObject & ReplicaSet): string {
  const template = rs.spec?.template;
  const labels = Object.entries(template?.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  const lines = ['Pod Template:', `  Labels:\t${labels.join('\n\t')}`];
  const annotations = Object.entries(template?.metadata?.annotations ?? {});
  if (annotations.length > 0)
    lines.push(`  Annotations:\t${annotations.map(([k, v]) => `${k}: ${v}`).join('\n\t')}`);
  lines.push('  Containers:');
  for (const c of template?.spec?.containers ?? []) {
    lines.push(`   ${c.name}:`, `    Image:\t${c.image ?? ''}`);
    const ports = (c.ports ?? []).map((p) => `${String(p.containerPort)}/${p.protocol ?? 'TCP'}`);
    lines.push(
      `    Port:\t${ports.join(', ') || '<none>'}`,
      `    Host Port:\t${ports.length > 0 ? ports.map((p) => `0/${p.split('/')[1] ?? 'TCP'}`).join(', ') : '<none>'}`,
    );
    lines.push('    Environment:\t<none>', '    Mounts:\t<none>');
  }
  lines.push('  Volumes:\t<none>', '  Node-Selectors:\t<none>', '  Tolerations:\t<none>');
  return `${alignTabs(lines).join('\n')}\n`;
}

function alignTabs(lines: string[]): string[] {
  const width = Math.max(...lines.filter((l) => l.includes('\t')).map((l) => l.indexOf('\t'))) + 1;
  return lines.flatMap((l) => {
    const tab = l.indexOf('\t');
    if (tab < 0) return [l];
    const [first = '', ...rest] = l.slice(tab + 1).split('\n\t');
    return [
      `${l.slice(0, tab).padEnd(width)}${first}`,
      ...rest.map((r) => `${' '.repeat(width)}${r}`),
    ];
  });
}

function undo(ctx: CommandContext, d: DeploymentObject, label: string, toRevision: number): void {
  const name = d.metadata.name ?? '';
  if (d.spec?.paused)
    throw new KubectlError(
      `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`,
    );
  const sets = ownedReplicaSets(ctx, d);
  const byRevision = new Map(sets.map((rs) => [revisionOf(rs), rs]));
  const revisions = [...byRevision.keys()].sort((a, b) => b - a);
  let target;
  if (toRevision === 0) {
    if (revisions.length <= 1)
      throw new KubectlError(`no rollout history found for deployment "${name}"`);
    target = byRevision.get(revisions[1] ?? 0);
  } else {
    target = byRevision.get(toRevision);
    if (!target)
      throw new KubectlError(`unable to find specified revision ${String(toRevision)} in history`);
  }
  if (!target) throw new KubectlError(`no rollout history found for deployment "${name}"`);
  const template = structuredClone(target.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  const current = JSON.stringify(d.spec?.template);
  if (JSON.stringify(template) === current) {
    ctx.out(
      `${label} skipped rollback (current template already matches revision ${String(revisionOf(target))})\n`,
    );
    return;
  }
  const cause = target.metadata.annotations?.[CHANGE_CAUSE];
  mutate(ctx, 'deployments.apps', d.metadata.namespace ?? '', name, (draft) => {
    (draft.spec as { template: unknown }).template = template;
    const annotations = { ...(draft.metadata.annotations ?? {}) };
    if (cause === undefined) delete annotations[CHANGE_CAUSE];
    else annotations[CHANGE_CAUSE] = cause;
    draft.metadata.annotations = annotations;
  });
  ctx.out(`${label} rolled back\n`);
}
