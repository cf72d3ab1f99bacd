/** Deployment, ReplicaSet, DaemonSet, StatefulSet, Job and CronJob describers (describe.go). */
import type {
  DaemonSet,
  Deployment,
  Job,
  KubeObject,
  Pod,
  ReplicaSet,
  StatefulSet,
} from '../../sim/index.ts';
import { formatLabelSelector, parseRfc3339 } from '../../sim/index.ts';
import { humanDuration } from '../printers/humanDuration.ts';
import { describePodTemplate } from './containers.ts';
import type { DescribeContext } from './context.ts';
import { describeEvents, eventsFor, printAnnotations, printLabels, rfc1123 } from './helpers.ts';
import { controllerOf } from './describePod.ts';
import { PrefixWriter } from './tabWriter.ts';

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** labels.Selector.String(): requirements sorted by key, `a=b,c in (d,e)`. */
export function selectorString(selector: Parameters<typeof formatLabelSelector>[0]): string {
  const text = formatLabelSelector(selector);
  return text === '<none>' ? '' : text;
}

function header(w: PrefixWriter, obj: KubeObject): void {
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
}

function events(w: PrefixWriter, obj: KubeObject, ctx: DescribeContext): void {
  if (ctx.showEvents)
    describeEvents(w, eventsFor(ctx.api.list('events', obj.metadata.namespace), obj), ctx.now);
}

/** getPodStatusForController: pods the controller owns, counted by phase. */
function podStatuses(ctx: DescribeContext, obj: KubeObject): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of ctx.api.list('pods', obj.metadata.namespace) as Pod[]) {
    const ref = (p.metadata?.ownerReferences ?? []).find((r) => r.controller);
    if (!ref || ref.uid !== obj.metadata.uid) continue;
    const phase = p.status?.phase as keyof typeof counts | undefined;
    if (phase && phase in counts) counts[phase]++;
  }
  return `${String(counts.Running)} Running / ${String(counts.Pending)} Waiting / ${String(counts.Succeeded)} Succeeded / ${String(counts.Failed)} Failed`;
}

function conditionsTable(
  w: PrefixWriter,
  conditions: readonly { type: string; status: string; reason?: string }[] | undefined,
): void {
  if (!conditions || conditions.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

export function describeDeployment(obj: KubeObject, ctx: DescribeContext): string {
  const d = obj as Deployment;
  const w = new PrefixWriter();
  header(w, obj);
  w.write(0, `CreationTimestamp:\t${rfc1123(obj.metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `Selector:\t${selectorString(d.spec?.selector)}\n`);
  const s = d.status ?? {};
  w.write(
    0,
    `Replicas:\t${String(d.spec?.replicas ?? 1)} desired | ${String(s.updatedReplicas ?? 0)} updated | ${String(s.replicas ?? 0)} total | ${String(s.availableReplicas ?? 0)} available | ${String(s.unavailableReplicas ?? 0)} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${String(d.spec?.minReadySeconds ?? 0)}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru)
    w.write(
      0,
      `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? '25%')} max unavailable, ${String(ru.maxSurge ?? '25%')} max surge\n`,
    );
  describePodTemplate(w, d.spec?.template);
  conditionsTable(w, s.conditions);
  const owned = (ctx.api.list('replicasets.apps', obj.metadata.namespace) as ReplicaSet[]).filter(
    (rs) =>
      (rs.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === obj.metadata.uid),
  );
  if (owned.length > 0) {
    // deploymentutil.EqualIgnoreHash: the new ReplicaSet's template is the Deployment's.
    const wanted = stableJson(d.spec?.template);
    const isNew = (rs: ReplicaSet): boolean => {
      const template = structuredClone(rs.spec?.template) ?? {};
      if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
      return stableJson(template) === wanted;
    };
    const describeSet = (list: ReplicaSet[]): string =>
      list.length === 0
        ? '<none>'
        : list
            .map(
              (rs) =>
                `${rs.metadata?.name ?? ''} (${String(rs.status?.replicas ?? 0)}/${String(rs.spec?.replicas ?? 0)} replicas created)`,
            )
            .join(', ');
    w.write(0, `OldReplicaSets:\t${describeSet(owned.filter((rs) => !isNew(rs)))}\n`);
    w.write(0, `NewReplicaSet:\t${describeSet(owned.filter(isNew))}\n`);
  }
  events(w, obj, ctx);
  return w.toString();
}

export function describeReplicaSet(obj: KubeObject, ctx: DescribeContext): string {
  const rs = obj as ReplicaSet;
  const w = new PrefixWriter();
  header(w, obj);
  w.write(0, `Selector:\t${selectorString(rs.spec?.selector)}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  const controlledBy = controllerOf(obj);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  w.write(
    0,
    `Replicas:\t${String(rs.status?.replicas ?? 0)} current / ${String(rs.spec?.replicas ?? 1)} desired\n`,
  );
  w.write(0, `Pods Status:\t${podStatuses(ctx, obj)}\n`);
  describePodTemplate(w, rs.spec?.template);
  conditionsTable(w, rs.status?.conditions);
  events(w, obj, ctx);
  return w.toString();
}

export function describeDaemonSet(obj: KubeObject, ctx: DescribeContext): string {
  const ds = obj as DaemonSet;
  const s = ds.status;
  const w = new PrefixWriter();
  header(w, obj);
  w.write(0, `Selector:\t${selectorString(ds.spec?.selector)}\n`);
  const nodeSelector = Object.entries(ds.spec?.template.spec?.nodeSelector ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  w.write(0, `Node-Selector:\t${nodeSelector === '' ? '<none>' : nodeSelector}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${String(s?.desiredNumberScheduled ?? 0)}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${String(s?.currentNumberScheduled ?? 0)}\n`);
  w.write(
    0,
    `Number of Nodes Scheduled with Up-to-date Pods: ${String(s?.updatedNumberScheduled ?? 0)}\n`,
  );
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${String(s?.numberAvailable ?? 0)}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${String(s?.numberMisscheduled ?? 0)}\n`);
  w.write(0, `Pods Status:\t${podStatuses(ctx, obj)}\n`);
  describePodTemplate(w, ds.spec?.template);
  events(w, obj, ctx);
  return w.toString();
}

export function describeStatefulSet(obj: KubeObject, ctx: DescribeContext): string {
  const sts = obj as StatefulSet;
  const w = new PrefixWriter();
  header(w, obj);
  w.write(0, `CreationTimestamp:\t${rfc1123(obj.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(sts.spec?.selector)}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(
    0,
    `Replicas:\t${String(sts.spec?.replicas ?? 1)} desired | ${String(sts.status?.replicas ?? 0)} total\n`,
  );
  w.write(0, `Update Strategy:\t${sts.spec?.updateStrategy?.type ?? ''}\n`);
  const ru = sts.spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(1, `Partition:\t${String(ru.partition)}\n`);
    if (ru.maxUnavailable !== undefined)
      w.write(1, `MaxUnavailable:\t${String(ru.maxUnavailable)}\n`);
  }
  w.write(0, `Pods Status:\t${podStatuses(ctx, obj)}\n`);
  describePodTemplate(w, sts.spec?.template);
  const claims = sts.spec?.volumeClaimTemplates ?? [];
  if (claims.length === 0) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const pvc of claims) {
      w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.write(1, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`);
      printLabels(w, 'Labels', pvc.metadata?.labels, '  ');
      printLabels(w, 'Annotations', pvc.metadata?.annotations, '  ');
      const capacity = pvc.spec?.resources?.requests?.storage;
      w.write(1, `Capacity:\t${capacity === undefined ? '<default>' : capacity}\n`);
      w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  events(w, obj, ctx);
  return w.toString();
}

export function describeJob(obj: KubeObject, ctx: DescribeContext): string {
  const job = obj as Job;
  const spec = job.spec;
  const s = job.status ?? {};
  const w = new PrefixWriter();
  header(w, obj);
  w.write(0, `Selector:\t${selectorString(spec?.selector)}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  const controlledBy = controllerOf(obj);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (spec?.parallelism !== undefined) w.write(0, `Parallelism:\t${String(spec.parallelism)}\n`);
  w.write(
    0,
    `Completions:\t${spec?.completions !== undefined ? String(spec.completions) : '<unset>'}\n`,
  );
  if (spec?.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec?.suspend !== undefined) w.write(0, `Suspend:\t${String(spec.suspend)}\n`);
  if (spec?.backoffLimit !== undefined)
    w.write(0, `Backoff Limit:\t${String(spec.backoffLimit)}\n`);
  if (spec?.ttlSecondsAfterFinished !== undefined)
    w.write(0, `TTL Seconds After Finished:\t${String(spec.ttlSecondsAfterFinished)}\n`);
  if (s.startTime) w.write(0, `Start Time:\t${rfc1123(s.startTime)}\n`);
  if (s.completionTime) w.write(0, `Completed At:\t${rfc1123(s.completionTime)}\n`);
  if (s.startTime && s.completionTime)
    w.write(
      0,
      `Duration:\t${humanDuration((parseRfc3339(s.completionTime) ?? 0) - (parseRfc3339(s.startTime) ?? 0))}\n`,
    );
  if (spec?.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${String(spec.activeDeadlineSeconds)}s\n`);
  const counts = `${String(s.active ?? 0)} Active${s.ready !== undefined ? ` (${String(s.ready)} Ready)` : ''} / ${String(s.succeeded ?? 0)} Succeeded / ${String(s.failed ?? 0)} Failed`;
  w.write(0, `Pods Statuses:\t${counts}\n`);
  describePodTemplate(w, spec?.template);
  events(w, obj, ctx);
  return w.toString();
}

export function describeCronJob(obj: KubeObject, ctx: DescribeContext): string {
  const spec = obj.spec as
    | {
        schedule?: string;
        concurrencyPolicy?: string;
        suspend?: boolean;
        timeZone?: string;
        successfulJobsHistoryLimit?: number;
        failedJobsHistoryLimit?: number;
        startingDeadlineSeconds?: number;
        jobTemplate?: { spec?: Job['spec'] };
      }
    | undefined;
  const status = obj.status as
    { lastScheduleTime?: string; active?: { name?: string }[] } | undefined;
  const w = new PrefixWriter();
  header(w, obj);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  const orUnset = (v: number | string | undefined, suffix = ''): string =>
    v === undefined ? '<unset>' : `${String(v)}${suffix}`;
  w.write(0, `Schedule:\t${spec?.schedule ?? ''}\n`);
  w.write(0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`);
  w.write(
    0,
    `Suspend:\t${spec?.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`,
  );
  w.write(0, `Time Zone:\t${orUnset(spec?.timeZone)}\n`);
  w.write(0, `Successful Job History Limit:\t${orUnset(spec?.successfulJobsHistoryLimit)}\n`);
  w.write(0, `Failed Job History Limit:\t${orUnset(spec?.failedJobsHistoryLimit)}\n`);
  w.write(0, `Starting Deadline Seconds:\t${orUnset(spec?.startingDeadlineSeconds, 's')}\n`);
  const jt = spec?.jobTemplate?.spec;
  w.write(0, `Selector:\t${jt?.selector ? selectorString(jt.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${orUnset(jt?.parallelism)}\n`);
  w.write(0, `Completions:\t${orUnset(jt?.completions)}\n`);
  if (jt?.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${String(jt.activeDeadlineSeconds)}s\n`);
  describePodTemplate(w, jt?.template);
  w.write(
    0,
    `Last Schedule Time:\t${status?.lastScheduleTime ? rfc1123(status.lastScheduleTime) : '<unset>'}\n`,
  );
  const active = (status?.active ?? []).map((j) => j.name ?? '');
  w.write(0, `Active Jobs:\t${active.length === 0 ? '<none>' : active.join(', ')}\n`);
  events(w, obj, ctx);
  return w.toString();
}
