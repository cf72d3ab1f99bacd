/**
 * kube-proxy's view of a Service's endpoints, merged from its EndpointSlices (the analogue of
 * pkg/proxy/endpointslicecache.go). Indexed by `namespace/service` through the slice labels.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject } from '../api/types/index.ts';
import { Indexer } from '../client/indexer.ts';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface ProxyEndpoint {
  readonly ip: string;
  /** Port for each Service port name ('' for an unnamed port). */
  readonly ports: ReadonlyMap<string, number>;
  readonly nodeName?: string;
  /** `namespace/name` of the backing pod, when the endpoint is a pod. */
  readonly podKey?: string;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
}

interface SliceShape {
  endpoints?: {
    addresses?: string[];
    nodeName?: string;
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    targetRef?: { kind?: string; name?: string; namespace?: string };
  }[];
  ports?: { name?: string; port?: number }[];
}

export class EndpointSliceCache {
  private readonly byService: Indexer;

  constructor(api: ApiServer) {
    this.byService = new Indexer(api, 'endpointslices.discovery.k8s.io', (obj) => {
      const svc = obj.metadata.labels?.[SERVICE_NAME_LABEL];
      return svc ? [`${obj.metadata.namespace ?? ''}/${svc}`] : [];
    });
  }

  /** Every endpoint of the Service, ordered by IP as kube-proxy sorts them (deduplicated). */
  endpointsOf(namespace: string, service: string): ProxyEndpoint[] {
    const seen = new Map<string, ProxyEndpoint>();
    for (const slice of this.byService.byIndex(`${namespace}/${service}`) as (KubeObject &
      SliceShape)[]) {
      const ports = new Map<string, number>();
      for (const port of slice.ports ?? [])
        if (port.port !== undefined) ports.set(port.name ?? '', port.port);
      for (const endpoint of slice.endpoints ?? []) {
        const ip = endpoint.addresses?.[0];
        if (!ip || seen.has(ip)) continue;
        const ref = endpoint.targetRef;
        const conditions = endpoint.conditions ?? {};
        // A nil ready condition means ready (discovery/v1 EndpointConditions).
        const ready = conditions.ready !== false;
        seen.set(ip, {
          ip,
          ports,
          ...(endpoint.nodeName ? { nodeName: endpoint.nodeName } : {}),
          ...(ref?.kind === 'Pod' && ref.name
            ? { podKey: `${ref.namespace ?? namespace}/${ref.name}` }
            : {}),
          ready,
          serving: conditions.serving ?? ready,
          terminating: conditions.terminating ?? false,
        });
      }
    }
    return [...seen.values()].sort((a, b) => compareIpStrings(a.ip, b.ip));
  }
}

function compareIpStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
