/**
 * Taint-based eviction: deletes pods from nodes with NoExecute taints they do not tolerate, at once
 * or when their `tolerationSeconds` run out (300 s for not-ready/unreachable, added by the
 * DefaultTolerationSeconds admission plugin). Mirrors pkg/controller/tainteviction.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import { tolerates } from '../../api/helpers/taints.ts';
import type { KubeObject, Node, Pod, Taint } from '../../api/types/index.ts';
import { formatRfc3339, parseRfc3339 } from '../../clock/timeFormat.ts';
import type { VirtualClock } from '../../clock/virtualClock.ts';
import type { EventRecorder } from '../../client/eventRecorder.ts';
import { byNodeName, Indexer, keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepClone, deepEqual } from '../../util/objects.ts';

const ACTOR = 'taint-eviction-controller';

export class TaintEvictionController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;
  private readonly recorder: EventRecorder;
  private readonly podsByNode: Indexer;

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: ACTOR });
    this.podsByNode = new Indexer(ctx.api, 'pods', byNodeName);
    ctx.api.watch('nodes', (event) => {
      const before = noExecute((event.previous as (KubeObject & Node) | undefined)?.spec?.taints);
      const after = noExecute((event.object as KubeObject & Node).spec?.taints);
      if (event.type === 'DELETED' || deepEqual(before, after)) return;
      for (const pod of this.podsByNode.byIndex(event.object.metadata.name ?? ''))
        this.queue.add(keyOf(pod));
    });
    ctx.api.watch('pods', (event) => {
      if (event.type === 'DELETED') return;
      const nodeName = (event.object.spec as { nodeName?: string } | undefined)?.nodeName;
      const before = (event.previous?.spec as { nodeName?: string } | undefined)?.nodeName;
      if (nodeName && nodeName !== before) this.queue.add(keyOf(event.object));
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('pods', namespace, name) as (KubeObject & Pod) | undefined;
    if (!pod || pod.metadata.deletionTimestamp || !pod.spec?.nodeName) return;
    const node = this.api.get('nodes', '', pod.spec.nodeName) as (KubeObject & Node) | undefined;
    const taints = noExecute(node?.spec?.taints);
    if (taints.length === 0) return;
    const now = this.clock.now();
    let evictAt = Infinity;
    for (const taint of taints) {
      const matching = (pod.spec.tolerations ?? []).filter(
        (t) =>
          (t.effect === undefined || t.effect === '' || t.effect === 'NoExecute') &&
          tolerates(t, taint),
      );
      if (matching.length === 0) {
        evictAt = now;
        break;
      }
      const seconds = matching.map((t) => t.tolerationSeconds);
      if (seconds.some((s) => s === undefined)) continue;
      const minSeconds = Math.max(0, Math.min(...seconds.map((s) => s ?? 0)));
      const added = (taint.timeAdded ? parseRfc3339(taint.timeAdded) : undefined) ?? now;
      evictAt = Math.min(evictAt, added + minSeconds * 1000);
    }
    if (evictAt === Infinity) return;
    if (evictAt > now) {
      this.queue.addAfter(key, evictAt - now);
      return;
    }
    this.evict(pod, now);
  }

  private evict(pod: KubeObject & Pod, now: number): void {
    const namespace = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    this.recorder.event(
      pod,
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${namespace}/${name}`,
    );
    const draft = deepClone(pod);
    const conditions = (draft.status?.conditions ?? []).filter(
      (c) => c.type !== 'DisruptionTarget',
    );
    conditions.push({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: formatRfc3339(now),
      lastProbeTime: null as unknown as string,
    });
    draft.status = { ...draft.status, conditions };
    try {
      this.api.update(draft, { actor: ACTOR, subresource: 'status' });
      this.api.delete('pods', namespace, name, { actor: ACTOR });
    } catch {
      // Gone already.
    }
  }
}

function noExecute(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === 'NoExecute');
}
