/**
 * The traffic engine: a request is client → DNS → Service VIP (or NodePort, LoadBalancer address,
 * ingress controller) → kube-proxy rule → endpoint → NetworkPolicy → pod → response. Batches of
 * identical requests are spread in one pass with exact per-pod counts, so load generators at
 * hundreds of requests a second stay cheap. Implements the ClusterNetwork contract.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject, Node, Pod, Service, ServicePort } from '../api/types/index.ts';
import type { VirtualClock } from '../clock/virtualClock.ts';
import type {
  BatchResult,
  ClusterNetwork,
  ClusterServices,
  DnsAnswer,
  HttpResult,
  RequestOrigin,
  ServedResponse,
} from '../client/clusterServices.ts';
import { Indexer } from '../client/indexer.ts';
import { CoreDns, isIpv4 } from '../dns/coreDns.ts';
import type { KubeProxy, Route } from '../proxy/kubeProxy.ts';
import { newIpvsState, spreadRoundRobin, type IpvsState } from '../proxy/pickBackend.ts';
import type { SeededRandom } from '../random/seededRandom.ts';
import { routeIngress } from './ingressNginx.ts';
import { announcingNode, INGRESS_ADDRESS } from './loadBalancerController.ts';
import { checkConnection, type Peer } from './networkPolicy.ts';
import { TrafficStats } from './trafficStats.ts';

/** How many recent deliveries the network keeps for the UI's traffic view. */
export const RECENT_DELIVERIES = 500;

/** One batch of requests that reached a pod (or failed on the way), for the UI and explanations. */
export interface DeliveryRecord {
  readonly timeMs: number;
  readonly sourceIp: string;
  /** `namespace/name` of the Service the requests went through, if any. */
  readonly service?: string;
  /** `namespace/name` of the pod that was picked, if any. */
  readonly pod?: string;
  readonly count: number;
  /** What the client saw: an HTTP status or an error. */
  readonly outcome: number | NonNullable<HttpResult['error']>;
}

/** How long a container takes to answer when its handler does not say. */
export const DEFAULT_LATENCY_MS = 2;

type Failure = NonNullable<HttpResult['error']>;

interface ParsedUrl {
  readonly host: string;
  readonly port: number;
  readonly path: string;
}

interface Batch {
  readonly origin: RequestOrigin;
  readonly count: number;
  readonly startMs: number;
  readonly durationMs: number;
  readonly path: string;
  /** The Host header (the name the client asked for). */
  readonly hostHeader: string;
}

/** One outcome of a batch: `count` requests that ended the same way. */
interface Outcome {
  readonly count: number;
  readonly result: HttpResult;
}

export class PodNetwork implements ClusterNetwork {
  readonly stats = new TrafficStats();
  /** The latest deliveries, oldest first (at most RECENT_DELIVERIES). */
  readonly recent: DeliveryRecord[] = [];
  readonly dns: CoreDns;
  private readonly podsByIp: Indexer;
  private readonly latency = new Map<string, number>();
  private readonly ingressUpstreams = new Map<string, IpvsState>();

  constructor(
    private readonly api: ApiServer,
    private readonly clock: VirtualClock,
    private readonly services: ClusterServices,
    readonly proxy: KubeProxy,
    random: SeededRandom,
  ) {
    this.dns = new CoreDns(api, proxy.endpoints, random);
    this.podsByIp = new Indexer(api, 'pods', (obj) => {
      const pod = obj as Pod;
      const ip = pod.status?.podIP;
      return ip && !pod.spec?.hostNetwork ? [ip] : [];
    });
  }

  resolve(origin: RequestOrigin, host: string): string | undefined {
    return this.lookup(origin, host)?.addresses[0];
  }

  lookup(origin: RequestOrigin, host: string): DnsAnswer | undefined {
    if (!this.dnsReachable(origin)) return undefined;
    return this.dns.resolve(origin.namespace, host);
  }

  request(origin: RequestOrigin, url: string): HttpResult {
    return this.deliverUrl(origin, url, 1, 0).last;
  }

  requestMany(origin: RequestOrigin, url: string, count: number): BatchResult {
    return this.deliverUrl(origin, url, Math.max(0, Math.floor(count)), 0);
  }

  /** `count` requests over `durationMs` from now; `hostHeader` overrides the URL's host name. */
  deliverUrl(
    origin: RequestOrigin,
    url: string,
    count: number,
    durationMs: number,
    hostHeader?: string,
  ): BatchResult {
    const parsed = parseUrl(url);
    if (!parsed || count === 0) return tally([], count, parsed ? 'timed out' : 'bad address');
    const answer = this.lookup(origin, parsed.host);
    const ip = answer?.addresses[0];
    if (!ip) return tally([], count, 'bad address');
    const batch: Batch = {
      origin,
      count,
      startMs: this.clock.now(),
      durationMs,
      path: parsed.path,
      hostHeader: hostHeader ?? parsed.host,
    };
    return tally(this.toAddress(batch, ip, parsed.port), count, 'timed out');
  }

  private toAddress(batch: Batch, ip: string, port: number): Outcome[] {
    if (ip === INGRESS_ADDRESS) return this.viaIngress(batch);
    for (const obj of this.api.iterate('services')) {
      const svc = obj as KubeObject & Service;
      const spec = svc.spec ?? {};
      if (spec.clusterIP === ip) return this.viaClusterIp(batch, svc, port);
      if ((svc.status?.loadBalancer?.ingress ?? []).some((i) => i.ip === ip))
        return this.viaLoadBalancer(batch, svc, ip, port);
    }
    const node = this.nodeWithIp(ip);
    if (node) return this.viaNodePort(batch, node, port);
    const pod = this.podsByIp.byIndex(ip)[0] as (KubeObject & Pod) | undefined;
    if (pod) return this.toPod(batch, this.sourcePeer(batch.origin), pod, port, undefined);
    return [{ count: batch.count, result: { error: 'timed out' } }];
  }

  private viaClusterIp(batch: Batch, svc: KubeObject & Service, port: number): Outcome[] {
    const svcPort = (svc.spec?.ports ?? []).find((p) => p.port === port);
    // No rule for that port: ipvs/nftables reject it at the VIP, iptables lets it vanish.
    if (!svcPort) return this.unknownPort(batch);
    const local = svc.spec?.internalTrafficPolicy === 'Local' && batch.origin.podKey !== undefined;
    const route = this.proxy.route(svc, svcPort.name ?? '', this.connections(batch), {
      ...(batch.origin.nodeName ? { nodeName: batch.origin.nodeName } : {}),
      local,
      latencyMs: (ipAddr) => this.latencyOf(ipAddr),
    });
    return this.follow(batch, svc, route, this.sourcePeer(batch.origin));
  }

  private viaNodePort(batch: Batch, node: KubeObject & Node, port: number): Outcome[] {
    for (const obj of this.api.iterate('services')) {
      const svc = obj as KubeObject & Service;
      const svcPort = (svc.spec?.ports ?? []).find((p) => p.nodePort === port);
      if (svcPort) return this.fromNode(batch, svc, svcPort, node);
    }
    return [{ count: batch.count, result: { error: 'connection refused' } }];
  }

  private viaLoadBalancer(
    batch: Batch,
    svc: KubeObject & Service,
    ip: string,
    port: number,
  ): Outcome[] {
    const svcPort = (svc.spec?.ports ?? []).find((p) => p.port === port);
    if (!svcPort) return [{ count: batch.count, result: { error: 'connection refused' } }];
    const nodeName = announcingNode(this.api, this.proxy, svc, ip, svcPort.name ?? '');
    const node = nodeName
      ? (this.api.get('nodes', '', nodeName) as (KubeObject & Node) | undefined)
      : undefined;
    if (!node) return [{ count: batch.count, result: { error: 'timed out' } }];
    return this.fromNode(batch, svc, svcPort, node);
  }

  /** Traffic entering through a node: Cluster policy SNATs to the node's address, Local keeps the client's. */
  private fromNode(
    batch: Batch,
    svc: KubeObject & Service,
    svcPort: ServicePort,
    node: KubeObject & Node,
  ): Outcome[] {
    const local = svc.spec?.externalTrafficPolicy === 'Local';
    const nodeIp = nodeAddress(node);
    const route = this.proxy.route(svc, svcPort.name ?? '', this.connections(batch), {
      nodeName: node.metadata.name ?? '',
      local,
      latencyMs: (ipAddr) => this.latencyOf(ipAddr),
    });
    const source = local ? this.sourcePeer(batch.origin) : { ip: nodeIp };
    return this.follow(batch, svc, route, source);
  }

  private viaIngress(batch: Batch): Outcome[] {
    const route = routeIngress(this.api, batch.hostHeader, batch.path);
    const backend = route.backend?.service;
    if (!backend?.name) return [{ count: batch.count, result: { status: 404, body: NGINX_404 } }];
    const svc = this.api.get('services', route.namespace, backend.name) as
      (KubeObject & Service) | undefined;
    const svcPort = (svc?.spec?.ports ?? []).find((p) =>
      backend.port?.name ? p.name === backend.port.name : p.port === backend.port?.number,
    );
    if (!svc || !svcPort) return [{ count: batch.count, result: { status: 503, body: NGINX_503 } }];
    // ingress-nginx balances over the endpoints itself (round robin), not through the Service VIP.
    const endpoints = this.proxy.usableEndpoints(svc, svcPort.name ?? '', { local: false });
    if (endpoints === 'dropped' || endpoints.length === 0)
      return [{ count: batch.count, result: { status: 503, body: NGINX_503 } }];
    const key = `${svc.metadata.uid ?? ''}/${svcPort.name ?? ''}`;
    let state = this.ingressUpstreams.get(key);
    if (!state) {
      state = newIpvsState();
      this.ingressUpstreams.set(key, state);
    }
    const counts = spreadRoundRobin(endpoints.length, batch.count, state);
    const picks = endpoints
      .map((endpoint, i) => ({
        endpoint,
        port: endpoint.ports.get(svcPort.name ?? '') ?? 0,
        count: counts[i] ?? 0,
      }))
      .filter((p) => p.count > 0);
    return this.follow(batch, svc, { kind: 'endpoints', picks }, { ip: INGRESS_ADDRESS });
  }

  private follow(batch: Batch, svc: KubeObject & Service, route: Route, source: Peer): Outcome[] {
    if (route.kind !== 'endpoints') {
      const error: Failure = route.kind === 'refused' ? 'connection refused' : 'timed out';
      this.stats.recordFailure(svc, error, batch.count);
      this.remember({
        timeMs: batch.startMs,
        sourceIp: source.ip,
        service: `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`,
        count: batch.count,
        outcome: error,
      });
      return [{ count: batch.count, result: { error } }];
    }
    const outcomes: Outcome[] = [];
    for (const pick of route.picks) {
      const pod = pick.endpoint.podKey
        ? (this.api.get('pods', ...splitPodKey(pick.endpoint.podKey)) as
            (KubeObject & Pod) | undefined)
        : undefined;
      if (!pod) {
        outcomes.push({ count: pick.count, result: { error: 'connection refused' } });
        continue;
      }
      const sub = { ...batch, count: pick.count };
      for (const outcome of this.toPod(sub, source, pod, pick.port, svc)) {
        if (outcome.result.error)
          this.stats.recordFailure(svc, outcome.result.error, outcome.count);
        outcomes.push(outcome);
      }
    }
    return outcomes;
  }

  /** The last hop: policy on both ends, then the container's handler. */
  private toPod(
    batch: Batch,
    source: Peer,
    pod: KubeObject & Pod,
    port: number,
    svc: (KubeObject & Service) | undefined,
  ): Outcome[] {
    const podKey = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    const outcomes = this.servePod(batch, source, pod, podKey, port, svc);
    for (const outcome of outcomes)
      this.remember({
        timeMs: batch.startMs,
        sourceIp: source.ip,
        ...(svc ? { service: `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}` } : {}),
        pod: podKey,
        count: outcome.count,
        outcome: outcome.result.error ?? outcome.result.status ?? 0,
      });
    return outcomes;
  }

  private remember(record: DeliveryRecord): void {
    this.recent.push(record);
    if (this.recent.length > RECENT_DELIVERIES)
      this.recent.splice(0, this.recent.length - RECENT_DELIVERIES);
  }

  private servePod(
    batch: Batch,
    source: Peer,
    pod: KubeObject & Pod,
    podKey: string,
    port: number,
    svc: (KubeObject & Service) | undefined,
  ): Outcome[] {
    const ip = pod.status?.podIP ?? '';
    const verdict = checkConnection(this.api, source, { ip, pod }, port);
    if (!verdict.allowed) return [{ count: batch.count, result: { error: 'timed out' } }];
    const handler = this.services.podRequests;
    let response: ServedResponse | undefined;
    if (batch.count > 1 && handler.handleMany)
      response = handler.handleMany(podKey, port, batch.path, source.ip, batch.count);
    else {
      // Without a batch handler every request is served on its own, so the container is charged
      // (CPU, access log) for each; the answer of the last one stands for all.
      for (let i = 0; i < batch.count; i++)
        response = handler.handle(podKey, port, batch.path, source.ip);
    }
    if (!response) return [{ count: batch.count, result: { error: 'connection refused' } }];
    this.latency.set(ip, response.latencyMs ?? DEFAULT_LATENCY_MS);
    if (svc) this.stats.record(svc, pod.metadata.name ?? '', batch.count);
    return [
      {
        count: batch.count,
        result: { status: response.status, body: response.body, servedBy: podKey },
      },
    ];
  }

  private unknownPort(batch: Batch): Outcome[] {
    const mode = this.proxy.settings().mode;
    const error: Failure = mode === 'iptables' ? 'timed out' : 'connection refused';
    return [{ count: batch.count, result: { error } }];
  }

  private connections(batch: Batch): {
    sourceIp: string;
    count: number;
    startMs: number;
    durationMs: number;
  } {
    return {
      sourceIp: batch.origin.sourceIp,
      count: batch.count,
      startMs: batch.startMs,
      durationMs: batch.durationMs,
    };
  }

  private sourcePeer(origin: RequestOrigin): Peer {
    const pod = origin.podKey
      ? (this.api.get('pods', ...splitPodKey(origin.podKey)) as (KubeObject & Pod) | undefined)
      : undefined;
    return pod ? { ip: origin.sourceIp, pod } : { ip: origin.sourceIp };
  }

  /**
   * Lookups go to the kube-dns Service (CoreDNS pods on UDP 53): with no CoreDNS endpoint at all
   * (scaled to zero, Service deleted) or an egress policy cutting the pod off, names stop
   * resolving. TODO(#5): require a *ready* endpoint once CoreDNS's process model answers its
   * /health and /ready probes (today its pods never turn ready).
   */
  private dnsReachable(origin: RequestOrigin): boolean {
    const servers = this.proxy.endpoints
      .endpointsOf('kube-system', 'kube-dns')
      .filter((e) => e.ports.has('dns'));
    if (servers.length === 0 || !this.api.get('services', 'kube-system', 'kube-dns')) return false;
    const source = this.sourcePeer(origin);
    if (!source.pod) return true;
    for (const server of servers) {
      const pod = server.podKey
        ? (this.api.get('pods', ...splitPodKey(server.podKey)) as (KubeObject & Pod) | undefined)
        : undefined;
      if (
        checkConnection(this.api, source, { ip: server.ip, ...(pod ? { pod } : {}) }, 53, 'UDP')
          .allowed
      )
        return true;
    }
    return false;
  }

  private nodeWithIp(ip: string): (KubeObject & Node) | undefined {
    if (!isIpv4(ip)) return undefined;
    for (const obj of this.api.iterate('nodes')) {
      const node = obj as KubeObject & Node;
      if (nodeAddress(node) === ip) return node;
    }
    return undefined;
  }

  private latencyOf(ip: string): number {
    return this.latency.get(ip) ?? DEFAULT_LATENCY_MS;
  }
}

const NGINX_404 =
  '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const NGINX_503 =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function tally(outcomes: readonly Outcome[], count: number, fallback: Failure): BatchResult {
  let answered = 0;
  let failed = 0;
  let last: HttpResult = { error: fallback };
  for (const outcome of outcomes) {
    if (outcome.result.error) failed += outcome.count;
    else answered += outcome.count;
    last = outcome.result;
  }
  if (outcomes.length === 0) failed = count;
  return { answered, failed, last };
}

export function parseUrl(url: string): ParsedUrl | undefined {
  const match = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([^\s#]*)$/.exec(url.trim());
  if (!match) return undefined;
  const scheme = match[1] ?? 'http';
  const port = match[3] ? Number(match[3]) : scheme === 'https' ? 443 : 80;
  const rawPath = match[4] ?? '';
  const path = rawPath === '' || rawPath.startsWith('?') ? `/${rawPath}` : rawPath;
  return { host: (match[2] ?? '').toLowerCase(), port, path: path.split('?')[0] ?? '/' };
}

function splitPodKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

function nodeAddress(node: Node): string {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
}
