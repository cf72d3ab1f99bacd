/**
 * The Job controller: runs pods until `completions` succeed (NonIndexed or Indexed), at most
 * `parallelism` at a time, recreates failed pods with the 10 s doubling back-off (capped at six
 * minutes), and ends the Job Complete or Failed (BackoffLimitExceeded, DeadlineExceeded).
 * Mirrors pkg/controller/job/job_controller.go in outcome and wording.
 * TODO(#4): podFailurePolicy, backoffLimitPerIndex, successPolicy, suspend/resume and the
 * batch.kubernetes.io/job-tracking finalizer are not modelled yet.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import type { Job, KubeObject, Pod } from '../../api/types/index.ts';
import { formatRfc3339, parseRfc3339 } from '../../clock/timeFormat.ts';
import type { VirtualClock } from '../../clock/virtualClock.ts';
import type { EventRecorder } from '../../client/eventRecorder.ts';
import { byOwnerUid, Indexer, keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepClone, deepEqual } from '../../util/objects.ts';
import { controllerOf, controllerRef, isPodReady } from '../controllerUtils.ts';

const ACTOR = 'job-controller';
export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 6 * 60_000;

type JobObject = KubeObject & Job;
type JobCondition = NonNullable<NonNullable<Job['status']>['conditions']>[number];
type PodObject = KubeObject & Pod;

interface Tally {
  succeeded: Set<string>;
  failed: Set<string>;
  /** Indexes that succeeded (Indexed mode). */
  indexes: Set<number>;
  lastFailure: number;
}

export class JobController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;
  private readonly recorder: EventRecorder;
  private readonly podsByOwner: Indexer;
  private readonly tallies = new Map<string, Tally>();

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: ACTOR });
    this.podsByOwner = new Indexer(ctx.api, 'pods', byOwnerUid);
    ctx.api.watch('jobs.batch', (event) => {
      if (event.type === 'DELETED') this.tallies.delete(event.object.metadata.uid ?? '');
      else this.queue.add(keyOf(event.object));
    });
    ctx.api.watch('pods', (event) => {
      const owner = controllerOf(event.object);
      if (owner?.kind === 'Job')
        this.queue.add(`${event.object.metadata.namespace ?? ''}/${owner.name}`);
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const job = this.api.get('jobs.batch', namespace, name) as JobObject | undefined;
    if (!job || job.metadata.deletionTimestamp) return;
    const uid = job.metadata.uid ?? '';
    const tally = this.tallyOf(uid);
    const pods = this.podsByOwner
      .byIndex(uid)
      .filter((p) => controllerOf(p)?.uid === uid) as PodObject[];
    const now = this.clock.now();
    const spec = job.spec;
    if (!spec) return;
    const indexed = spec.completionMode === 'Indexed';
    for (const pod of pods) {
      const podUid = pod.metadata.uid ?? '';
      if (pod.status?.phase === 'Succeeded' && !tally.succeeded.has(podUid)) {
        tally.succeeded.add(podUid);
        const index = indexOf(pod);
        if (indexed && index !== undefined) tally.indexes.add(index);
      } else if (pod.status?.phase === 'Failed' && !tally.failed.has(podUid)) {
        tally.failed.add(podUid);
        tally.lastFailure = Math.max(tally.lastFailure, finishedAt(pod) ?? now);
      }
    }
    const active = pods.filter(
      (p) =>
        p.status?.phase !== 'Succeeded' &&
        p.status?.phase !== 'Failed' &&
        !p.metadata.deletionTimestamp,
    );
    const terminating = pods.filter(
      (p) =>
        p.metadata.deletionTimestamp &&
        p.status?.phase !== 'Succeeded' &&
        p.status?.phase !== 'Failed',
    );
    const finished = finishedCondition(job);
    if (finished) {
      this.writeStatus(job, tally, active, terminating, now);
      return;
    }
    const succeeded = indexed ? tally.indexes.size : tally.succeeded.size;
    const failed = tally.failed.size;
    const startTime = job.status?.startTime ? (parseRfc3339(job.status.startTime) ?? now) : now;
    const restarts = active.reduce(
      (sum, p) => sum + (p.status?.containerStatuses ?? []).reduce((s, c) => s + c.restartCount, 0),
      0,
    );
    const backoffLimit = spec.backoffLimit ?? 6;
    const onFailure = spec.template.spec?.restartPolicy === 'OnFailure';
    const overLimit = onFailure
      ? backoffLimit === 0
        ? restarts > 0
        : restarts >= backoffLimit
      : failed > backoffLimit;
    const deadline = spec.activeDeadlineSeconds;
    const pastDeadline = deadline !== undefined && now >= startTime + deadline * 1000;
    if (overLimit || pastDeadline) {
      const [reason, message] = overLimit
        ? ['BackoffLimitExceeded', 'Job has reached the specified backoff limit']
        : ['DeadlineExceeded', 'Job was active longer than specified deadline'];
      this.deletePods(job, active);
      this.recorder.event(job, 'Warning', reason, message);
      this.finish(job, tally, [], terminating, now, 'Failed', reason, message);
      return;
    }
    const completions = spec.completions;
    const done =
      completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= completions;
    if (done) {
      this.deletePods(job, active);
      this.recorder.event(job, 'Normal', 'Completed', 'Job completed');
      this.finish(
        job,
        tally,
        [],
        terminating,
        now,
        'Complete',
        'CompletionsReached',
        'Reached expected number of succeeded pods',
      );
      return;
    }
    if (deadline !== undefined) this.queue.addAfter(key, startTime + deadline * 1000 - now);
    if (!spec.suspend) this.manage(job, active, tally, succeeded, now);
    this.writeStatus(job, tally, active, terminating, now);
  }

  private tallyOf(uid: string): Tally {
    let tally = this.tallies.get(uid);
    if (!tally) {
      tally = { succeeded: new Set(), failed: new Set(), indexes: new Set(), lastFailure: 0 };
      this.tallies.set(uid, tally);
    }
    return tally;
  }

  /** Creates pods up to the parallelism still needed, after the failure back-off. */
  private manage(
    job: JobObject,
    active: PodObject[],
    tally: Tally,
    succeeded: number,
    now: number,
  ): void {
    const spec = job.spec;
    if (!spec) return;
    const parallelism = spec.parallelism ?? 1;
    const completions = spec.completions;
    const remaining =
      completions === undefined ? (succeeded > 0 ? 0 : parallelism) : completions - succeeded;
    const want = Math.max(0, Math.min(parallelism, remaining));
    const missing = want - active.length;
    if (missing <= 0) return;
    const failures = tally.failed.size;
    if (failures > 0) {
      const delay = Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_MAX_MS);
      const readyAt = tally.lastFailure + delay;
      if (readyAt > now) {
        this.queue.addAfter(keyOf(job), readyAt - now);
        return;
      }
    }
    const indexes: (number | undefined)[] = [];
    if (spec.completionMode === 'Indexed') {
      const busy = new Set(active.map(indexOf));
      for (let i = 0; i < (completions ?? 0) && indexes.length < missing; i++)
        if (!tally.indexes.has(i) && !busy.has(i)) indexes.push(i);
    } else for (let i = 0; i < missing; i++) indexes.push(undefined);
    for (const index of indexes) {
      const pod = this.podFor(job, index);
      try {
        const created = this.api.create(pod, { actor: ACTOR });
        this.recorder.event(
          job,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${created.metadata.name ?? ''}`,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${message}`);
        return;
      }
    }
  }

  private podFor(job: JobObject, index: number | undefined): KubeObject {
    const template = deepClone(job.spec?.template ?? {});
    const name = job.metadata.name ?? '';
    const metadata = {
      ...(template.metadata ?? {}),
      generateName: index === undefined ? `${name}-` : `${name}-${String(index)}-`,
      namespace: job.metadata.namespace,
      ownerReferences: [controllerRef(job)],
    };
    delete metadata.creationTimestamp;
    const spec = template.spec ?? { containers: [] };
    if (index !== undefined) {
      metadata.annotations = {
        ...(metadata.annotations ?? {}),
        [COMPLETION_INDEX_ANNOTATION]: String(index),
      };
      metadata.labels = {
        ...(metadata.labels ?? {}),
        [COMPLETION_INDEX_ANNOTATION]: String(index),
      };
      spec.hostname = `${name}-${String(index)}`;
      for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
        c.env = [
          ...(c.env ?? []),
          {
            name: 'JOB_COMPLETION_INDEX',
            valueFrom: {
              fieldRef: {
                apiVersion: 'v1',
                fieldPath: `metadata.labels['${COMPLETION_INDEX_ANNOTATION}']`,
              },
            },
          },
        ];
      }
    }
    return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
  }

  private deletePods(job: JobObject, pods: PodObject[]): void {
    for (const pod of pods) {
      try {
        this.api.delete('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '', {
          actor: ACTOR,
        });
        this.recorder.event(
          job,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name ?? ''}`,
        );
      } catch {
        // Gone already.
      }
    }
  }

  private finish(
    job: JobObject,
    tally: Tally,
    active: PodObject[],
    terminating: PodObject[],
    now: number,
    type: 'Complete' | 'Failed',
    reason: string,
    message: string,
  ): void {
    const time = formatRfc3339(now);
    const interim = type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget';
    const cond = (t: string): JobCondition => ({
      type: t,
      status: 'True',
      lastProbeTime: time,
      lastTransitionTime: time,
      reason,
      message,
    });
    const conditions = [
      ...(job.status?.conditions ?? []).filter((c) => c.type !== 'Suspended'),
      cond(interim),
      cond(type),
    ];
    this.writeStatus(job, tally, active, terminating, now, {
      conditions,
      ...(type === 'Complete' ? { completionTime: time } : {}),
    });
  }

  private writeStatus(
    job: JobObject,
    tally: Tally,
    active: PodObject[],
    terminating: PodObject[],
    now: number,
    extra: Partial<NonNullable<Job['status']>> = {},
  ): void {
    const current = job.status ?? {};
    const indexed = job.spec?.completionMode === 'Indexed';
    const next: NonNullable<Job['status']> = {
      ...current,
      ...(current.startTime || job.spec?.suspend ? {} : { startTime: formatRfc3339(now) }),
      active: active.length,
      ready: active.filter(isPodReady).length,
      succeeded: indexed ? tally.indexes.size : tally.succeeded.size,
      failed: tally.failed.size,
      terminating: terminating.length,
      uncountedTerminatedPods: {},
      ...extra,
    };
    if (indexed) {
      const completed = formatIndexes([...tally.indexes]);
      if (completed) next.completedIndexes = completed;
    }
    for (const field of ['active', 'succeeded', 'failed'] as const)
      if (next[field] === 0) delete next[field];
    if (deepEqual(next, current)) return;
    const draft = deepClone(job);
    draft.status = next;
    this.api.update(draft, { actor: ACTOR, subresource: 'status' });
  }
}

function finishedCondition(job: Job): JobCondition | undefined {
  return (job.status?.conditions ?? []).find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

function indexOf(pod: Pod): number | undefined {
  const text = pod.metadata?.annotations?.[COMPLETION_INDEX_ANNOTATION];
  return text === undefined ? undefined : Number(text);
}

function finishedAt(pod: Pod): number | undefined {
  const times = (pod.status?.containerStatuses ?? [])
    .map((c) => c.state?.terminated?.finishedAt)
    .filter((t): t is string => t !== undefined)
    .map((t) => parseRfc3339(t) ?? 0);
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** `0-2,5`: the completedIndexes format. */
export function formatIndexes(indexes: number[]): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] ?? 0) === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${String(sorted[i])}-${String(sorted[j])}`);
    i = j + 1;
  }
  return parts.join(',');
}
