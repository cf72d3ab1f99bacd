/**
 * metrics-server: scrapes every kubelet's summary API every `--metric-resolution` (15 s) and
 * serves the resource metrics API (metrics.k8s.io/v1beta1) that `kubectl top` and the HPA read.
 * Like the real one, it reports a container only once it has two samples to compute a CPU rate,
 * so new pods show up after one to two scrapes. Mirrors kubernetes-sigs/metrics-server
 * (pkg/scraper, pkg/storage) in cadence and shape.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject, Node } from '../api/types/index.ts';
import { bytes } from '../api/quantity.ts';
import type { VirtualClock } from '../clock/virtualClock.ts';
import type {
  ClusterServices,
  NodeMetricsSample,
  PodMetricsSample,
  ResourceMetricsApi,
} from '../client/clusterServices.ts';
import type { ComponentContext, Reconciler } from '../client/reconciler.ts';
import type { WorkQueue } from '../client/workqueue.ts';

/** --metric-resolution default. */
export const METRIC_RESOLUTION_MS = 15_000;
/** What the node's own daemons (kubelet, containerd, systemd) use beyond its pods. */
export const NODE_OVERHEAD = { cpuMilli: 60, memoryBytes: 400 * 1024 * 1024 } as const;

interface Sample {
  readonly timestampMs: number;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

const SCRAPE_KEY = 'scrape';

export class MetricsServer implements Reconciler, ResourceMetricsApi {
  readonly name = 'metrics-server';
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;
  /** Container key (`ns/pod/container`) → its last two samples. */
  private readonly containers = new Map<string, Sample[]>();
  private pods: PodMetricsSample[] = [];
  private nodes: NodeMetricsSample[] = [];
  private scrapes = 0;

  constructor(
    ctx: ComponentContext,
    private readonly services: ClusterServices,
  ) {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.newQueue();
    this.queue.addAfter(SCRAPE_KEY, METRIC_RESOLUTION_MS);
  }

  available(): boolean {
    return this.scrapes > 0;
  }

  podMetrics(namespace?: string): readonly PodMetricsSample[] {
    return namespace === undefined ? this.pods : this.pods.filter((p) => p.namespace === namespace);
  }

  nodeMetrics(): readonly NodeMetricsSample[] {
    return this.nodes;
  }

  sync(): void {
    this.scrape();
    this.queue.addAfter(SCRAPE_KEY, METRIC_RESOLUTION_MS);
  }

  private scrape(): void {
    const now = this.clock.now();
    const seen = new Set<string>();
    const pods = new Map<string, PodMetricsSample>();
    const nodes: NodeMetricsSample[] = [];
    for (const obj of this.api.list('nodes')) {
      const node = obj as KubeObject & Node;
      const nodeName = node.metadata.name ?? '';
      const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      if (!ready) continue;
      const usage = this.services.summaries.usageOnNode(nodeName);
      let cpu = NODE_OVERHEAD.cpuMilli;
      let memory = NODE_OVERHEAD.memoryBytes;
      for (const u of usage) {
        cpu += u.cpuMilli;
        memory += u.memoryBytes;
        const key = `${u.podKey}/${u.container}`;
        seen.add(key);
        const history = [
          ...(this.containers.get(key) ?? []),
          { timestampMs: now, cpuMilli: u.cpuMilli, memoryBytes: u.memoryBytes },
        ].slice(-2);
        this.containers.set(key, history);
        const [previous, latest] = history;
        if (!previous || !latest) continue;
        const [namespace = '', name = ''] = u.podKey.split('/');
        const pod = pods.get(u.podKey) ?? {
          namespace,
          name,
          timestampMs: now,
          windowMs: latest.timestampMs - previous.timestampMs,
          containers: [],
        };
        pods.set(u.podKey, {
          ...pod,
          containers: [
            ...pod.containers,
            {
              name: u.container,
              cpuMilli: Math.round(latest.cpuMilli),
              memoryBytes: Math.round(latest.memoryBytes),
            },
          ],
        });
      }
      const capacity = bytes(node.status?.capacity?.memory);
      nodes.push({
        name: nodeName,
        timestampMs: now,
        windowMs: METRIC_RESOLUTION_MS,
        cpuMilli: Math.round(cpu),
        memoryBytes: Math.round(capacity > 0 ? Math.min(memory, capacity) : memory),
      });
    }
    for (const key of [...this.containers.keys()]) if (!seen.has(key)) this.containers.delete(key);
    this.pods = [...pods.values()].sort((a, b) =>
      a.namespace !== b.namespace
        ? a.namespace < b.namespace
          ? -1
          : 1
        : a.name < b.name
          ? -1
          : a.name > b.name
            ? 1
            : 0,
    );
    this.nodes = nodes;
    this.scrapes++;
  }
}
