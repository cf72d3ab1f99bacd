/**
 * Deletes finished Jobs (and, through the garbage collector, their pods) once
 * `ttlSecondsAfterFinished` has passed. Mirrors pkg/controller/ttlafterfinished.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import type { Job, KubeObject } from '../../api/types/index.ts';
import { parseRfc3339 } from '../../clock/timeFormat.ts';
import type { VirtualClock } from '../../clock/virtualClock.ts';
import { keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';

const ACTOR = 'ttl-after-finished-controller';

export class TtlAfterFinishedController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.newQueue();
    ctx.api.watch('jobs.batch', (event) => {
      if (event.type !== 'DELETED') this.queue.add(keyOf(event.object));
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const job = this.api.get('jobs.batch', namespace, name) as (KubeObject & Job) | undefined;
    const ttl = job?.spec?.ttlSecondsAfterFinished;
    if (!job || ttl === undefined || job.metadata.deletionTimestamp) return;
    const finished = (job.status?.conditions ?? []).find(
      (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    if (!finished?.lastTransitionTime) return;
    const expireAt = (parseRfc3339(finished.lastTransitionTime) ?? 0) + ttl * 1000;
    const now = this.clock.now();
    if (expireAt > now) {
      this.queue.addAfter(key, expireAt - now);
      return;
    }
    try {
      this.api.delete('jobs.batch', namespace, name, {
        actor: ACTOR,
        propagationPolicy: 'Foreground',
      });
    } catch {
      // Deleted meanwhile.
    }
  }
}
