/**
 * Contracts between components that, in a real cluster, talk over the network rather than through
 * the API server: a pod's HTTP client reaching Services and pods (CNI + kube-proxy + CoreDNS), and
 * metrics-server scraping each kubelet's summary API. Each side is implemented by its own component
 * and bound late by the cluster wiring, so components never import each other.
 */

/** What a client inside a pod sees when it makes a request. */
export interface HttpResult {
  /** Set when a response came back. */
  readonly status?: number;
  readonly body?: string;
  /**
   * Set when no response came back, in the words a client prints: `bad address` (DNS failed),
   * `connection refused` (nothing listening / no endpoints), `timed out` (dropped, e.g. by policy).
   */
  readonly error?: 'bad address' | 'connection refused' | 'timed out';
  /** Which pod answered (namespace/name), for traffic statistics and the UI. */
  readonly servedBy?: string;
}

export interface RequestOrigin {
  readonly namespace: string;
  /** `ns/name` of the client pod, or undefined for traffic from outside the cluster. */
  readonly podKey?: string;
  readonly sourceIp: string;
  readonly nodeName?: string;
}

/** The cluster network as seen from a pod: DNS and HTTP over Services and pod IPs. */
export interface ClusterNetwork {
  /** Resolves a host name the way the pod's resolv.conf and CoreDNS would; undefined = NXDOMAIN. */
  resolve(origin: RequestOrigin, host: string): string | undefined;
  /** One HTTP GET to `url` (http://host[:port]/path). */
  request(origin: RequestOrigin, url: string): HttpResult;
  /**
   * `count` identical GETs from one client (a load-generator loop over one virtual interval): the
   * network aggregates them but keeps per-pod counts exact. Returns the outcome tallies.
   */
  requestMany(origin: RequestOrigin, url: string, count: number): BatchResult;
  /** A full DNS answer, as `nslookup` prints it; undefined = NXDOMAIN. */
  lookup(origin: RequestOrigin, host: string): DnsAnswer | undefined;
}

export interface BatchResult {
  /** Requests that got a response (any status). */
  readonly answered: number;
  readonly failed: number;
  /** The last request's result, for what the client prints. */
  readonly last: HttpResult;
}

export interface DnsAnswer {
  /** The fully qualified name that matched (`web.default.svc.cluster.local`). */
  readonly name: string;
  readonly addresses: readonly string[];
  /** Set for ExternalName Services (a CNAME). */
  readonly canonicalName?: string;
}

/** One pod's usage as metrics-server serves it (metrics.k8s.io/v1beta1 PodMetrics). */
export interface PodMetricsSample {
  readonly namespace: string;
  readonly name: string;
  readonly timestampMs: number;
  readonly windowMs: number;
  readonly containers: readonly { name: string; cpuMilli: number; memoryBytes: number }[];
}

export interface NodeMetricsSample {
  readonly name: string;
  readonly timestampMs: number;
  readonly windowMs: number;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

/** The resource metrics API (metrics.k8s.io), served by metrics-server. */
export interface ResourceMetricsApi {
  /** False until metrics-server has its first scrape (kubectl: `Metrics API not available`). */
  available(): boolean;
  /** Pods with metrics, in `namespace` or everywhere when undefined. */
  podMetrics(namespace?: string): readonly PodMetricsSample[];
  nodeMetrics(): readonly NodeMetricsSample[];
}

/** Per-container resource use as the kubelet's summary API reports it. */
export interface ContainerUsage {
  readonly podKey: string;
  readonly container: string;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

export interface KubeletSummaries {
  /** Current usage of every running container on a node (empty when the node is down). */
  usageOnNode(nodeName: string): readonly ContainerUsage[];
}

/** How a serving container answers a request that reached it (implemented by the kubelet's process model). */
export interface PodRequestHandler {
  /** Undefined when nothing in the pod listens on `port` (the client sees connection refused). */
  handle(podKey: string, port: number, path: string, sourceIp: string): ServedResponse | undefined;
  /**
   * Serves `count` identical requests at once (charging the container for all of them). Optional:
   * without it the network calls `handle` once per request, which costs time at high rates.
   */
  handleMany?(
    podKey: string,
    port: number,
    path: string,
    sourceIp: string,
    count: number,
  ): ServedResponse | undefined;
}

export interface ServedResponse {
  readonly status: number;
  readonly body: string;
  /** How long the container took to answer (default 2 ms); drives least-connection balancing. */
  readonly latencyMs?: number;
}

/** Late-bound services the cluster wiring fills in once every component exists. */
export interface ClusterServices {
  network: ClusterNetwork;
  summaries: KubeletSummaries;
  podRequests: PodRequestHandler;
  metrics: ResourceMetricsApi;
}

/** Defaults until the real implementations are bound: no network, no usage. */
export function createClusterServices(): ClusterServices {
  return {
    network: {
      resolve: () => undefined,
      request: () => ({ error: 'bad address' }),
      requestMany: (_origin, _url, count) => ({
        answered: 0,
        failed: count,
        last: { error: 'bad address' },
      }),
      lookup: () => undefined,
    },
    summaries: { usageOnNode: () => [] },
    podRequests: { handle: () => undefined },
    metrics: { available: () => false, podMetrics: () => [], nodeMetrics: () => [] },
  };
}
