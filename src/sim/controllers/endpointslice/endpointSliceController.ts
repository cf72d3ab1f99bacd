/**
 * The EndpointSlice controller: one or more slices per Service with a selector, listing every
 * selected pod with its `ready` / `serving` / `terminating` conditions (terminating pods stay
 * listed). Mirrors pkg/controller/endpointslice (reconciler.go, utils.go: podToEndpoint).
 */
import type { ApiServer } from '../../api/apiServer.ts';
import type { KubeObject, Pod, Service } from '../../api/types/index.ts';
import { keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepEqual } from '../../util/objects.ts';
import { controllerRef } from '../controllerUtils.ts';
import {
  endpointPortsFor,
  isPodReady,
  selectedPods,
  selectorMatches,
  type EndpointPort,
} from './endpointPorts.ts';

const ACTOR = 'endpointslice-controller';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** v1.IsHeadlessService: set on the Endpoints and slices of a headless Service. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
const RESOURCE = 'endpointslices.discovery.k8s.io';

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

export interface EndpointSlice extends KubeObject {
  addressType: string;
  endpoints?: SliceEndpoint[];
  ports?: EndpointPort[];
}

export class EndpointSliceController implements Reconciler {
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
      this.enqueueServicesOf(event.object, event.previous);
    });
    ctx.api.watch(RESOURCE, (event) => {
      const svc = event.object.metadata.labels?.[SERVICE_NAME_LABEL];
      if (svc && event.object.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY)
        this.queue.add(`${event.object.metadata.namespace ?? ''}/${svc}`);
    });
  }

  private enqueueServicesOf(pod: KubeObject, previous: KubeObject | undefined): void {
    for (const svc of this.api.iterate('services', pod.metadata.namespace)) {
      const selector = (svc as Service).spec?.selector;
      if (!selector) continue;
      if (
        selectorMatches(selector, pod.metadata.labels) ||
        (previous && selectorMatches(selector, previous.metadata.labels))
      )
        this.queue.add(keyOf(svc));
    }
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.api.get('services', namespace, name) as (KubeObject & Service) | undefined;
    // Slices of a deleted Service go with it through their owner reference (garbage collector).
    if (!svc || svc.metadata.deletionTimestamp || !svc.spec?.selector) return;
    const desired = this.desiredSlices(svc);
    const existing = this.existingSlices(namespace, name);
    const unused = [...existing];
    for (const want of desired) {
      const match = unused.find((s) => deepEqual(s.ports ?? [], want.ports ?? [])) ?? unused[0];
      if (match) {
        unused.splice(unused.indexOf(match), 1);
        this.updateSlice(match, want, svc);
      } else this.createSlice(want, svc);
    }
    for (const extra of unused) {
      try {
        this.api.delete(RESOURCE, namespace, extra.metadata.name ?? '', { actor: ACTOR });
      } catch {
        // Already gone.
      }
    }
  }

  private existingSlices(namespace: string, service: string): EndpointSlice[] {
    const slices: EndpointSlice[] = [];
    for (const obj of this.api.iterate(RESOURCE, namespace)) {
      const labels = obj.metadata.labels ?? {};
      if (labels[SERVICE_NAME_LABEL] === service && labels[MANAGED_BY_LABEL] === MANAGED_BY)
        slices.push(obj as EndpointSlice);
    }
    return slices;
  }

  /** Endpoints grouped by their port mapping, at most 100 a slice; a placeholder when empty. */
  private desiredSlices(
    svc: KubeObject & Service,
  ): { endpoints: SliceEndpoint[]; ports?: EndpointPort[] }[] {
    const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
    const groups = new Map<string, { endpoints: SliceEndpoint[]; ports: EndpointPort[] }>();
    for (const pod of selectedPods(this.api, svc, true)) {
      const ports = endpointPortsFor(pod, svc);
      const portKey = JSON.stringify(ports);
      let group = groups.get(portKey);
      if (!group) {
        group = { endpoints: [], ports };
        groups.set(portKey, group);
      }
      group.endpoints.push(podToEndpoint(pod, publishNotReady));
    }
    if (groups.size === 0) return [{ endpoints: [] }];
    const slices: { endpoints: SliceEndpoint[]; ports?: EndpointPort[] }[] = [];
    for (const group of groups.values()) {
      for (let i = 0; i < group.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE)
        slices.push({
          endpoints: group.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE),
          ports: group.ports,
        });
    }
    return slices;
  }

  private labelsFor(svc: KubeObject & Service): Record<string, string> {
    return {
      ...(svc.metadata.labels ?? {}),
      ...(svc.spec?.clusterIP === 'None' ? { [HEADLESS_LABEL]: '' } : {}),
      [MANAGED_BY_LABEL]: MANAGED_BY,
      [SERVICE_NAME_LABEL]: svc.metadata.name ?? '',
    };
  }

  private createSlice(
    want: { endpoints: SliceEndpoint[]; ports?: EndpointPort[] },
    svc: KubeObject & Service,
  ): void {
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${svc.metadata.name ?? ''}-`,
        namespace: svc.metadata.namespace,
        labels: this.labelsFor(svc),
        ownerReferences: [controllerRef(svc)],
      },
      addressType: 'IPv4',
      ...(want.endpoints.length > 0 ? { endpoints: want.endpoints } : {}),
      ...(want.ports ? { ports: want.ports } : {}),
    };
    this.api.create(slice, { actor: ACTOR });
  }

  private updateSlice(
    current: EndpointSlice,
    want: { endpoints: SliceEndpoint[]; ports?: EndpointPort[] },
    svc: KubeObject & Service,
  ): void {
    const next: EndpointSlice = {
      ...current,
      metadata: { ...current.metadata, labels: this.labelsFor(svc) },
      addressType: 'IPv4',
    };
    delete next.endpoints;
    delete next.ports;
    if (want.endpoints.length > 0) next.endpoints = want.endpoints;
    if (want.ports) next.ports = want.ports;
    if (deepEqual(next, current)) return;
    this.api.update(next, { actor: ACTOR });
  }
}

function podToEndpoint(pod: KubeObject & Pod, publishNotReady: boolean): SliceEndpoint {
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const ready = isPodReady(pod);
  return {
    addresses: [pod.status?.podIP ?? ''],
    conditions: {
      ready: publishNotReady || (ready && !terminating),
      serving: publishNotReady || ready,
      terminating,
    },
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      uid: pod.metadata.uid ?? '',
    },
  };
}
