/**
 * The Deployment controller: owns ReplicaSets, one per pod template, and moves replicas from old to
 * new ones by the strategy. Mirrors pkg/controller/deployment (sync.go, rolling.go, recreate.go,
 * progress.go).
 */
import type { ApiServer } from '../../api/apiServer.ts';
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../../api/types/index.ts';
import { formatRfc3339, parseRfc3339 } from '../../clock/timeFormat.ts';
import type { EventRecorder } from '../../client/eventRecorder.ts';
import { byOwnerUid, Indexer, keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepClone, deepEqual } from '../../util/objects.ts';
import { controllerOf, controllerRef, isPodActive } from '../controllerUtils.ts';
import {
  computePodTemplateHash,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  resolveFenceposts,
  REVISION_ANNOTATION,
  revisionOf,
  templateWithoutHash,
} from './deploymentUtil.ts';
import { computeDeploymentStatus } from './progress.ts';

const ACTOR = 'deployment-controller';

type DeploymentObject = KubeObject & Deployment;
type ReplicaSetObject = KubeObject & ReplicaSet;

export class DeploymentController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly rsByOwner: Indexer;
  private readonly podsByOwner: Indexer;
  private readonly recorder: EventRecorder;

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: ACTOR });
    this.rsByOwner = new Indexer(ctx.api, 'replicasets.apps', byOwnerUid);
    this.podsByOwner = new Indexer(ctx.api, 'pods', byOwnerUid);
    ctx.api.watch('deployments.apps', (event) => {
      this.queue.add(keyOf(event.object));
    });
    ctx.api.watch('replicasets.apps', (event) => {
      const owner = controllerOf(event.object);
      if (owner?.kind === 'Deployment')
        this.queue.add(`${event.object.metadata.namespace ?? ''}/${owner.name}`);
    });
    ctx.api.watch('pods', (event) => {
      // Recreate waits for old pods to be gone: a deleted pod may unblock it.
      if (event.type !== 'DELETED') return;
      const rsRef = controllerOf(event.object);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const rs = this.api.get(
        'replicasets.apps',
        event.object.metadata.namespace ?? '',
        rsRef.name,
      );
      const owner = rs ? controllerOf(rs) : undefined;
      if (owner?.kind === 'Deployment')
        this.queue.add(`${event.object.metadata.namespace ?? ''}/${owner.name}`);
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const d = this.api.get('deployments.apps', namespace, name) as DeploymentObject | undefined;
    if (!d || d.metadata.deletionTimestamp) return;
    const owned = this.rsByOwner
      .byIndex(d.metadata.uid ?? '')
      .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid) as ReplicaSetObject[];
    const template = templateWithoutHash(d.spec?.template);
    let newRS = owned.find((rs) => deepEqual(templateWithoutHash(rs.spec?.template), template));
    const oldRSs = owned.filter((rs) => rs !== newRS).sort(byCreation);
    if (d.spec?.paused) {
      this.syncStatus(d, newRS, owned);
      return;
    }
    if (newRS && this.isScalingEvent(d, owned)) {
      this.scale(d, newRS, oldRSs);
      const after = this.rsByOwner
        .byIndex(d.metadata.uid ?? '')
        .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid) as ReplicaSetObject[];
      this.syncStatus(
        d,
        after.find((rs) => rs.metadata.uid === newRS?.metadata.uid),
        after,
      );
      return;
    }
    newRS ??= this.createNewReplicaSet(d, oldRSs);
    if (!newRS) return;
    newRS = this.ensureRevision(d, newRS, oldRSs);
    this.setDeploymentRevision(d, newRS);
    if (d.spec?.strategy?.type === 'Recreate') this.rolloutRecreate(d, newRS, oldRSs);
    else this.rolloutRolling(d, newRS, oldRSs);
    const all = this.rsByOwner
      .byIndex(d.metadata.uid ?? '')
      .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid) as ReplicaSetObject[];
    const current = all.find((rs) => rs.metadata.uid === newRS.metadata.uid);
    this.cleanupOldReplicaSets(
      d,
      all.filter((rs) => rs !== current),
    );
    this.syncStatus(d, current, all);
  }

  /** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
  private isScalingEvent(d: DeploymentObject, all: ReplicaSetObject[]): boolean {
    const replicas = String(d.spec?.replicas ?? 1);
    return all.some(
      (rs) =>
        (rs.spec?.replicas ?? 0) > 0 &&
        rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] !== undefined &&
        rs.metadata.annotations[DESIRED_REPLICAS_ANNOTATION] !== replicas,
    );
  }

  /**
   * sync.go scale(): one active ReplicaSet takes the new size; during a rolling update the change
   * is spread over the active ReplicaSets in proportion to their size (proportional scaling),
   * leftovers going to the largest.
   */
  private scale(d: DeploymentObject, newRS: ReplicaSetObject, oldRSs: ReplicaSetObject[]): void {
    const replicas = d.spec?.replicas ?? 1;
    const all = [newRS, ...oldRSs];
    const active = all.filter((rs) => (rs.spec?.replicas ?? 0) > 0);
    const only = active.length === 1 ? active[0] : active.length === 0 ? newRS : undefined;
    if (only) {
      this.scaleReplicaSet(d, only, replicas);
      return;
    }
    const saturated =
      (newRS.spec?.replicas ?? 0) === replicas &&
      (newRS.status?.availableReplicas ?? 0) === replicas;
    if (saturated) {
      for (const rs of oldRSs) if ((rs.spec?.replicas ?? 0) > 0) this.scaleReplicaSet(d, rs, 0);
      return;
    }
    if (d.spec?.strategy?.type === 'Recreate') return;
    const { surge } = this.fenceposts(d);
    const current = active.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
    const allowed = replicas > 0 ? replicas + surge : 0;
    const toAdd = allowed - current;
    const size = (rs: ReplicaSetObject): number => rs.spec?.replicas ?? 0;
    const created = (rs: ReplicaSetObject): string => rs.metadata.creationTimestamp ?? '';
    active.sort((a, b) =>
      size(a) !== size(b)
        ? size(b) - size(a)
        : toAdd > 0
          ? created(b).localeCompare(created(a))
          : created(a).localeCompare(created(b)),
    );
    let added = 0;
    const sizes = active.map((rs) => {
      if (toAdd === 0 || size(rs) === 0 || toAdd === added) return size(rs);
      const annotated = Number(
        rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION] ?? d.status?.replicas ?? 0,
      );
      const fraction =
        replicas === 0 || annotated === 0
          ? -size(rs)
          : Math.round((size(rs) * allowed) / annotated) - size(rs);
      const left = toAdd - added;
      const proportion = toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
      added += proportion;
      return size(rs) + proportion;
    });
    sizes[0] = Math.max(0, (sizes[0] ?? 0) + toAdd - added);
    active.forEach((rs, i) => {
      this.scaleReplicaSet(d, rs, sizes[i] ?? 0);
    });
  }

  private createNewReplicaSet(
    d: DeploymentObject,
    oldRSs: ReplicaSetObject[],
  ): ReplicaSetObject | undefined {
    const hash = computePodTemplateHash(d.spec?.template, d.status?.collisionCount);
    const template = deepClone(d.spec?.template ?? {});
    template.metadata = {
      ...template.metadata,
      labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash },
    };
    const selector = deepClone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const replicas = d.spec?.replicas ?? 1;
    const revision = Math.max(0, ...oldRSs.map(revisionOf)) + 1;
    const { surge } = this.fenceposts(d);
    const initial =
      d.spec?.strategy?.type === 'Recreate' ? 0 : this.newReplicaCount(d, oldRSs, undefined);
    const rs: ReplicaSetObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name ?? ''}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(d.spec?.template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash },
        annotations: {
          ...copyableAnnotations(d),
          [DESIRED_REPLICAS_ANNOTATION]: String(replicas),
          [MAX_REPLICAS_ANNOTATION]: String(replicas + surge),
          [REVISION_ANNOTATION]: String(revision),
        },
        ownerReferences: [controllerRef(d)],
      },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    const created = this.api.create(rs, { actor: ACTOR });
    this.setProgressing(
      d,
      'True',
      'NewReplicaSetCreated',
      `Created new replica set "${created.metadata.name ?? ''}"`,
    );
    if (initial > 0) return this.scaleReplicaSet(d, created, initial);
    return created;
  }

  /** A rollback reuses an old ReplicaSet: it becomes the newest revision again. */
  /** SetDeploymentRevision: the Deployment carries its new ReplicaSet's revision annotation too. */
  private setDeploymentRevision(d: DeploymentObject, newRS: ReplicaSetObject): void {
    const revision = newRS.metadata.annotations?.[REVISION_ANNOTATION];
    if (revision === undefined) return;
    const latest = this.api.get(
      'deployments.apps',
      d.metadata.namespace ?? '',
      d.metadata.name ?? '',
    );
    if (!latest || latest.metadata.annotations?.[REVISION_ANNOTATION] === revision) return;
    this.api.mutate(
      'deployments.apps',
      d.metadata.namespace ?? '',
      d.metadata.name ?? '',
      (draft) => {
        draft.metadata.annotations = {
          ...(draft.metadata.annotations ?? {}),
          [REVISION_ANNOTATION]: revision,
        };
      },
      { actor: ACTOR },
    );
  }

  private ensureRevision(
    d: DeploymentObject,
    rs: ReplicaSetObject,
    oldRSs: ReplicaSetObject[],
  ): ReplicaSetObject {
    const maxOld = Math.max(0, ...oldRSs.map(revisionOf));
    const wanted = revisionOf(rs) > maxOld ? revisionOf(rs) : maxOld + 1;
    const annotations: Record<string, string> = {
      ...copyableAnnotations(d),
      ...(rs.metadata.annotations ?? {}),
      [REVISION_ANNOTATION]: String(wanted),
    };
    const changeCause = d.metadata.annotations?.['kubernetes.io/change-cause'];
    if (changeCause !== undefined) annotations['kubernetes.io/change-cause'] = changeCause;
    if (deepEqual(annotations, rs.metadata.annotations ?? {})) return rs;
    return this.api.mutate<ReplicaSetObject>(
      'replicasets.apps',
      rs.metadata.namespace ?? '',
      rs.metadata.name ?? '',
      (draft) => {
        draft.metadata.annotations = annotations;
      },
      { actor: ACTOR },
    );
  }

  private fenceposts(d: DeploymentObject): { surge: number; unavailable: number } {
    const rolling = d.spec?.strategy?.rollingUpdate;
    return resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, d.spec?.replicas ?? 1);
  }

  /** NewRSNewReplicas for RollingUpdate. */
  private newReplicaCount(
    d: DeploymentObject,
    oldRSs: ReplicaSetObject[],
    newRS: ReplicaSetObject | undefined,
  ): number {
    const replicas = d.spec?.replicas ?? 1;
    const current = newRS?.spec?.replicas ?? 0;
    const { surge } = this.fenceposts(d);
    const total = [...oldRSs, ...(newRS ? [newRS] : [])].reduce(
      (n, rs) => n + (rs.spec?.replicas ?? 0),
      0,
    );
    const maxTotal = replicas + surge;
    if (total >= maxTotal) return current;
    return current + Math.min(maxTotal - total, Math.max(0, replicas - current));
  }

  private rolloutRolling(
    d: DeploymentObject,
    newRS: ReplicaSetObject,
    oldRSs: ReplicaSetObject[],
  ): void {
    const replicas = d.spec?.replicas ?? 1;
    let next = newRS;
    const current = next.spec?.replicas ?? 0;
    if (current > replicas) next = this.scaleReplicaSet(d, next, replicas);
    else if (current < replicas)
      next = this.scaleReplicaSet(d, next, this.newReplicaCount(d, oldRSs, next));
    this.reconcileOldReplicaSets(d, next, oldRSs);
  }

  /** reconcileOldReplicaSets: scale old ReplicaSets down without going below minAvailable. */
  private reconcileOldReplicaSets(
    d: DeploymentObject,
    newRS: ReplicaSetObject,
    oldRSs: ReplicaSetObject[],
  ): void {
    const oldCount = oldRSs.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
    if (oldCount === 0) return;
    const replicas = d.spec?.replicas ?? 1;
    const { unavailable } = this.fenceposts(d);
    const minAvailable = replicas - unavailable;
    const allCount = oldCount + (newRS.spec?.replicas ?? 0);
    const newUnavailable = (newRS.spec?.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = allCount - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    // First remove old pods that are not available anyway (cleanupUnhealthyReplicas).
    let cleaned = 0;
    const remaining: ReplicaSetObject[] = [];
    for (const rs of oldRSs) {
      const want = rs.spec?.replicas ?? 0;
      const unhealthy = want - (rs.status?.availableReplicas ?? 0);
      const drop = Math.min(maxScaledDown - cleaned, unhealthy);
      if (want > 0 && drop > 0) {
        remaining.push(this.scaleReplicaSet(d, rs, want - drop));
        cleaned += drop;
      } else remaining.push(rs);
    }
    // Then scale down available old pods above minAvailable, oldest ReplicaSet first.
    const available = [...remaining, newRS].reduce(
      (n, rs) => n + (rs.status?.availableReplicas ?? 0),
      0,
    );
    let budget = Math.min(available - minAvailable, maxScaledDown - cleaned);
    for (const rs of remaining) {
      if (budget <= 0) break;
      const want = rs.spec?.replicas ?? 0;
      if (want === 0) continue;
      const drop = Math.min(want, budget);
      this.scaleReplicaSet(d, rs, want - drop);
      budget -= drop;
    }
  }

  private rolloutRecreate(
    d: DeploymentObject,
    newRS: ReplicaSetObject,
    oldRSs: ReplicaSetObject[],
  ): void {
    for (const rs of oldRSs) if ((rs.spec?.replicas ?? 0) > 0) this.scaleReplicaSet(d, rs, 0);
    const oldPodsRunning = oldRSs.some((rs) =>
      this.podsByOwner
        .byIndex(rs.metadata.uid ?? '')
        .some((p) => isPodActive(p as Pod) || p.metadata.deletionTimestamp),
    );
    if (oldPodsRunning) return;
    const replicas = d.spec?.replicas ?? 1;
    if ((newRS.spec?.replicas ?? 0) !== replicas) this.scaleReplicaSet(d, newRS, replicas);
  }

  private scaleReplicaSet(
    d: DeploymentObject,
    rs: ReplicaSetObject,
    replicas: number,
  ): ReplicaSetObject {
    const from = rs.spec?.replicas ?? 0;
    const { surge } = this.fenceposts(d);
    const desired = d.spec?.replicas ?? 1;
    const updated = this.api.mutate<ReplicaSetObject>(
      'replicasets.apps',
      rs.metadata.namespace ?? '',
      rs.metadata.name ?? '',
      (draft) => {
        draft.spec = { ...draft.spec, replicas, selector: draft.spec?.selector ?? {} };
        draft.metadata.annotations = {
          ...(draft.metadata.annotations ?? {}),
          [DESIRED_REPLICAS_ANNOTATION]: String(desired),
          [MAX_REPLICAS_ANNOTATION]: String(desired + surge),
        };
      },
      { actor: ACTOR },
    );
    if (from !== replicas) {
      const direction = replicas > from ? 'up' : 'down';
      this.recorder.event(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${direction} replica set ${rs.metadata.name ?? ''} from ${String(from)} to ${String(replicas)}`,
      );
    }
    return updated;
  }

  /** Deletes old, empty ReplicaSets beyond revisionHistoryLimit, oldest first. */
  private cleanupOldReplicaSets(d: DeploymentObject, oldRSs: ReplicaSetObject[]): void {
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    const empty = oldRSs
      .filter(
        (rs) =>
          (rs.spec?.replicas ?? 0) === 0 &&
          (rs.status?.replicas ?? 0) === 0 &&
          !rs.metadata.deletionTimestamp,
      )
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    const excess = empty.length - limit;
    for (const rs of empty.slice(0, Math.max(0, excess))) {
      this.api.delete('replicasets.apps', rs.metadata.namespace ?? '', rs.metadata.name ?? '', {
        actor: ACTOR,
      });
    }
  }

  private setProgressing(
    d: DeploymentObject,
    status: 'True' | 'False',
    reason: string,
    message: string,
  ): void {
    const latest = this.api.get(
      'deployments.apps',
      d.metadata.namespace ?? '',
      d.metadata.name ?? '',
    ) as DeploymentObject | undefined;
    if (!latest) return;
    const now = formatRfc3339(this.api.now());
    const draft = deepClone(latest);
    draft.status ??= {};
    const conditions = (draft.status.conditions ?? []).filter((c) => c.type !== 'Progressing');
    const previous = (draft.status.conditions ?? []).find((c) => c.type === 'Progressing');
    conditions.push({
      type: 'Progressing',
      status,
      lastUpdateTime: now,
      lastTransitionTime: previous?.status === status ? (previous.lastTransitionTime ?? now) : now,
      reason,
      message,
    });
    draft.status.conditions = conditions;
    this.api.update(draft, { actor: ACTOR, subresource: 'status' });
  }

  private syncStatus(
    d: DeploymentObject,
    newRS: ReplicaSetObject | undefined,
    all: ReplicaSetObject[],
  ): void {
    const latest = this.api.get(
      'deployments.apps',
      d.metadata.namespace ?? '',
      d.metadata.name ?? '',
    ) as DeploymentObject | undefined;
    if (!latest) return;
    const { unavailable } = this.fenceposts(latest);
    const result = computeDeploymentStatus(
      latest,
      newRS,
      all,
      unavailable,
      this.api.now(),
      parseRfc3339,
    );
    if (result.requeueAfterMs !== undefined)
      this.queue.addAfter(keyOf(latest), result.requeueAfterMs);
    if (deepEqual(result.status, latest.status ?? {})) return;
    const draft = deepClone(latest);
    draft.status = result.status;
    this.api.update(draft, { actor: ACTOR, subresource: 'status' });
  }
}

function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** Annotations a Deployment passes to its ReplicaSets (all but kubectl's and the revision ones). */
function copyableAnnotations(d: DeploymentObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (
      k === 'kubectl.kubernetes.io/last-applied-configuration' ||
      k.startsWith('deployment.kubernetes.io/')
    )
      continue;
    out[k] = v;
  }
  return out;
}
