/**
 * Wires the simulated cluster together (our "kube-up") and moves virtual time. It implements no
 * Kubernetes behaviour itself: that lives in the components it wires.
 */
import { registerAdmission } from './api/admission/index.ts';
import { ApiServer } from './api/apiServer.ts';
import { registerStrategies } from './api/registry/index.ts';
import type { KubeObject, Taint } from './api/types/index.ts';
import {
  clusterObjects,
  CONTROL_PLANE_NODE,
  COREDNS_IMAGE,
  KUBE_PROXY_IMAGE,
  namespaces,
  PAUSE_IMAGE,
  STATIC_POD_IMAGES,
  staticPods,
} from './bootstrap.ts';
import { msFromCivil } from './clock/timeFormat.ts';
import { VirtualClock } from './clock/virtualClock.ts';
import { EventRecorder } from './client/eventRecorder.ts';
import type { ComponentContext, Reconciler } from './client/reconciler.ts';
import { createClusterServices, type ClusterServices } from './client/clusterServices.ts';
import { WorkQueue } from './client/workqueue.ts';
import { DaemonSetController } from './controllers/daemon/daemonSetController.ts';
import { DeploymentController } from './controllers/deployment/deploymentController.ts';
import { GarbageCollector } from './controllers/garbagecollector/garbageCollector.ts';
import { NamespaceController } from './controllers/namespace/namespaceController.ts';
import { ReplicaSetController } from './controllers/replicaset/replicaSetController.ts';
import { NodeLifecycleController } from './controllers/nodelifecycle/nodeLifecycleController.ts';
import { TaintEvictionController } from './controllers/tainteviction/taintEvictionController.ts';
import { JobController } from './controllers/job/jobController.ts';
import { DisruptionController } from './controllers/disruption/disruptionController.ts';
import { StatefulSetController } from './controllers/statefulset/statefulSetController.ts';
import { CronJobController } from './controllers/cronjob/cronJobController.ts';
import { PodGCController } from './controllers/podgc/podGCController.ts';
import { TtlAfterFinishedController } from './controllers/ttlafterfinished/ttlAfterFinishedController.ts';
import { EndpointsController } from './controllers/endpointslice/endpointsController.ts';
import { EndpointSliceController } from './controllers/endpointslice/endpointSliceController.ts';
import { HorizontalController } from './controllers/podautoscaler/horizontal.ts';
import { MetricsServer } from './metrics/metricsServer.ts';
import { PodNetwork } from './network/clusterNetwork.ts';
import { IngressController } from './network/ingressController.ts';
import { INGRESS_ADDRESS, LoadBalancerController } from './network/loadBalancerController.ts';
import { TrafficFlows } from './network/trafficFlows.ts';
import { KubeProxy } from './proxy/kubeProxy.ts';
import { Kubelet, type ExecResult, type LogsResult } from './kubelet/kubelet.ts';
import { NodeAgents } from './kubelet/nodeAgents.ts';
import type { NodeConfig } from './kubelet/nodeStatus.ts';
import { SeededRandom } from './random/seededRandom.ts';
import { Scheduler } from './scheduler/scheduler.ts';

export interface NodeOptions {
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: number;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
}

export interface ClusterOptions {
  readonly seed?: number;
  /** Virtual wall-clock time at which the cluster was created (ms since the epoch). */
  readonly startTimeMs?: number;
  /** Worker nodes to create (default 3: node-1, node-2, node-3). */
  readonly workers?: number;
  /** Virtual time the cluster has been up before the learner starts (default 5 minutes). */
  readonly uptimeMs?: number;
  /** Deep-freeze stored objects (default true): mutations of stored objects fail loudly. */
  readonly freezeObjects?: boolean;
}

export const DEFAULT_START_TIME_MS = msFromCivil(2025, 6, 2, 9, 0, 0);
export const DEFAULT_NODE_SIZE = { cpu: '4', memory: '8Gi', pods: 110 } as const;
const MAX_DRAIN_ITERATIONS = 5_000_000;

export class Cluster {
  readonly seed: number;
  readonly clock: VirtualClock;
  readonly api: ApiServer;
  readonly scheduler: Scheduler;
  private readonly reconcilers: Reconciler[] = [];
  private readonly agents: NodeAgents;
  private readonly ctx: ComponentContext;
  private nodeCount = 0;
  /** Cross-component services bound by the wiring (network, kubelet summaries, pod servers). */
  readonly services: ClusterServices = createClusterServices();
  /** The pod network: DNS, kube-proxy, policy enforcement and per-Service traffic statistics. */
  readonly network: PodNetwork;
  /** Request flows started by the `traffic` directive. */
  readonly traffic: TrafficFlows;
  /** Change-log sequence at which the learner's session begins (after bootstrap). */
  readonly sessionStartSeq: number;

  constructor(options: ClusterOptions = {}) {
    this.seed = (options.seed ?? 1) >>> 0;
    this.clock = new VirtualClock(options.startTimeMs ?? DEFAULT_START_TIME_MS);
    this.api = new ApiServer({
      clock: this.clock,
      random: SeededRandom.fork(this.seed, 'kube-apiserver'),
      freezeObjects: options.freezeObjects ?? true,
    });
    registerStrategies(this.api, SeededRandom.fork(this.seed, 'service-ip-allocator'));
    registerAdmission(this.api);
    const clock = this.clock;
    const api = this.api;
    const seed = this.seed;
    this.ctx = {
      api,
      clock,
      random: (name) => SeededRandom.fork(seed, name),
      recorder: (source) => new EventRecorder(api, source),
      newQueue: () => new WorkQueue(clock),
      services: this.services,
    };
    for (const ns of namespaces()) this.api.create(ns, { actor: 'kube-apiserver' });
    this.agents = new NodeAgents(this.api);
    this.services.podRequests = {
      handle: (podKey, port, path, sourceIp) =>
        this.agents.forPod(podKey)?.handleRequest(podKey, port, path, sourceIp),
    };
    this.services.summaries = {
      usageOnNode: (nodeName) => this.agents.get(nodeName)?.usage() ?? [],
    };
    this.reconcilers.push(
      new NamespaceController(this.ctx),
      new GarbageCollector(this.ctx),
      new DeploymentController(this.ctx),
      new ReplicaSetController(this.ctx),
      new DaemonSetController(this.ctx),
      new NodeLifecycleController(this.ctx),
      new TaintEvictionController(this.ctx),
      new JobController(this.ctx),
      new TtlAfterFinishedController(this.ctx),
      new DisruptionController(this.ctx),
      new StatefulSetController(this.ctx),
      new CronJobController(this.ctx),
      new PodGCController(this.ctx),
    );
    const proxy = new KubeProxy(api, SeededRandom.fork(seed, 'kube-proxy'));
    this.network = new PodNetwork(
      api,
      clock,
      this.services,
      proxy,
      SeededRandom.fork(seed, 'coredns'),
    );
    this.services.network = this.network;
    const metricsServer = new MetricsServer(this.ctx, this.services);
    this.services.metrics = metricsServer;
    this.traffic = new TrafficFlows(this.ctx, this.network);
    this.reconcilers.push(
      new EndpointSliceController(this.ctx),
      new EndpointsController(this.ctx),
      new LoadBalancerController(this.ctx),
      new IngressController(this.ctx, INGRESS_ADDRESS),
      new HorizontalController(this.ctx, () => this.services.metrics),
      metricsServer,
      this.traffic,
    );
    this.scheduler = new Scheduler(this.ctx);
    this.reconcilers.push(this.scheduler);
    this.bootstrap(options.workers ?? 3);
    this.advance(options.uptimeMs ?? 5 * 60_000);
    this.sessionStartSeq = this.api.changeLog.length;
  }

  private bootstrap(workers: number): void {
    const systemImages = [PAUSE_IMAGE, KUBE_PROXY_IMAGE, COREDNS_IMAGE];
    const controlPlane = this.startKubelet(
      CONTROL_PLANE_NODE,
      {
        labels: {
          'node-role.kubernetes.io/control-plane': '',
          'node.kubernetes.io/exclude-from-external-load-balancers': '',
        },
        taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      },
      [...systemImages, ...STATIC_POD_IMAGES],
      true,
    );
    const node = this.api.read('nodes', '', controlPlane.nodeName);
    for (const pod of staticPods(node.metadata.uid ?? ''))
      this.api.create(pod, { actor: controlPlane.name });
    for (let i = 1; i <= workers; i++)
      this.startKubelet(`node-${String(i)}`, {}, systemImages, true);
    for (const obj of clusterObjects()) this.api.create(obj, { actor: 'kubeadm' });
  }

  private startKubelet(
    name: string,
    options: NodeOptions,
    images: readonly string[],
    networkReady: boolean,
  ): Kubelet {
    const index = this.nodeCount++;
    const config: NodeConfig = {
      name,
      cpu: options.cpu ?? DEFAULT_NODE_SIZE.cpu,
      memory: options.memory ?? DEFAULT_NODE_SIZE.memory,
      pods: options.pods ?? DEFAULT_NODE_SIZE.pods,
      labels: options.labels ?? {},
      taints: options.taints ?? [],
      internalIP: `172.18.0.${String(index + 2)}`,
      podCIDR: `10.244.${String(index)}.0/24`,
      machineId: machineIdFor(this.seed, name),
    };
    const kubelet = new Kubelet(this.ctx, config, images);
    this.agents.add(kubelet);
    this.reconcilers.push(kubelet);
    kubelet.start(networkReady);
    return kubelet;
  }

  /** Adds a node whose kubelet joins now; it turns Ready once its network is up (a few seconds). */
  addNode(name: string, options: NodeOptions = {}): void {
    if (this.api.get('nodes', '', name)) throw new Error(`node "${name}" already exists`);
    this.startKubelet(name, options, [PAUSE_IMAGE, KUBE_PROXY_IMAGE], false);
  }

  kubelet(name: string): Kubelet | undefined {
    return this.agents.get(name);
  }

  /** The kubelet stops: no heartbeats, no status, as when the machine crashes. */
  failNode(name: string): void {
    const kubelet = this.agents.get(name);
    if (!kubelet) throw new Error(`node "${name}" not found`);
    kubelet.stop();
  }

  recoverNode(name: string): void {
    const kubelet = this.agents.get(name);
    if (!kubelet) throw new Error(`node "${name}" not found`);
    kubelet.start(true);
  }

  now(): number {
    return this.clock.now();
  }

  /** A container's log lines (`kubectl logs`), as its node's kubelet serves them. */
  containerLogs(namespace: string, pod: string, container: string, previous = false): LogsResult {
    const kubelet = this.agents.forPod(`${namespace}/${pod}`);
    if (!kubelet) return { error: `pod "${pod}" has no node yet` };
    return kubelet.logs(`${namespace}/${pod}`, container, previous);
  }

  /** Runs a command in a running container (`kubectl exec`). */
  exec(namespace: string, pod: string, container: string, argv: readonly string[]): ExecResult {
    const kubelet = this.agents.forPod(`${namespace}/${pod}`);
    if (!kubelet)
      return { error: `unable to upgrade connection: container not found ("${container}")` };
    return kubelet.exec(`${namespace}/${pod}`, container, argv);
  }

  /** The `pod crash` directive: a container's main process dies; returns the container's name. */
  crashContainer(
    namespace: string,
    pod: string,
    container?: string,
    exitCode = 1,
  ): string | undefined {
    const name = this.agents
      .forPod(`${namespace}/${pod}`)
      ?.crash(`${namespace}/${pod}`, container, exitCode);
    this.drain();
    return name;
  }

  /** Runs every component until all work queues are empty, without moving time. */
  drain(): void {
    let iterations = 0;
    for (;;) {
      let worked = false;
      for (const reconciler of this.reconcilers) {
        for (let key = reconciler.queue.pop(); key !== undefined; key = reconciler.queue.pop()) {
          worked = true;
          if (++iterations > MAX_DRAIN_ITERATIONS)
            throw new Error(`cluster did not settle: ${reconciler.name} keeps working`);
          reconciler.sync(key);
        }
      }
      if (!worked) return;
    }
  }

  /** Moves virtual time forward by `ms`, running everything that would happen meanwhile. */
  advance(ms: number): void {
    const target = this.clock.now() + Math.max(0, ms);
    this.drain();
    for (
      let next = this.clock.nextDue();
      next !== undefined && next <= target;
      next = this.clock.nextDue()
    ) {
      this.clock.advanceTo(next);
      this.clock.fireDue();
      this.drain();
    }
    this.clock.advanceTo(target);
  }

  /** Handles a write made from outside (kubectl): components react at once, in virtual time zero. */
  settle(): void {
    this.drain();
  }

  list(resource: string, namespace?: string): KubeObject[] {
    return this.api.list(resource, namespace);
  }
}

function machineIdFor(seed: number, name: string): string {
  const random = SeededRandom.fork(seed, `machine/${name}`);
  const hex = (n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += random.int(16).toString(16);
    return out;
  };
  return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
}

export function createCluster(options: ClusterOptions = {}): Cluster {
  return new Cluster(options);
}
