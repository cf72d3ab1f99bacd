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
  handle(
    podKey: string,
    port: number,
    path: string,
    sourceIp: string,
  ): { status: number; body: string } | undefined;
}

/** Late-bound services the cluster wiring fills in once every component exists. */
export interface ClusterServices {
  network: ClusterNetwork;
  summaries: KubeletSummaries;
  podRequests: PodRequestHandler;
}

/** Defaults until the real implementations are bound: no network, no usage. */
export function createClusterServices(): ClusterServices {
  return {
    network: {
      resolve: () => undefined,
      request: () => ({ error: 'bad address' }),
    },
    summaries: { usageOnNode: () => [] },
    podRequests: { handle: () => undefined },
  };
}
