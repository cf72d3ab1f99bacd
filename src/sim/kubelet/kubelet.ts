/**
 * The kubelet of one simulated node: registers the node, renews its lease, and runs the pods bound
 * to it through a fake container runtime (sandbox, image pulls, containers), reporting pod status.
 * Mirrors pkg/kubelet (kubelet.go, pod_workers.go, kuberuntime) in outcome and timing.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject, Node, Pod } from '../api/types/index.ts';
import { formatRfc3339Micro } from '../clock/timeFormat.ts';
import type { VirtualClock } from '../clock/virtualClock.ts';
import type { EventRecorder } from '../client/eventRecorder.ts';
import { keyOf, splitKey } from '../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../client/reconciler.ts';
import type { WorkQueue } from '../client/workqueue.ts';
import type { SeededRandom } from '../random/seededRandom.ts';
import { deepClone, deepEqual } from '../util/objects.ts';
import { formatGoDuration, imageInfo, normalizeImage, pullDurationMs } from './images.ts';
import { nodeConditions, registrationNode, type NodeConfig } from './nodeStatus.ts';
import { computePodStatus } from './podStatus.ts';
import type { ContainerRuntime, PodRuntime } from './runtime.ts';

/** Sandbox creation and CNI setup before containers can start. */
export const SANDBOX_SETUP_MS = 500;
/** Creating and starting a container once its image is present. */
export const CONTAINER_START_MS = 150;
/** How long a container takes to exit after SIGTERM when it handles the signal. */
export const STOP_ON_SIGTERM_MS = 200;
export const LEASE_RENEW_MS = 10_000;
export const NODE_STATUS_UPDATE_MS = 10_000;
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** CNI and runtime readiness of a freshly joined node. */
export const NETWORK_READY_MS = 4_000;

const NODE_KEY = '\u0000node';
const LEASE_KEY = '\u0000lease';

export class Kubelet implements Reconciler {
  readonly name: string;
  readonly queue: WorkQueue;
  readonly nodeName: string;
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;
  private readonly recorder: EventRecorder;
  private readonly random: SeededRandom;
  private readonly pods = new Map<string, PodRuntime>();
  private readonly images = new Set<string>();
  private pullBusyUntil = 0;
  private nextIp = 2;
  private running = false;
  private networkReadyAt = 0;
  private lastStatusReport = -Infinity;

  constructor(
    ctx: ComponentContext,
    private readonly config: NodeConfig,
    preloadedImages: readonly string[] = [],
  ) {
    this.nodeName = config.name;
    this.name = `kubelet/${config.name}`;
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: 'kubelet', host: config.name });
    this.random = ctx.random(this.name);
    for (const image of preloadedImages) this.images.add(normalizeImage(image));
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the kubelet: registers the node and begins heartbeats. `networkReady` skips the CNI wait. */
  start(networkReady: boolean): void {
    if (this.running) return;
    this.running = true;
    this.networkReadyAt = networkReady ? this.clock.now() : this.clock.now() + NETWORK_READY_MS;
    const existing = this.api.get('nodes', '', this.nodeName);
    if (!existing) {
      this.api.create(registrationNode(this.config, this.clock.now(), networkReady) as KubeObject, {
        actor: this.name,
      });
    }
    this.queue.add(NODE_KEY);
    this.queue.add(LEASE_KEY);
    if (!networkReady) this.queue.addAfter(NODE_KEY, NETWORK_READY_MS);
    for (const pod of this.api.iterate('pods')) {
      if ((pod.spec as { nodeName?: string } | undefined)?.nodeName === this.nodeName)
        this.queue.add(keyOf(pod));
    }
  }

  /** The machine stopped: no more heartbeats, status updates or container work. */
  stop(): void {
    this.running = false;
  }

  /** Called for every watch event on a pod bound to this node. */
  enqueuePod(key: string): void {
    if (this.running) this.queue.add(key);
  }

  hasImage(image: string): boolean {
    return this.images.has(normalizeImage(image));
  }

  sync(key: string): void {
    if (!this.running) return;
    if (key === NODE_KEY) this.syncNodeStatus();
    else if (key === LEASE_KEY) this.renewLease();
    else this.syncPod(key);
  }

  private renewLease(): void {
    const now = this.clock.now();
    const existing = this.api.get('leases.coordination.k8s.io', 'kube-node-lease', this.nodeName);
    if (existing) {
      this.api.mutate(
        'leases.coordination.k8s.io',
        'kube-node-lease',
        this.nodeName,
        (draft) => {
          (draft.spec as { renewTime?: string }).renewTime = formatRfc3339Micro(now);
        },
        { actor: this.name },
      );
    } else {
      const node = this.api.get('nodes', '', this.nodeName);
      this.api.create(
        {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name: this.nodeName,
            namespace: 'kube-node-lease',
            ...(node
              ? {
                  ownerReferences: [
                    {
                      apiVersion: 'v1',
                      kind: 'Node',
                      name: this.nodeName,
                      uid: node.metadata.uid ?? '',
                    },
                  ],
                }
              : {}),
          },
          spec: {
            holderIdentity: this.nodeName,
            leaseDurationSeconds: 40,
            renewTime: formatRfc3339Micro(now),
          },
        },
        { actor: this.name },
      );
    }
    this.queue.addAfter(LEASE_KEY, LEASE_RENEW_MS);
  }

  private syncNodeStatus(): void {
    const now = this.clock.now();
    const node = this.api.get('nodes', '', this.nodeName) as (KubeObject & Node) | undefined;
    this.queue.addAfter(NODE_KEY, NODE_STATUS_UPDATE_MS);
    if (!node) return;
    const ready = now >= this.networkReadyAt;
    const heartbeat = now - this.lastStatusReport >= NODE_STATUS_REPORT_MS;
    const previous = node.status?.conditions ?? [];
    const conditions = nodeConditions(ready, now, previous, heartbeat);
    const changed = !deepEqual(
      conditions.map((c) => [c.type, c.status, c.reason]),
      previous.map((c) => [c.type, c.status, c.reason]),
    );
    const images = this.imageList();
    if (!changed && !heartbeat && deepEqual(images, node.status?.images ?? [])) return;
    const draft = deepClone(node);
    draft.status = {
      ...draft.status,
      conditions: changed || heartbeat ? nodeConditions(ready, now, previous, true) : previous,
      images,
    };
    this.api.update(draft, { actor: this.name, subresource: 'status' });
    if (changed || heartbeat) this.lastStatusReport = now;
    if (changed && ready)
      this.recorder.event(
        node,
        'Normal',
        'NodeReady',
        `Node ${this.nodeName} status is now: NodeReady`,
      );
  }

  private imageList(): { names: string[]; sizeBytes: number }[] {
    return [...this.images]
      .sort()
      .map((name) => ({ names: [name], sizeBytes: imageInfo(name).sizeBytes }));
  }

  private syncPod(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('pods', namespace, name) as (KubeObject & Pod) | undefined;
    if (!pod || pod.spec?.nodeName !== this.nodeName) {
      this.forget(key, pod);
      return;
    }
    let runtime = this.pods.get(key);
    if (runtime && runtime.uid !== pod.metadata.uid) {
      this.pods.delete(key);
      runtime = undefined;
    }
    if (pod.metadata.deletionTimestamp) {
      this.killPod(key, pod, runtime);
      return;
    }
    const phase = pod.status?.phase;
    if (!runtime && (phase === 'Succeeded' || phase === 'Failed')) return;
    runtime ??= this.admitPod(key, pod);
    this.advance(key, pod, runtime);
    this.writeStatus(pod, runtime);
  }

  private forget(key: string, pod: Pod | undefined): void {
    const runtime = this.pods.get(key);
    if (runtime && (!pod || pod.metadata?.uid !== runtime.uid)) this.pods.delete(key);
  }

  private admitPod(key: string, pod: Pod): PodRuntime {
    const now = this.clock.now();
    const containers: ContainerRuntime[] = [
      ...(pod.spec?.initContainers ?? []).map((c) => ({ c, init: true })),
      ...(pod.spec?.containers ?? []).map((c) => ({ c, init: false })),
    ].map(({ c, init }) => ({
      name: c.name,
      image: c.image ?? '',
      init,
      phase: 'waiting' as const,
      waitingReason:
        init || (pod.spec?.initContainers ?? []).length === 0
          ? 'ContainerCreating'
          : 'PodInitializing',
      restartCount: 0,
      ready: false,
    }));
    const runtime: PodRuntime = {
      uid: pod.metadata?.uid ?? '',
      startTime: now,
      sandboxReadyAt: now + SANDBOX_SETUP_MS,
      containers,
    };
    this.pods.set(key, runtime);
    return runtime;
  }

  /** Moves every container as far as the current time allows, and schedules the next wake-up. */
  private advance(key: string, pod: KubeObject & Pod, runtime: PodRuntime): void {
    const now = this.clock.now();
    if (now < runtime.sandboxReadyAt) {
      this.queue.addAfter(key, runtime.sandboxReadyAt - now);
      return;
    }
    runtime.ip ??= pod.spec?.hostNetwork ? this.config.internalIP : this.allocateIp();
    let nextWake = Infinity;
    const init = runtime.containers.filter((c) => c.init);
    const pendingInit = init.find((c) => !(c.phase === 'exited' && c.terminated?.exitCode === 0));
    const active = pendingInit ? [pendingInit] : runtime.containers.filter((c) => !c.init);
    for (const container of active)
      nextWake = Math.min(nextWake, this.advanceContainer(pod, container));
    if (pendingInit?.phase === 'exited' && pendingInit.terminated?.exitCode === 0) nextWake = now;
    if (nextWake <= now) this.queue.add(key);
    else if (nextWake < Infinity) this.queue.addAfter(key, nextWake - now);
  }

  /** One container's state machine; returns when it next needs attention (Infinity: not until an event). */
  private advanceContainer(pod: KubeObject & Pod, c: ContainerRuntime): number {
    const now = this.clock.now();
    const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find(
      (x) => x.name === c.name,
    );
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
    if (c.phase === 'waiting') {
      c.waitingReason = 'ContainerCreating';
      const present = this.images.has(normalizeImage(c.image));
      const policy = spec?.imagePullPolicy ?? 'IfNotPresent';
      if (present && policy !== 'Always') {
        this.recorder.event(
          pod,
          'Normal',
          'Pulled',
          `Container image "${c.image}" already present on machine`,
          fieldPath,
        );
        c.phase = 'pulling';
        c.pullDoneAt = now;
      } else {
        // serializeImagePulls (the kubelet default): one pull at a time per node.
        const start = Math.max(now, this.pullBusyUntil);
        const duration = present
          ? 300 + this.random.int(400)
          : pullDurationMs(imageInfo(c.image).sizeBytes);
        c.pullStartedAt = now;
        c.pullTransferStartedAt = start;
        c.pullDoneAt = start + duration;
        this.pullBusyUntil = c.pullDoneAt;
        c.phase = 'pulling';
        this.recorder.event(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, fieldPath);
        return c.pullDoneAt;
      }
    }
    if (c.phase === 'pulling') {
      if ((c.pullDoneAt ?? now) > now) return c.pullDoneAt ?? now;
      if (c.pullStartedAt !== undefined) {
        const normalized = normalizeImage(c.image);
        this.images.add(normalized);
        const done = c.pullDoneAt ?? now;
        const took = formatGoDuration(done - (c.pullTransferStartedAt ?? c.pullStartedAt));
        const total = formatGoDuration(done - c.pullStartedAt);
        this.recorder.event(
          pod,
          'Normal',
          'Pulled',
          `Successfully pulled image "${c.image}" in ${took} (${total} including waiting). Image size: ${String(imageInfo(c.image).sizeBytes)} bytes.`,
          fieldPath,
        );
        c.pullStartedAt = undefined;
        this.queue.add(NODE_KEY);
      }
      c.phase = 'running';
      c.startedAt = now + CONTAINER_START_MS;
      c.containerId = `containerd://${this.randomHex(64)}`;
      return c.startedAt;
    }
    if (c.phase === 'running' && c.startedAt !== undefined && c.startedAt > now) return c.startedAt;
    if (c.phase === 'running' && !c.ready) {
      this.recorder.event(pod, 'Normal', 'Created', `Created container: ${c.name}`, fieldPath);
      this.recorder.event(pod, 'Normal', 'Started', `Started container ${c.name}`, fieldPath);
      // TODO(#4): readiness probes and the process model decide readiness and exits.
      c.ready = !c.init;
      if (c.init) {
        c.phase = 'exited';
        c.terminated = {
          exitCode: 0,
          reason: 'Completed',
          startedAt: c.startedAt ?? now,
          finishedAt: now,
          containerId: c.containerId ?? '',
        };
      }
    }
    return Infinity;
  }

  private killPod(key: string, pod: KubeObject & Pod, runtime: PodRuntime | undefined): void {
    const now = this.clock.now();
    if (!runtime) {
      this.deleteFromApi(pod);
      return;
    }
    if (runtime.killDeadline === undefined) {
      const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
      runtime.killDeadline = now + Math.min(grace, STOP_ON_SIGTERM_MS);
      for (const c of runtime.containers) {
        if (c.phase !== 'running') continue;
        const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
        this.recorder.event(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, fieldPath);
      }
    }
    if (now < runtime.killDeadline) {
      this.queue.addAfter(key, runtime.killDeadline - now);
      return;
    }
    this.pods.delete(key);
    this.deleteFromApi(pod);
  }

  private deleteFromApi(pod: KubeObject & Pod): void {
    try {
      this.api.delete('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '', {
        actor: this.name,
        gracePeriodSeconds: 0,
      });
    } catch {
      // Already removed.
    }
  }

  private writeStatus(pod: KubeObject & Pod, runtime: PodRuntime): void {
    const hostIP = this.config.internalIP;
    const status = computePodStatus(pod, runtime, hostIP, this.clock.now());
    if (deepEqual(status, pod.status)) return;
    const draft = deepClone(pod);
    draft.status = status;
    this.api.update(draft, { actor: this.name, subresource: 'status' });
  }

  private allocateIp(): string {
    const base = this.config.podCIDR.split('/')[0] ?? '10.244.0.0';
    const prefix = base.split('.').slice(0, 3).join('.');
    const ip = `${prefix}.${String(this.nextIp)}`;
    this.nextIp = this.nextIp >= 254 ? 2 : this.nextIp + 1;
    return ip;
  }

  private randomHex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += this.random.int(16).toString(16);
    return out;
  }
}
