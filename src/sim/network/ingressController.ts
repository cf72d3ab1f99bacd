/**
 * The ingress-nginx controller as an installed add-on: it owns the `nginx` IngressClass (marked
 * default, as minikube's addon does), records `Sync` events, and publishes its load-balancer
 * address into each served Ingress's status on its periodic status sync (internal/ingress/status).
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject } from '../api/types/index.ts';
import type { EventRecorder } from '../client/eventRecorder.ts';
import { keyOf, splitKey } from '../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../client/reconciler.ts';
import type { WorkQueue } from '../client/workqueue.ts';
import { deepEqual } from '../util/objects.ts';
import {
  DEFAULT_CLASS_ANNOTATION,
  INGRESS_CLASS,
  INGRESS_CONTROLLER,
  servedIngresses,
} from './ingressNginx.ts';

const ACTOR = 'ingress-nginx-controller';
const INIT_KEY = '\u0000init';
const STATUS_KEY = '\u0000status';
/** ingress-nginx rewrites Ingress status once a minute. */
export const STATUS_SYNC_MS = 60_000;

export class IngressController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly recorder: EventRecorder;

  constructor(
    ctx: ComponentContext,
    /** The address the controller's LoadBalancer Service got (kubectl get ingress ADDRESS). */
    readonly address: string,
  ) {
    this.api = ctx.api;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: 'nginx-ingress-controller' });
    this.queue.add(INIT_KEY);
    ctx.api.watch('ingresses.networking.k8s.io', (event) => {
      const spec = event.object.spec;
      if (event.type === 'DELETED' || deepEqual(spec, event.previous?.spec)) return;
      this.queue.add(keyOf(event.object));
    });
  }

  sync(key: string): void {
    if (key === INIT_KEY) {
      this.installClass();
      this.queue.addAfter(STATUS_KEY, STATUS_SYNC_MS);
      return;
    }
    if (key === STATUS_KEY) {
      this.syncStatus();
      this.queue.addAfter(STATUS_KEY, STATUS_SYNC_MS);
      return;
    }
    const { namespace, name } = splitKey(key);
    const ingress = this.api.get('ingresses.networking.k8s.io', namespace, name);
    if (!ingress) return;
    if (servedIngresses(this.api).some((i) => keyOf(i) === key))
      this.recorder.event(ingress, 'Normal', 'Sync', 'Scheduled for sync');
  }

  private installClass(): void {
    if (this.api.get('ingressclasses.networking.k8s.io', '', INGRESS_CLASS)) return;
    this.api.create(
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: {
          name: INGRESS_CLASS,
          labels: {
            'app.kubernetes.io/component': 'controller',
            'app.kubernetes.io/instance': 'ingress-nginx',
            'app.kubernetes.io/name': 'ingress-nginx',
          },
          annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' },
        },
        spec: { controller: INGRESS_CONTROLLER },
      },
      { actor: ACTOR },
    );
  }

  private syncStatus(): void {
    const served = new Set(servedIngresses(this.api).map(keyOf));
    for (const ingress of this.api.list('ingresses.networking.k8s.io')) {
      const want = served.has(keyOf(ingress)) ? [{ ip: this.address }] : [];
      const status = (ingress.status ?? {}) as { loadBalancer?: { ingress?: unknown[] } };
      const current = status.loadBalancer?.ingress ?? [];
      if (deepEqual(current, want)) continue;
      const next: KubeObject = {
        ...ingress,
        status: { loadBalancer: want.length > 0 ? { ingress: want } : {} },
      };
      this.api.update(next, { actor: ACTOR, subresource: 'status' });
    }
  }
}
