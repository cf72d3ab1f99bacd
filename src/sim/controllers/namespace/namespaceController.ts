/**
 * The namespace controller: a namespace being deleted has all its contents deleted, then its
 * `kubernetes` finalizer removed, after which the API server removes it.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import { RESOURCE_TYPES, qualifiedResource } from '../../api/resourceTypes.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';

const ACTOR = 'namespace-controller';
const RECHECK_MS = 1000;

export class NamespaceController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.queue = ctx.newQueue();
    ctx.api.watch('namespaces', (event) => {
      if (event.type !== 'DELETED' && event.object.metadata.deletionTimestamp)
        this.queue.add(event.object.metadata.name ?? '');
    });
  }

  sync(name: string): void {
    const ns = this.api.get('namespaces', '', name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const type of RESOURCE_TYPES) {
      if (
        !type.namespaced ||
        type.plural === 'bindings' ||
        (type.plural === 'events' && type.group !== '')
      )
        continue;
      const resource = qualifiedResource(type);
      for (const obj of this.api.list(resource, name)) {
        remaining++;
        if (obj.metadata.deletionTimestamp) continue;
        try {
          this.api.delete(resource, name, obj.metadata.name ?? '', { actor: ACTOR });
        } catch {
          // Already gone.
        }
      }
    }
    const left = RESOURCE_TYPES.some(
      (type) =>
        type.namespaced &&
        type.plural !== 'bindings' &&
        this.api.list(qualifiedResource(type), name).some((o) => o.kind !== 'Event'),
    );
    if (left || (remaining > 0 && this.api.list('pods', name).length > 0)) {
      this.queue.addAfter(name, RECHECK_MS);
      return;
    }
    this.api.mutate(
      'namespaces',
      '',
      name,
      (draft) => {
        draft.spec = { ...(draft.spec as object), finalizers: [] };
      },
      { actor: ACTOR },
    );
  }
}
