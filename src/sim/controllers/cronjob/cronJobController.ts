/**
 * The CronJob controller (v2): creates Jobs `<cronjob>-<scheduled time in minutes>` on the cron
 * schedule in virtual time, honours suspend, startingDeadlineSeconds and concurrencyPolicy
 * (Allow, Forbid, Replace), tracks active Jobs, and trims finished ones to the history limits.
 * Mirrors pkg/controller/cronjob/cronjob_controllerv2.go in outcome and wording.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import type { CronJob, Job, KubeObject } from '../../api/types/index.ts';
import { formatRfc3339, parseRfc3339 } from '../../clock/timeFormat.ts';
import type { VirtualClock } from '../../clock/virtualClock.ts';
import type { EventRecorder } from '../../client/eventRecorder.ts';
import { byOwnerUid, Indexer, keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepClone, deepEqual } from '../../util/objects.ts';
import { controllerOf, controllerRef } from '../controllerUtils.ts';
import { nextRun, parseCron } from './cronSchedule.ts';

const ACTOR = 'cronjob-controller';
const SCHEDULED_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

type CronJobObject = KubeObject & CronJob;
type JobObject = KubeObject & Job;

export class CronJobController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;
  private readonly recorder: EventRecorder;
  private readonly jobsByOwner: Indexer;
  private readonly seenFinished = new Set<string>();

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: ACTOR });
    this.jobsByOwner = new Indexer(ctx.api, 'jobs.batch', byOwnerUid);
    ctx.api.watch('cronjobs.batch', (event) => {
      if (event.type !== 'DELETED') this.queue.add(keyOf(event.object));
    });
    ctx.api.watch('jobs.batch', (event) => {
      const owner = controllerOf(event.object);
      if (owner?.kind === 'CronJob')
        this.queue.add(`${event.object.metadata.namespace ?? ''}/${owner.name}`);
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const cj = this.api.get('cronjobs.batch', namespace, name) as CronJobObject | undefined;
    if (!cj?.spec || cj.metadata.deletionTimestamp) return;
    const now = this.clock.now();
    const jobs = this.jobsByOwner
      .byIndex(cj.metadata.uid ?? '')
      .filter((j) => controllerOf(j)?.uid === cj.metadata.uid) as JobObject[];
    let active = jobs.filter((j) => !finished(j));
    let lastSuccessful = cj.status?.lastSuccessfulTime;
    for (const job of jobs) {
      const done = finished(job);
      if (!done || this.seenFinished.has(job.metadata.uid ?? '')) continue;
      this.seenFinished.add(job.metadata.uid ?? '');
      this.recorder.event(
        cj,
        'Normal',
        'SawCompletedJob',
        `Saw completed job: ${job.metadata.name ?? ''}, condition: ${done}`,
      );
      if (done === 'Complete' && job.status?.completionTime)
        lastSuccessful = job.status.completionTime;
    }
    this.trimHistory(cj, jobs);
    const schedule = parseCron(cj.spec.schedule);
    let lastSchedule = cj.status?.lastScheduleTime;
    if (schedule && !cj.spec.suspend) {
      const since = parseRfc3339(lastSchedule ?? cj.metadata.creationTimestamp ?? '') ?? now;
      // The most recent missed time (kubectl shows one Job per schedule, not a backlog).
      let due: number | undefined;
      let missed = 0;
      for (
        let t = nextRun(schedule, since);
        t !== undefined && t <= now;
        t = nextRun(schedule, t)
      ) {
        due = t;
        if (++missed > 100) break;
      }
      const deadline = cj.spec.startingDeadlineSeconds;
      if (due !== undefined && (deadline === undefined || now - due <= deadline * 1000)) {
        const policy = cj.spec.concurrencyPolicy ?? 'Allow';
        if (policy === 'Forbid' && active.length > 0) {
          // Skipped: the next schedule is looked at when the active Job ends.
        } else {
          if (policy === 'Replace') {
            for (const job of active) this.deleteJob(cj, job);
            active = [];
          }
          const created = this.createJob(cj, due);
          if (created) active = [...active, created];
          lastSchedule = formatRfc3339(due);
        }
      }
      const next = nextRun(schedule, now);
      if (next !== undefined) this.queue.addAfter(key, next - now);
    }
    this.writeStatus(cj, active, lastSchedule, lastSuccessful);
  }

  private createJob(cj: CronJobObject, scheduled: number): JobObject | undefined {
    const template = deepClone(cj.spec?.jobTemplate ?? {});
    const name = `${cj.metadata.name ?? ''}-${String(Math.floor(scheduled / 60_000))}`;
    const namespace = cj.metadata.namespace ?? '';
    if (this.api.get('jobs.batch', namespace, name)) return undefined;
    const metadata = {
      ...(template.metadata ?? {}),
      name,
      namespace,
      annotations: {
        ...(template.metadata?.annotations ?? {}),
        [SCHEDULED_ANNOTATION]: formatRfc3339(scheduled),
      },
      ownerReferences: [controllerRef(cj)],
    };
    delete metadata.creationTimestamp;
    try {
      const job = this.api.create(
        { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: template.spec },
        { actor: ACTOR },
      );
      this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
      return job as JobObject;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${message}`);
      return undefined;
    }
  }

  private deleteJob(cj: CronJobObject, job: JobObject): void {
    try {
      this.api.delete('jobs.batch', job.metadata.namespace ?? '', job.metadata.name ?? '', {
        actor: ACTOR,
        propagationPolicy: 'Background',
      });
      this.recorder.event(
        cj,
        'Normal',
        'SuccessfulDelete',
        `Deleted job ${job.metadata.name ?? ''}`,
      );
    } catch {
      // Gone already.
    }
  }

  /** Keeps the newest successfulJobsHistoryLimit / failedJobsHistoryLimit finished Jobs. */
  private trimHistory(cj: CronJobObject, jobs: JobObject[]): void {
    const byStart = (a: JobObject, b: JobObject): number =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
    for (const [kind, limit] of [
      ['Complete', cj.spec?.successfulJobsHistoryLimit ?? 3],
      ['Failed', cj.spec?.failedJobsHistoryLimit ?? 1],
    ] as const) {
      const done = jobs
        .filter((j) => finished(j) === kind && !j.metadata.deletionTimestamp)
        .sort(byStart);
      for (const job of done.slice(0, Math.max(0, done.length - limit))) this.deleteJob(cj, job);
    }
  }

  private writeStatus(
    cj: CronJobObject,
    active: JobObject[],
    lastSchedule: string | undefined,
    lastSuccessful: string | undefined,
  ): void {
    const next: NonNullable<CronJob['status']> = {
      ...(active.length > 0
        ? {
            active: active.map((j) => ({
              apiVersion: 'batch/v1',
              kind: 'Job',
              name: j.metadata.name ?? '',
              namespace: j.metadata.namespace ?? '',
              uid: j.metadata.uid ?? '',
              resourceVersion: j.metadata.resourceVersion ?? '',
            })),
          }
        : {}),
      ...(lastSchedule ? { lastScheduleTime: lastSchedule } : {}),
      ...(lastSuccessful ? { lastSuccessfulTime: lastSuccessful } : {}),
    };
    const current = cj.status ?? {};
    const strip = (s: typeof next): unknown => ({
      ...s,
      active: (s.active ?? []).map((a) => a.name),
    });
    if (deepEqual(strip(next), strip(current))) return;
    const draft = deepClone(cj);
    draft.status = next;
    this.api.update(draft, { actor: ACTOR, subresource: 'status' });
  }
}

function finished(job: Job): 'Complete' | 'Failed' | undefined {
  const cond = (job.status?.conditions ?? []).find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  return cond?.type as 'Complete' | 'Failed' | undefined;
}
