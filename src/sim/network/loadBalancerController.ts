/**
 * A MetalLB-like load-balancer implementation in layer-2 mode, as kind or bare-metal clusters use:
 * each `type: LoadBalancer` Service gets the first free address of the pool
 * (172.18.255.200–250; .200 is taken by the ingress controller), and one node answers ARP for it.
 * With `externalTrafficPolicy: Local`, only a node running a ready endpoint announces it.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject, Node, Service } from '../api/types/index.ts';
import type { EventRecorder } from '../client/eventRecorder.ts';
import { keyOf, splitKey } from '../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../client/reconciler.ts';
import type { WorkQueue } from '../client/workqueue.ts';
import type { KubeProxy } from '../proxy/kubeProxy.ts';
import { hashString } from '../random/seededRandom.ts';

const ACTOR = 'metallb-controller';
export const POOL_PREFIX = '172.18.255.';
export const POOL_FIRST = 200;
export const POOL_LAST = 250;
export const INGRESS_ADDRESS = `${POOL_PREFIX}${String(POOL_FIRST)}`;

export class LoadBalancerController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly recorder: EventRecorder;

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: 'metallb-controller' });
    ctx.api.watch('services', (event) => {
      if (event.type !== 'DELETED') this.queue.add(keyOf(event.object));
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.api.get('services', namespace, name) as (KubeObject & Service) | undefined;
    if (!svc) return;
    const current = svc.status?.loadBalancer?.ingress ?? [];
    if (svc.spec?.type !== 'LoadBalancer') {
      if (current.length > 0)
        this.api.update(
          { ...svc, status: { loadBalancer: {} } },
          { actor: ACTOR, subresource: 'status' },
        );
      return;
    }
    if (current.length > 0) return;
    const ip = this.allocate(svc);
    if (!ip) {
      this.recorder.event(
        svc,
        'Warning',
        'AllocationFailed',
        `Failed to allocate IP for "${key}": no available IPs`,
      );
      return;
    }
    this.api.update(
      { ...svc, status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } },
      { actor: ACTOR, subresource: 'status' },
    );
    this.recorder.event(svc, 'Normal', 'IPAllocated', `Assigned IP ["${ip}"]`);
  }

  private allocate(svc: Service): string | undefined {
    const used = new Set<string>([INGRESS_ADDRESS]);
    for (const other of this.api.iterate('services'))
      for (const ingress of (other as Service).status?.loadBalancer?.ingress ?? [])
        if (ingress.ip) used.add(ingress.ip);
    const requested = svc.spec?.loadBalancerIP;
    if (requested?.startsWith(POOL_PREFIX) && !used.has(requested)) return requested;
    for (let n = POOL_FIRST; n <= POOL_LAST; n++) {
      const ip = `${POOL_PREFIX}${String(n)}`;
      if (!used.has(ip)) return ip;
    }
    return undefined;
  }
}

/**
 * The node that announces `ip` in layer-2 mode: MetalLB orders eligible speakers by a hash of
 * node name and address and takes the first. Nodes labelled to be excluded from external load
 * balancers (the control plane) and NotReady nodes are not eligible; with Local, only nodes with a
 * ready endpoint are.
 */
export function announcingNode(
  api: ApiServer,
  proxy: KubeProxy,
  svc: KubeObject & Service,
  ip: string,
  portName: string,
): string | undefined {
  const local = svc.spec?.externalTrafficPolicy === 'Local';
  const endpoints = local
    ? proxy.endpoints
        .endpointsOf(svc.metadata.namespace ?? '', svc.metadata.name ?? '')
        .filter((e) => e.ready && e.ports.has(portName))
    : [];
  const eligible: string[] = [];
  for (const obj of api.iterate('nodes')) {
    const node = obj as KubeObject & Node;
    const name = node.metadata.name ?? '';
    if (
      node.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'] !==
      undefined
    )
      continue;
    const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    if (!ready) continue;
    if (local && !endpoints.some((e) => e.nodeName === name)) continue;
    eligible.push(name);
  }
  eligible.sort((a, b) => hashString(`${a}#${ip}`) - hashString(`${b}#${ip}`) || (a < b ? -1 : 1));
  return eligible[0];
}
