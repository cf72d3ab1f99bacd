/**
 * The legacy Endpoints controller (pkg/controller/endpoint/endpoints_controller.go): one Endpoints
 * object per Service with a selector, ready pods in `addresses`, unready ones in
 * `notReadyAddresses`, terminating pods left out. It also plays the API server's endpoint
 * reconciler for `default/kubernetes` (the control-plane address on 6443).
 */
import type { ApiServer } from '../../api/apiServer.ts';
import type { KubeObject, Node, Service } from '../../api/types/index.ts';
import { keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepEqual } from '../../util/objects.ts';
import {
  compareIps,
  endpointPortsFor,
  isPodReady,
  selectedPods,
  selectorMatches,
  type EndpointPort,
} from './endpointPorts.ts';
import { HEADLESS_LABEL, SERVICE_NAME_LABEL } from './endpointSliceController.ts';

const ACTOR = 'endpoint-controller';
/** Legacy Endpoints are truncated at 1000 addresses. */
export const MAX_ENDPOINTS = 1000;

interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: 'Pod'; namespace: string; name: string; uid: string };
}
interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export class EndpointsController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.queue = ctx.newQueue();
    ctx.api.watch('services', (event) => {
      this.queue.add(keyOf(event.object));
    });
    ctx.api.watch('pods', (event) => {
      for (const svc of this.api.iterate('services', event.object.metadata.namespace)) {
        const selector = (svc as Service).spec?.selector;
        if (!selector) continue;
        if (
          selectorMatches(selector, event.object.metadata.labels) ||
          (event.previous && selectorMatches(selector, event.previous.metadata.labels))
        )
          this.queue.add(keyOf(svc));
      }
    });
    // Edits and deletions of managed Endpoints are repaired; a new, unrelated one is left alone.
    ctx.api.watch('endpoints', (event) => {
      if (event.type !== 'ADDED') this.queue.add(keyOf(event.object));
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.api.get('services', namespace, name) as (KubeObject & Service) | undefined;
    const current = this.api.get('endpoints', namespace, name);
    if (!svc) {
      if (current) this.deleteEndpoints(namespace, name);
      return;
    }
    if (namespace === 'default' && name === 'kubernetes') {
      this.reconcileApiServer(svc, current);
      return;
    }
    if (!svc.spec?.selector) return;
    this.write(svc, current, this.subsetsFor(svc), ACTOR);
  }

  private subsetsFor(svc: KubeObject & Service): EndpointSubset[] {
    const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
    const groups = new Map<string, EndpointSubset>();
    let total = 0;
    for (const pod of selectedPods(this.api, svc, publishNotReady)) {
      if (total >= MAX_ENDPOINTS) break;
      total++;
      const ports = endpointPortsFor(pod, svc);
      const portKey = JSON.stringify(ports);
      let subset = groups.get(portKey);
      if (!subset) {
        subset = { ports };
        groups.set(portKey, subset);
      }
      const address: EndpointAddress = {
        ip: pod.status?.podIP ?? '',
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: {
          kind: 'Pod',
          namespace: pod.metadata.namespace ?? '',
          name: pod.metadata.name ?? '',
          uid: pod.metadata.uid ?? '',
        },
      };
      const list = publishNotReady || isPodReady(pod) ? 'addresses' : 'notReadyAddresses';
      (subset[list] ??= []).push(address);
    }
    const subsets = [...groups.values()];
    for (const subset of subsets) {
      subset.addresses?.sort((a, b) => compareIps(a.ip, b.ip));
      subset.notReadyAddresses?.sort((a, b) => compareIps(a.ip, b.ip));
      if ((subset.ports ?? []).length === 0) delete subset.ports;
    }
    return subsets;
  }

  private reconcileApiServer(svc: KubeObject & Service, current: KubeObject | undefined): void {
    const controlPlane = [...this.api.iterate('nodes')].find(
      (n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined,
    ) as (KubeObject & Node) | undefined;
    const ip = controlPlane?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (!ip) return;
    const ports = [{ name: 'https', port: 6443, protocol: 'TCP' }];
    this.write(svc, current, [{ addresses: [{ ip }], ports }], 'kube-apiserver');
    const slice = this.api.get('endpointslices.discovery.k8s.io', 'default', 'kubernetes');
    const desired: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { [SERVICE_NAME_LABEL]: 'kubernetes' },
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: [ip], conditions: { ready: true } }],
      ports,
    };
    if (!slice) this.api.create(desired, { actor: 'kube-apiserver' });
  }

  private write(
    svc: KubeObject & Service,
    current: KubeObject | undefined,
    subsets: EndpointSubset[],
    actor: string,
  ): void {
    const labels: Record<string, string> = {
      ...(svc.metadata.labels ?? {}),
      ...(svc.spec?.clusterIP === 'None' ? { [HEADLESS_LABEL]: '' } : {}),
    };
    if (!current) {
      this.api.create(
        {
          apiVersion: 'v1',
          kind: 'Endpoints',
          metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace, labels },
          ...(subsets.length > 0 ? { subsets } : {}),
        },
        { actor },
      );
      return;
    }
    const next: KubeObject = { ...current, metadata: { ...current.metadata, labels } };
    delete next.subsets;
    if (subsets.length > 0) next.subsets = subsets;
    if (deepEqual(next, current)) return;
    this.api.update(next, { actor });
  }

  private deleteEndpoints(namespace: string, name: string): void {
    try {
      this.api.delete('endpoints', namespace, name, { actor: ACTOR });
    } catch {
      // Already gone.
    }
  }
}
