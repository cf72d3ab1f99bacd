/**
 * Pod garbage collection: every 20 s force-deletes pods bound to nodes that no longer exist (after
 * a 40 s quarantine) and terminating pods that were never scheduled. Mirrors pkg/controller/podgc.
 * The terminated-pod threshold (12500) is never reached in a playground and is not modelled.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import type { KubeObject, Pod } from '../../api/types/index.ts';
import { formatRfc3339 } from '../../clock/timeFormat.ts';
import type { VirtualClock } from '../../clock/virtualClock.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepClone } from '../../util/objects.ts';

const ACTOR = 'pod-garbage-collector';
const GC_CHECK_PERIOD_MS = 20_000;
const QUARANTINE_MS = 40_000;
const TICK = '\u0000gc';

export class PodGCController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;
  /** Node name → when this controller first saw it missing. */
  private readonly missingSince = new Map<string, number>();

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.newQueue();
    this.queue.addAfter(TICK, GC_CHECK_PERIOD_MS);
  }

  sync(): void {
    const now = this.clock.now();
    this.queue.addAfter(TICK, GC_CHECK_PERIOD_MS);
    for (const obj of this.api.list('pods')) {
      const pod = obj as KubeObject & Pod;
      const nodeName = pod.spec?.nodeName;
      if (!nodeName) {
        if (pod.metadata.deletionTimestamp) this.forceDelete(pod, undefined);
        continue;
      }
      if (this.api.get('nodes', '', nodeName)) {
        this.missingSince.delete(nodeName);
        continue;
      }
      const since = this.missingSince.get(nodeName) ?? now;
      this.missingSince.set(nodeName, since);
      if (now - since >= QUARANTINE_MS) this.forceDelete(pod, now);
    }
  }

  private forceDelete(pod: KubeObject & Pod, now: number | undefined): void {
    const namespace = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    try {
      if (now !== undefined) {
        const draft = deepClone(pod);
        const conditions = (draft.status?.conditions ?? []).filter(
          (c) => c.type !== 'DisruptionTarget',
        );
        conditions.push({
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'DeletionByPodGC',
          message: 'PodGC: node no longer exists',
          lastTransitionTime: formatRfc3339(now),
          lastProbeTime: null as unknown as string,
        });
        draft.status = { ...draft.status, conditions };
        this.api.update(draft, { actor: ACTOR, subresource: 'status' });
      }
      this.api.delete('pods', namespace, name, { actor: ACTOR, gracePeriodSeconds: 0 });
    } catch {
      // Gone meanwhile.
    }
  }
}
