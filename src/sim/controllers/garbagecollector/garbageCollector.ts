/**
 * The garbage collector: when an owner is deleted, its dependents (objects whose ownerReferences
 * name its uid) are deleted too (background), orphaned (`orphan` finalizer) or deleted first
 * (`foregroundDeletion` finalizer). Mirrors pkg/controller/garbagecollector in outcome.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import type { KubeObject } from '../../api/types/index.ts';
import { byOwnerUid, Indexer, keyOf } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';

const ACTOR = 'generic-garbage-collector';

/** Resources that are owned by other objects in Kubeplay. */
const DEPENDENT_RESOURCES = [
  'pods',
  'replicasets.apps',
  'controllerrevisions.apps',
  'jobs.batch',
  'endpointslices.discovery.k8s.io',
  'persistentvolumeclaims',
  'leases.coordination.k8s.io',
] as const;

export class GarbageCollector implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly dependents = new Map<string, Indexer>();
  /** uid → the owner's last known state (key `resource|ns/name`), for owners being finalized. */
  private readonly owners = new Map<string, { resource: string; obj: KubeObject }>();

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.queue = ctx.newQueue();
    for (const resource of DEPENDENT_RESOURCES)
      this.dependents.set(resource, new Indexer(ctx.api, resource, byOwnerUid));
    const owners = [
      'deployments.apps',
      'replicasets.apps',
      'daemonsets.apps',
      'statefulsets.apps',
      'jobs.batch',
      'cronjobs.batch',
      'services',
      'nodes',
      'pods',
    ];
    for (const resource of owners) {
      ctx.api.watch(resource, (event) => {
        const uid = event.object.metadata.uid ?? '';
        if (event.type === 'DELETED') {
          this.owners.set(uid, { resource, obj: event.object });
          this.queue.add(uid);
        } else if (event.object.metadata.deletionTimestamp) {
          const finalizers = event.object.metadata.finalizers ?? [];
          if (finalizers.includes('orphan') || finalizers.includes('foregroundDeletion')) {
            this.owners.set(uid, { resource, obj: event.object });
            this.queue.add(uid);
          }
        }
      });
    }
    // A dependent going away may complete a foreground deletion.
    for (const resource of DEPENDENT_RESOURCES) {
      ctx.api.watch(resource, (event) => {
        if (event.type !== 'DELETED') return;
        for (const ref of event.object.metadata.ownerReferences ?? [])
          if (this.owners.has(ref.uid)) this.queue.add(ref.uid);
      });
    }
  }

  sync(uid: string): void {
    const owner = this.owners.get(uid);
    if (!owner) return;
    const current = this.api.get(
      owner.resource,
      owner.obj.metadata.namespace ?? '',
      owner.obj.metadata.name ?? '',
    );
    const stillThere = current?.metadata.uid === uid ? current : undefined;
    const finalizers = stillThere?.metadata.finalizers ?? [];
    const dependents = this.dependentsOf(uid);
    if (stillThere && finalizers.includes('orphan')) {
      for (const { resource, obj } of dependents) this.removeOwnerRef(resource, obj, uid);
      this.removeFinalizer(owner.resource, stillThere, 'orphan');
      return;
    }
    if (stillThere && finalizers.includes('foregroundDeletion')) {
      for (const { resource, obj } of dependents) this.deleteDependent(resource, obj, 'Foreground');
      if (dependents.length === 0) {
        this.removeFinalizer(owner.resource, stillThere, 'foregroundDeletion');
        this.owners.delete(uid);
      }
      return;
    }
    if (!stillThere) {
      for (const { resource, obj } of dependents) {
        const others = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        // A dependent with another live owner keeps living; only the dangling reference goes.
        if (others.length > 0) this.removeOwnerRef(resource, obj, uid);
        else this.deleteDependent(resource, obj, 'Background');
      }
      this.owners.delete(uid);
    }
  }

  private dependentsOf(uid: string): { resource: string; obj: KubeObject }[] {
    const out: { resource: string; obj: KubeObject }[] = [];
    for (const [resource, index] of this.dependents) {
      for (const obj of index.byIndex(uid)) out.push({ resource, obj });
    }
    return out;
  }

  private deleteDependent(
    resource: string,
    obj: KubeObject,
    policy: 'Background' | 'Foreground',
  ): void {
    if (obj.metadata.deletionTimestamp) return;
    try {
      this.api.delete(resource, obj.metadata.namespace ?? '', obj.metadata.name ?? '', {
        actor: ACTOR,
        propagationPolicy: policy,
      });
    } catch {
      // Gone already.
    }
  }

  private removeOwnerRef(resource: string, obj: KubeObject, uid: string): void {
    this.api.mutate(
      resource,
      obj.metadata.namespace ?? '',
      obj.metadata.name ?? '',
      (draft) => {
        const refs = (draft.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (refs.length > 0) draft.metadata.ownerReferences = refs;
        else delete draft.metadata.ownerReferences;
      },
      { actor: ACTOR },
    );
  }

  private removeFinalizer(resource: string, obj: KubeObject, finalizer: string): void {
    this.api.mutate(
      resource,
      obj.metadata.namespace ?? '',
      obj.metadata.name ?? '',
      (draft) => {
        const rest = (draft.metadata.finalizers ?? []).filter((f) => f !== finalizer);
        if (rest.length > 0) draft.metadata.finalizers = rest;
        else delete draft.metadata.finalizers;
      },
      { actor: ACTOR },
    );
  }
}

export { keyOf };
