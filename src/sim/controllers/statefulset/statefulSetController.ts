/**
 * The StatefulSet controller: pods `<set>-<ordinal>` with stable hostnames, claims
 * `<template>-<set>-<ordinal>` that outlive the pods, OrderedReady or Parallel management, and
 * rolling updates from the highest ordinal down to the partition, one pod at a time. Revisions are
 * ControllerRevisions `<set>-<hash>`. Mirrors pkg/controller/statefulset in outcome and wording.
 * TODO(#4): persistentVolumeClaimRetentionPolicy (Delete), rollingUpdate.maxUnavailable and
 * minReadySeconds are not modelled; claims are always retained.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import type { KubeObject, Pod, PodTemplateSpec, StatefulSet } from '../../api/types/index.ts';
import type { EventRecorder } from '../../client/eventRecorder.ts';
import { byOwnerUid, Indexer, keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepClone, deepEqual } from '../../util/objects.ts';
import { controllerOf, controllerRef, isPodReady } from '../controllerUtils.ts';
import { computePodTemplateHash } from '../deployment/deploymentUtil.ts';

const ACTOR = 'statefulset-controller';
export const REVISION_LABEL = 'controller-revision-hash';
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

type SetObject = KubeObject & StatefulSet;
type PodObject = KubeObject & Pod;

export class StatefulSetController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly recorder: EventRecorder;
  private readonly podsByOwner: Indexer;

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: ACTOR });
    this.podsByOwner = new Indexer(ctx.api, 'pods', byOwnerUid);
    ctx.api.watch('statefulsets.apps', (event) => {
      if (event.type !== 'DELETED') this.queue.add(keyOf(event.object));
    });
    ctx.api.watch('pods', (event) => {
      const owner = controllerOf(event.object);
      if (owner?.kind === 'StatefulSet')
        this.queue.add(`${event.object.metadata.namespace ?? ''}/${owner.name}`);
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const set = this.api.get('statefulsets.apps', namespace, name) as SetObject | undefined;
    if (!set?.spec || set.metadata.deletionTimestamp) return;
    const updateRevision = this.ensureRevision(set);
    const pods = this.podsByOwner
      .byIndex(set.metadata.uid ?? '')
      .filter((p) => controllerOf(p)?.uid === set.metadata.uid) as PodObject[];
    const byOrdinal = new Map<number, PodObject>();
    for (const pod of pods) {
      const ordinal = ordinalOf(set, pod);
      if (ordinal !== undefined) byOrdinal.set(ordinal, pod);
    }
    const replicas = set.spec.replicas ?? 1;
    const parallel = set.spec.podManagementPolicy === 'Parallel';
    const healthy = (p: PodObject | undefined): boolean =>
      p !== undefined &&
      !p.metadata.deletionTimestamp &&
      p.status?.phase === 'Running' &&
      isPodReady(p);
    let blocked = false;
    // Create or replace pods 0..replicas-1, in order (OrderedReady waits for each to be ready).
    for (let i = 0; i < replicas && !blocked; i++) {
      const pod = byOrdinal.get(i);
      if (!pod) {
        this.createPod(set, i, updateRevision);
        if (!parallel) blocked = true;
        continue;
      }
      const phase = pod.status?.phase;
      if ((phase === 'Failed' || phase === 'Succeeded') && !pod.metadata.deletionTimestamp) {
        this.deletePod(set, pod);
        if (!parallel) blocked = true;
        continue;
      }
      if (!parallel && !healthy(pod)) blocked = true;
    }
    // Scale down from the highest ordinal (OrderedReady: one at a time, only when the rest is healthy).
    const extras = [...byOrdinal.entries()]
      .filter(([i]) => i >= replicas)
      .sort((a, b) => b[0] - a[0]);
    for (const [, pod] of extras) {
      if (blocked) break;
      if (pod.metadata.deletionTimestamp) {
        if (!parallel) blocked = true;
        continue;
      }
      this.deletePod(set, pod);
      if (!parallel) blocked = true;
    }
    // Rolling update: highest ordinal first, down to the partition, one pod at a time.
    const strategy = set.spec.updateStrategy;
    if (!blocked && strategy?.type !== 'OnDelete') {
      const partition = strategy?.rollingUpdate?.partition ?? 0;
      const all = [...Array(replicas).keys()].map((i) => byOrdinal.get(i));
      if (all.every(healthy)) {
        for (let i = replicas - 1; i >= partition; i--) {
          const pod = byOrdinal.get(i);
          if (pod && pod.metadata.labels?.[REVISION_LABEL] !== updateRevision) {
            this.deletePod(set, pod);
            break;
          }
        }
      }
    }
    this.updateStatus(set, updateRevision);
  }

  /** The ControllerRevision for the current template; returns its name (`<set>-<hash>`). */
  private ensureRevision(set: SetObject): string {
    const template = set.spec?.template;
    const hash = computePodTemplateHash(template, set.status?.collisionCount);
    const name = `${set.metadata.name ?? ''}-${hash}`;
    const namespace = set.metadata.namespace ?? '';
    if (!this.api.get('controllerrevisions.apps', namespace, name)) {
      const existing = [...this.api.iterate('controllerrevisions.apps', namespace)].filter(
        (r) => controllerOf(r)?.uid === set.metadata.uid,
      );
      const revision =
        Math.max(0, ...existing.map((r) => (r as { revision?: number }).revision ?? 0)) + 1;
      this.api.create(
        {
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          metadata: {
            name,
            namespace,
            labels: { ...(set.spec?.selector.matchLabels ?? {}), [REVISION_LABEL]: hash },
            ownerReferences: [controllerRef(set)],
          },
          data: { spec: { template: { ...deepClone(template ?? {}), $patch: 'replace' } } },
          revision,
        },
        { actor: ACTOR },
      );
    }
    return name;
  }

  private createPod(set: SetObject, ordinal: number, revision: string): void {
    const setName = set.metadata.name ?? '';
    const podName = `${setName}-${String(ordinal)}`;
    const namespace = set.metadata.namespace ?? '';
    const template: PodTemplateSpec = deepClone(set.spec?.template ?? {});
    const spec = template.spec ?? { containers: [] };
    const volumes = (spec.volumes ?? []).filter(
      (v) => !(set.spec?.volumeClaimTemplates ?? []).some((t) => t.metadata?.name === v.name),
    );
    for (const claim of set.spec?.volumeClaimTemplates ?? []) {
      const claimName = `${claim.metadata?.name ?? ''}-${podName}`;
      volumes.push({ name: claim.metadata?.name ?? '', persistentVolumeClaim: { claimName } });
      if (!this.api.get('persistentvolumeclaims', namespace, claimName)) {
        try {
          this.api.create(
            {
              apiVersion: 'v1',
              kind: 'PersistentVolumeClaim',
              metadata: {
                name: claimName,
                namespace,
                labels: { ...(set.spec?.selector.matchLabels ?? {}) },
              },
              spec: deepClone(claim.spec ?? {}),
            },
            { actor: ACTOR },
          );
          this.recorder.event(
            set,
            'Normal',
            'SuccessfulCreate',
            `create Claim ${claimName} Pod ${podName} in StatefulSet ${setName} success`,
          );
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          this.recorder.event(
            set,
            'Warning',
            'FailedCreate',
            `create Claim ${claimName} for Pod ${podName} in StatefulSet ${setName} failed error: ${message}`,
          );
          return;
        }
      }
    }
    spec.volumes = volumes;
    if (volumes.length === 0) delete spec.volumes;
    spec.hostname = podName;
    if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...(template.metadata ?? {}),
        name: podName,
        namespace,
        labels: {
          ...(template.metadata?.labels ?? {}),
          [REVISION_LABEL]: revision,
          [POD_NAME_LABEL]: podName,
          [POD_INDEX_LABEL]: String(ordinal),
        },
        ownerReferences: [controllerRef(set)],
      },
      spec,
    };
    delete pod.metadata.creationTimestamp;
    try {
      this.api.create(pod, { actor: ACTOR });
      this.recorder.event(
        set,
        'Normal',
        'SuccessfulCreate',
        `create Pod ${podName} in StatefulSet ${setName} successful`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.recorder.event(
        set,
        'Warning',
        'FailedCreate',
        `create Pod ${podName} in StatefulSet ${setName} failed error: ${message}`,
      );
    }
  }

  private deletePod(set: SetObject, pod: PodObject): void {
    try {
      this.api.delete('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '', {
        actor: ACTOR,
      });
      this.recorder.event(
        set,
        'Normal',
        'SuccessfulDelete',
        `delete Pod ${pod.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''} successful`,
      );
    } catch {
      // Gone already.
    }
  }

  private updateStatus(set: SetObject, updateRevision: string): void {
    const pods = this.podsByOwner
      .byIndex(set.metadata.uid ?? '')
      .filter(
        (p) => controllerOf(p)?.uid === set.metadata.uid && !p.metadata.deletionTimestamp,
      ) as PodObject[];
    const current = set.status ?? { replicas: 0 };
    const updated = pods.filter(
      (p) => p.metadata.labels?.[REVISION_LABEL] === updateRevision,
    ).length;
    const replicas = set.spec?.replicas ?? 1;
    let currentRevision = current.currentRevision ?? updateRevision;
    if (updated === replicas && pods.length === replicas) currentRevision = updateRevision;
    const ready = pods.filter(isPodReady).length;
    const next = {
      ...current,
      observedGeneration: set.metadata.generation ?? 1,
      replicas: pods.length,
      readyReplicas: ready,
      currentReplicas: pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === currentRevision)
        .length,
      updatedReplicas: updated,
      availableReplicas: ready,
      currentRevision,
      updateRevision,
      collisionCount: current.collisionCount ?? 0,
    };
    for (const field of ['readyReplicas', 'currentReplicas', 'updatedReplicas'] as const)
      if (next[field] === 0) delete next[field];
    if (deepEqual(next, current)) return;
    const draft = deepClone(set);
    draft.status = next;
    this.api.update(draft, { actor: ACTOR, subresource: 'status' });
  }
}

function ordinalOf(set: SetObject, pod: PodObject): number | undefined {
  const prefix = `${set.metadata.name ?? ''}-`;
  const name = pod.metadata.name ?? '';
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}
