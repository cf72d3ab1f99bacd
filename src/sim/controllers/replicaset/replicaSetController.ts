/**
 * The ReplicaSet controller: keeps `spec.replicas` pods matching the selector.
 * Mirrors pkg/controller/replicaset/replica_set.go (syncReplicaSet, manageReplicas).
 */
import type { ApiServer } from '../../api/apiServer.ts';
import { labelSelectorMatches } from '../../api/labels.ts';
import type { KubeObject, Pod, ReplicaSet } from '../../api/types/index.ts';
import { parseRfc3339 } from '../../clock/timeFormat.ts';
import type { EventRecorder } from '../../client/eventRecorder.ts';
import { byOwnerUid, Indexer, keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepClone, deepEqual } from '../../util/objects.ts';
import {
  controllerOf,
  controllerRef,
  isPodActive,
  isPodAvailable,
  isPodReady,
  msUntilAvailable,
} from '../controllerUtils.ts';
import { rankPodsForDeletion } from './podRanking.ts';

const ACTOR = 'replicaset-controller';

export class ReplicaSetController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly podsByOwner: Indexer;
  private readonly orphanPods: Indexer;
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ComponentContext) {
    this.api = ctx.api;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: ACTOR });
    this.podsByOwner = new Indexer(ctx.api, 'pods', byOwnerUid);
    // Only pods without a controller can be adopted: index them so a sync does not scan every pod.
    this.orphanPods = new Indexer(ctx.api, 'pods', (pod) =>
      controllerOf(pod) ? [] : [pod.metadata.namespace ?? ''],
    );
    ctx.api.watch('replicasets.apps', (event) => {
      this.queue.add(keyOf(event.object));
    });
    ctx.api.watch('pods', (event) => {
      const pod = event.object;
      const owner = controllerOf(pod);
      if (owner?.kind === 'ReplicaSet') {
        this.queue.add(`${pod.metadata.namespace ?? ''}/${owner.name}`);
      } else if (!owner && event.type !== 'DELETED') {
        this.enqueueAdopters(pod);
      }
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const rs = this.api.get('replicasets.apps', namespace, name) as
      (KubeObject & ReplicaSet) | undefined;
    if (!rs || rs.metadata.deletionTimestamp) return;
    this.adoptOrphans(rs);
    const pods = this.podsByOwner
      .byIndex(rs.metadata.uid ?? '')
      .filter((p) => controllerOf(p)?.uid === rs.metadata.uid) as (KubeObject & Pod)[];
    const active = pods.filter(isPodActive);
    const want = rs.spec?.replicas ?? 1;
    const diff = active.length - want;
    if (diff < 0) this.createPods(rs, -diff);
    else if (diff > 0) this.deletePods(rs, active, diff);
    this.updateStatus(rs);
  }

  private enqueueAdopters(pod: KubeObject): void {
    for (const rs of this.api.iterate('replicasets.apps', pod.metadata.namespace)) {
      if (labelSelectorMatches((rs as ReplicaSet).spec?.selector, pod.metadata.labels))
        this.queue.add(keyOf(rs));
    }
  }

  /** Claims orphan pods that match the selector, as ClaimPods does. */
  private adoptOrphans(rs: KubeObject & ReplicaSet): void {
    for (const pod of this.orphanPods.byIndex(rs.metadata.namespace ?? '')) {
      if (pod.metadata.deletionTimestamp) continue;
      if (!labelSelectorMatches(rs.spec?.selector, pod.metadata.labels)) continue;
      if (!isPodActive(pod as Pod)) continue;
      this.api.mutate(
        'pods',
        pod.metadata.namespace ?? '',
        pod.metadata.name ?? '',
        (draft) => {
          draft.metadata.ownerReferences = [
            ...(draft.metadata.ownerReferences ?? []),
            controllerRef(rs),
          ];
        },
        { actor: ACTOR },
      );
    }
  }

  private createPods(rs: KubeObject & ReplicaSet, count: number): void {
    const template = rs.spec?.template ?? {};
    for (let i = 0; i < count; i++) {
      const pod: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...deepClone(template.metadata ?? {}),
          generateName: `${rs.metadata.name ?? ''}-`,
          namespace: rs.metadata.namespace,
          ownerReferences: [controllerRef(rs)],
        },
        spec: deepClone(template.spec),
      };
      delete pod.metadata.creationTimestamp;
      try {
        const created = this.api.create(pod, { actor: ACTOR });
        this.recorder.event(
          rs,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${created.metadata.name ?? ''}`,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${message}`);
        return;
      }
    }
  }

  private deletePods(
    rs: KubeObject & ReplicaSet,
    active: (KubeObject & Pod)[],
    count: number,
  ): void {
    const ranked = rankPodsForDeletion(active, this.podsOnSameNodeCounter(active), this.api.now());
    for (const pod of ranked.slice(0, count)) {
      try {
        this.api.delete('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '', {
          actor: ACTOR,
        });
        this.recorder.event(
          rs,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name ?? ''}`,
        );
      } catch {
        // Already gone: the next sync sees the current state.
      }
    }
  }

  private podsOnSameNodeCounter(pods: readonly Pod[]): (pod: Pod) => number {
    const perNode = new Map<string, number>();
    for (const pod of pods) {
      const node = pod.spec?.nodeName ?? '';
      perNode.set(node, (perNode.get(node) ?? 0) + 1);
    }
    return (pod) => (pod.spec?.nodeName ? (perNode.get(pod.spec.nodeName) ?? 0) : 0);
  }

  private updateStatus(rs: KubeObject & ReplicaSet): void {
    const pods = this.podsByOwner
      .byIndex(rs.metadata.uid ?? '')
      .filter((p) => controllerOf(p)?.uid === rs.metadata.uid && isPodActive(p as Pod)) as Pod[];
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const now = this.api.now();
    const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
    const status = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.filter((p) =>
        Object.entries(templateLabels).every(([k, v]) => p.metadata?.labels?.[k] === v),
      ).length,
      readyReplicas: pods.filter(isPodReady).length,
      availableReplicas: pods.filter((p) => isPodAvailable(p, minReady, now, parseRfc3339)).length,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    for (const pod of pods) {
      const wait = msUntilAvailable(pod, minReady, now, parseRfc3339);
      if (wait !== undefined) this.queue.addAfter(keyOf(rs), wait);
    }
    const current = rs.status ?? {};
    const next = { ...current, ...status };
    if (next.readyReplicas === 0) delete (next as { readyReplicas?: number }).readyReplicas;
    if (next.availableReplicas === 0)
      delete (next as { availableReplicas?: number }).availableReplicas;
    if (next.fullyLabeledReplicas === 0)
      delete (next as { fullyLabeledReplicas?: number }).fullyLabeledReplicas;
    if (deepEqual(next, current)) return;
    const draft = deepClone(rs);
    draft.status = next;
    this.api.update(draft, { actor: ACTOR, subresource: 'status' });
  }
}
