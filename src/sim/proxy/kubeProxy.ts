/**
 * kube-proxy: turns a connection to a Service port into a connection to one endpoint, the way
 * the node's rules would. Reads its mode from the applied KubeProxyConfiguration
 * (kubeproxy.config.k8s.io/v1alpha1; blank mode means iptables), programs only ready endpoints
 * (serving + terminating ones when none is ready), honours `sessionAffinity: ClientIP` and
 * `internal/externalTrafficPolicy: Local`. Mirrors pkg/proxy/{iptables,ipvs,nftables}/proxier.go
 * in outcome, not in rule text.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject, Service } from '../api/types/index.ts';
import type { SeededRandom } from '../random/seededRandom.ts';
import { EndpointSliceCache, type ProxyEndpoint } from './endpointSliceCache.ts';
import {
  closedConnections,
  hashBucket,
  openConnections,
  newIpvsState,
  spreadLeastConnection,
  spreadRandom,
  spreadRoundRobin,
  type IpvsScheduler,
  type IpvsState,
} from './pickBackend.ts';

export type ProxyMode = 'iptables' | 'ipvs' | 'nftables';

export interface ProxySettings {
  readonly mode: ProxyMode;
  /** The IPVS scheduler in effect (ipvs mode only). */
  readonly scheduler: IpvsScheduler;
}

/** `count` new connections from one client, spread evenly over [startMs, startMs + durationMs). */
export interface ConnectionBatch {
  readonly sourceIp: string;
  readonly count: number;
  readonly startMs: number;
  readonly durationMs: number;
}

export interface RouteOptions {
  /** The node whose rules handle the connection (the client's node, or the node hit from outside). */
  readonly nodeName?: string;
  /** True when the applicable traffic policy is Local. */
  readonly local: boolean;
  /** How long each endpoint takes to answer, for least-connection schedulers. */
  readonly latencyMs: (ip: string) => number;
}

export type Route =
  | {
      readonly kind: 'endpoints';
      readonly picks: readonly { endpoint: ProxyEndpoint; port: number; count: number }[];
    }
  /** No endpoint at all: the REJECT rule answers, and the client sees connection refused. */
  | { readonly kind: 'refused' }
  /** Local policy and no endpoint on this node: the packet is dropped and the client times out. */
  | { readonly kind: 'dropped' };

const SCHEDULER_ALIASES: Readonly<Record<string, IpvsScheduler>> = {
  '': 'rr',
  rr: 'rr',
  wrr: 'rr',
  lc: 'lc',
  wlc: 'lc',
  lblc: 'lc',
  lblcr: 'lc',
  sh: 'sh',
  mh: 'sh',
  dh: 'dh',
  sed: 'sed',
  nq: 'nq',
};

export const DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10800;

export class KubeProxy {
  readonly endpoints: EndpointSliceCache;
  private readonly ipvs = new Map<string, IpvsState>();
  private readonly affinity = new Map<string, Map<string, { ip: string; lastMs: number }>>();

  constructor(
    private readonly api: ApiServer,
    private readonly random: SeededRandom,
  ) {
    this.endpoints = new EndpointSliceCache(api);
  }

  /**
   * The configuration in effect: a KubeProxyConfiguration object (the one named `kube-proxy` if
   * several), else the `config.conf` key of the kube-system/kube-proxy ConfigMap as kubeadm
   * deploys it, else the defaults.
   */
  settings(): ProxySettings {
    let config: KubeObject | undefined;
    for (const obj of this.api.iterate('kubeproxyconfigurations.kubeproxy.config.k8s.io')) {
      if (!config || obj.metadata.name === 'kube-proxy') config = obj;
    }
    let mode = (config?.mode as string | undefined) ?? '';
    let scheduler = (config?.ipvs as { scheduler?: string } | undefined)?.scheduler ?? '';
    if (!config) {
      const configMap = this.api.get('configmaps', 'kube-system', 'kube-proxy');
      const text = (configMap?.data as Record<string, string> | undefined)?.['config.conf'] ?? '';
      mode = /^mode:[ \t]*["']?([a-z]*)/m.exec(text)?.[1] ?? '';
      scheduler = /^[ \t]+scheduler:[ \t]*["']?([a-z]*)/m.exec(text)?.[1] ?? '';
    }
    return {
      mode: mode === 'ipvs' || mode === 'nftables' ? mode : 'iptables',
      scheduler: SCHEDULER_ALIASES[scheduler] ?? 'rr',
    };
  }

  route(
    svc: KubeObject & Service,
    portName: string,
    batch: ConnectionBatch,
    options: RouteOptions,
  ): Route {
    const usable = this.usableEndpoints(svc, portName, options);
    if (usable === 'dropped') return { kind: 'dropped' };
    if (usable.length === 0) return { kind: 'refused' };
    const key = `${svc.metadata.uid ?? ''}/${portName}`;
    const counts = this.spread(svc, key, usable, batch, options);
    const picks = usable
      .map((endpoint, i) => ({
        endpoint,
        port: endpoint.ports.get(portName) ?? 0,
        count: counts[i] ?? 0,
      }))
      .filter((p) => p.count > 0);
    return { kind: 'endpoints', picks };
  }

  /** IPVS's ActiveConn and InActConn for one destination of a Service port, at `nowMs`. */
  ipvsConnections(
    svc: KubeObject,
    portName: string,
    ip: string,
    nowMs: number,
  ): { active: number; inactive: number } {
    const state = this.ipvs.get(`${svc.metadata.uid ?? ''}/${portName}`);
    if (!state) return { active: 0, inactive: 0 };
    return {
      active: Math.round(openConnections(state, ip, nowMs)),
      inactive: Math.round(closedConnections(state, ip, nowMs)),
    };
  }

  /** Endpoints the rules send to: ready ones, else serving-and-terminating ones; Local filters by node. */
  usableEndpoints(
    svc: KubeObject & Service,
    portName: string,
    options: Pick<RouteOptions, 'nodeName' | 'local'>,
  ): ProxyEndpoint[] | 'dropped' {
    const all = this.endpoints
      .endpointsOf(svc.metadata.namespace ?? '', svc.metadata.name ?? '')
      .filter((e) => e.ports.has(portName));
    const pool = (list: ProxyEndpoint[]): ProxyEndpoint[] => {
      const ready = list.filter((e) => e.ready);
      return ready.length > 0 ? ready : list.filter((e) => e.serving && e.terminating);
    };
    if (options.local) {
      if (all.length === 0) return [];
      const local = pool(all.filter((e) => e.nodeName === options.nodeName));
      return local.length > 0 ? local : 'dropped';
    }
    return pool(all);
  }

  private spread(
    svc: KubeObject & Service,
    key: string,
    usable: readonly ProxyEndpoint[],
    batch: ConnectionBatch,
    options: RouteOptions,
  ): number[] {
    if (svc.spec?.sessionAffinity === 'ClientIP') {
      const timeoutMs =
        (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ??
          DEFAULT_AFFINITY_TIMEOUT_SECONDS) * 1000;
      let table = this.affinity.get(key);
      if (!table) {
        table = new Map();
        this.affinity.set(key, table);
      }
      const entry = table.get(batch.sourceIp);
      let index =
        entry && entry.lastMs + timeoutMs >= batch.startMs
          ? usable.findIndex((e) => e.ip === entry.ip)
          : -1;
      if (index < 0) {
        const first = this.spreadBy(key, usable, { ...batch, count: 1 }, options, svc);
        index = first.findIndex((c) => c > 0);
      }
      table.set(batch.sourceIp, {
        ip: usable[index]?.ip ?? '',
        lastMs: batch.startMs + batch.durationMs,
      });
      const counts = new Array<number>(usable.length).fill(0);
      counts[index] = batch.count;
      return counts;
    }
    return this.spreadBy(key, usable, batch, options, svc);
  }

  private spreadBy(
    key: string,
    usable: readonly ProxyEndpoint[],
    batch: ConnectionBatch,
    options: RouteOptions,
    svc: KubeObject & Service,
  ): number[] {
    const n = usable.length;
    const settings = this.settings();
    if (settings.mode !== 'ipvs') return spreadRandom(n, batch.count, this.random);
    let state = this.ipvs.get(key);
    if (!state) {
      state = newIpvsState();
      this.ipvs.set(key, state);
    }
    const counts = new Array<number>(n).fill(0);
    switch (settings.scheduler) {
      case 'rr':
        return spreadRoundRobin(n, batch.count, state);
      case 'sh':
        counts[hashBucket(batch.sourceIp, n)] = batch.count;
        return counts;
      case 'dh':
        counts[hashBucket(svc.spec?.clusterIP ?? '', n)] = batch.count;
        return counts;
      default:
        return spreadLeastConnection(
          usable.map((e) => e.ip),
          batch.count,
          batch.startMs,
          batch.durationMs,
          options.latencyMs,
          state,
          settings.scheduler,
        );
    }
  }
}
