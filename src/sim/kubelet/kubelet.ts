/**
 * The kubelet of one simulated node: registers the node, renews its lease, and runs the pods bound
 * to it through a fake container runtime (sandbox, image pulls, containers with simulated
 * processes, probes, restarts with back-off, graceful termination), reporting pod status.
 * Mirrors pkg/kubelet (kubelet.go, pod_workers.go, kuberuntime, prober) in outcome and timing.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { Container, KubeObject, Node, Pod } from '../api/types/index.ts';
import { bytes, milliCpu } from '../api/quantity.ts';
import { formatRfc3339Micro } from '../clock/timeFormat.ts';
import type { VirtualClock } from '../clock/virtualClock.ts';
import type { ContainerUsage, ClusterServices } from '../client/clusterServices.ts';
import type { EventRecorder } from '../client/eventRecorder.ts';
import { keyOf, splitKey } from '../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../client/reconciler.ts';
import type { WorkQueue } from '../client/workqueue.ts';
import type { SeededRandom } from '../random/seededRandom.ts';
import { deepClone, deepEqual } from '../util/objects.ts';
import { Backoff } from './backoff.ts';
import { ConfigError, containerEnvironment, hostnameOf, missingVolume } from './containerEnv.ts';
import {
  formatGoDuration,
  imageBaseName,
  imageInfo,
  isValidReference,
  normalizeImage,
  PULL_NOT_FOUND_MS,
  pullDurationMs,
  pullError,
} from './images.ts';
import { nodeConditions, registrationNode, type NodeConfig } from './nodeStatus.ts';
import { computePodStatus } from './podStatus.ts';
import { ContainerLog, type LogLine } from './process/containerLog.ts';
import { ContainerProcess } from './process/containerProcess.ts';
import { probeTiming, runProbe, type ProbeKind } from './prober.ts';
import type { ContainerRuntime, PodRuntime } from './runtime.ts';

/** Sandbox creation and CNI setup before containers can start. */
export const SANDBOX_SETUP_MS = 500;
/** Creating and starting a container once its image is present. */
export const CONTAINER_START_MS = 150;
/** The pod lifecycle event generator relists containers every second. */
export const PLEG_RELIST_MS = 1_000;
export const LEASE_RENEW_MS = 10_000;
export const NODE_STATUS_UPDATE_MS = 10_000;
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** CNI and runtime readiness of a freshly joined node. */
export const NETWORK_READY_MS = 4_000;
/** How long ErrImagePull shows before the next sync reports ImagePullBackOff. */
const ERR_IMAGE_PULL_HOLD_MS = 1_000;
const CONFIG_RETRY_MS = 10_000;

const NODE_KEY = '\u0000node';
const LEASE_KEY = '\u0000lease';

type PodObject = KubeObject & Pod;

export type LogsResult = { lines: LogLine[] } | { error: string };
export type ExecResult = { stdout: string; stderr: string; exitCode: number } | { error: string };

export class Kubelet implements Reconciler {
  readonly name: string;
  readonly queue: WorkQueue;
  readonly nodeName: string;
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;
  private readonly recorder: EventRecorder;
  private readonly random: SeededRandom;
  private readonly services: ClusterServices;
  private readonly pods = new Map<string, PodRuntime>();
  private readonly images = new Set<string>();
  private readonly restartBackoff = new Backoff();
  private readonly pullBackoff = new Backoff();
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
    this.services = ctx.services;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: 'kubelet', host: config.name });
    this.random = ctx.random(this.name);
    for (const image of preloadedImages) this.images.add(normalizeImage(image));
  }

  get isRunning(): boolean {
    return this.running;
  }

  get internalIP(): string {
    return this.config.internalIP;
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
    this.lastStatusReport = -Infinity;
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

  // ---------------------------------------------------------------- node heartbeats

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
    const wasReady = previous.some((c) => c.type === 'Ready' && c.status === 'True');
    if (changed && ready && !wasReady)
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

  // ---------------------------------------------------------------- pods

  private syncPod(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('pods', namespace, name) as PodObject | undefined;
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
    if (runtime && (!pod || pod.metadata?.uid !== runtime.uid)) {
      this.pods.delete(key);
      this.restartBackoff.forget(`${runtime.uid}/`);
      this.pullBackoff.forget(`${runtime.uid}_`);
    }
  }

  private admitPod(key: string, pod: Pod): PodRuntime {
    const now = this.clock.now();
    const hasInit = (pod.spec?.initContainers ?? []).length > 0;
    const containers: ContainerRuntime[] = [
      ...(pod.spec?.initContainers ?? []).map((c) => ({ c, init: true })),
      ...(pod.spec?.containers ?? []).map((c) => ({ c, init: false })),
    ].map(({ c, init }) => ({
      name: c.name,
      image: c.image ?? '',
      init,
      phase: 'waiting' as const,
      waitingReason: init || !hasInit ? 'ContainerCreating' : 'PodInitializing',
      restartCount: 0,
      ready: false,
      started: false,
      probes: {},
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
  private advance(key: string, pod: PodObject, runtime: PodRuntime): void {
    const now = this.clock.now();
    if (runtime.ip === undefined) {
      const missing = missingVolume(this.api, pod);
      if (missing) {
        if (runtime.mountRetryAt === undefined || now >= runtime.mountRetryAt) {
          this.recorder.event(pod, 'Warning', 'FailedMount', missing);
          runtime.mountRetryMs = Math.min((runtime.mountRetryMs ?? 500) * 2, 122_000);
          runtime.mountRetryAt = now + runtime.mountRetryMs;
          runtime.sandboxReadyAt = Math.max(runtime.sandboxReadyAt, now + SANDBOX_SETUP_MS);
        }
        this.queue.addAfter(key, runtime.mountRetryAt - now);
        return;
      }
      if (now < runtime.sandboxReadyAt) {
        this.queue.addAfter(key, runtime.sandboxReadyAt - now);
        return;
      }
      runtime.ip = pod.spec?.hostNetwork ? this.config.internalIP : this.allocateIp();
    }
    let nextWake = Infinity;
    let initDone = true;
    for (const c of runtime.containers.filter((x) => x.init)) {
      const sidecar = this.specOf(pod, c)?.restartPolicy === 'Always';
      if (!sidecar && c.phase === 'exited' && c.terminated?.exitCode === 0) continue;
      nextWake = Math.min(nextWake, this.step(pod, runtime, c));
      // A sidecar (restartable init container) lets the next one start once it has started.
      if (sidecar && c.phase === 'running' && c.started) continue;
      if (!sidecar && c.phase === 'exited' && c.terminated?.exitCode === 0) {
        nextWake = Math.min(nextWake, now);
        continue;
      }
      initDone = false;
      break;
    }
    if (initDone) {
      // Sidecars keep running (and restarting) beside the app containers.
      for (const c of runtime.containers.filter((x) => x.init)) {
        if (this.specOf(pod, c)?.restartPolicy === 'Always' && c.phase !== 'running')
          nextWake = Math.min(nextWake, this.step(pod, runtime, c));
      }
    }
    if (initDone) {
      for (const c of runtime.containers.filter((x) => !x.init)) {
        if (c.waitingReason === 'PodInitializing') c.waitingReason = 'ContainerCreating';
        nextWake = Math.min(nextWake, this.step(pod, runtime, c));
      }
    }
    if (nextWake <= now) this.queue.add(key);
    else if (nextWake < Infinity) this.queue.addAfter(key, nextWake - now);
  }

  private specOf(pod: Pod, c: ContainerRuntime): Container | undefined {
    return (c.init ? pod.spec?.initContainers : pod.spec?.containers)?.find(
      (x) => x.name === c.name,
    );
  }

  private fieldPath(c: ContainerRuntime): string {
    return `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
  }

  /** One container's state machine; returns when it next needs attention (Infinity: not by itself). */
  private step(pod: PodObject, runtime: PodRuntime, c: ContainerRuntime): number {
    const spec = this.specOf(pod, c);
    for (let guard = 0; guard < 20; guard++) {
      const before = c.phase;
      const wake = this.stepOnce(pod, runtime, c, spec);
      if (c.phase === before || wake > this.clock.now()) return wake;
    }
    return this.clock.now();
  }

  private stepOnce(
    pod: PodObject,
    runtime: PodRuntime,
    c: ContainerRuntime,
    spec: Container | undefined,
  ): number {
    const now = this.clock.now();
    const fieldPath = this.fieldPath(c);
    switch (c.phase) {
      case 'waiting':
        return this.ensureImage(pod, runtime, c, spec, fieldPath);
      case 'pulling':
        return this.finishPull(pod, runtime, c, fieldPath);
      case 'creating':
        return this.createContainer(pod, runtime, c, spec, fieldPath);
      case 'starting': {
        if ((c.startedAt ?? now) > now) return c.startedAt ?? now;
        this.recorder.event(pod, 'Normal', 'Created', `Created container: ${c.name}`, fieldPath);
        this.recorder.event(pod, 'Normal', 'Started', `Started container ${c.name}`, fieldPath);
        // TODO(#4): postStart hooks are not run.
        c.phase = 'running';
        c.started = !spec?.startupProbe;
        c.ready =
          (!c.init || spec?.restartPolicy === 'Always') && c.started && !spec?.readinessProbe;
        c.probes = {};
        return now;
      }
      case 'running':
        return this.runContainer(pod, runtime, c, spec, fieldPath);
      case 'exited':
        return this.afterExit(pod, c);
      case 'backoff': {
        if ((c.restartAt ?? now) > now) return c.restartAt ?? now;
        this.restartBackoff.next(
          this.backoffKey(runtime, c),
          c.lastTerminated?.finishedAt ?? now,
          now,
        );
        c.restartCount++;
        c.phase = 'waiting';
        c.waitingReason = 'ContainerCreating';
        delete c.waitingMessage;
        return now;
      }
    }
  }

  private backoffKey(runtime: PodRuntime, c: ContainerRuntime): string {
    return `${runtime.uid}/${c.name}`;
  }

  private ensureImage(
    pod: PodObject,
    runtime: PodRuntime,
    c: ContainerRuntime,
    spec: Container | undefined,
    fieldPath: string,
  ): number {
    const now = this.clock.now();
    if (c.holdUntil !== undefined && now < c.holdUntil) return c.holdUntil;
    delete c.holdUntil;
    if (!isValidReference(c.image)) {
      if (c.waitingReason !== 'InvalidImageName') {
        const message = `Failed to apply default image tag "${c.image}": couldn't parse image name "${c.image}": invalid reference format`;
        c.waitingReason = 'InvalidImageName';
        c.waitingMessage = message;
        this.recorder.event(pod, 'Warning', 'InspectFailed', message, fieldPath);
        this.recorder.event(pod, 'Warning', 'Failed', 'Error: InvalidImageName', fieldPath);
      }
      return Infinity;
    }
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
      c.phase = 'creating';
      return now;
    }
    if (policy === 'Never') {
      const message = `Container image "${c.image}" is not present with pull policy of Never`;
      c.waitingReason = 'ErrImageNeverPull';
      c.waitingMessage = message;
      this.recorder.event(pod, 'Warning', 'ErrImageNeverPull', message, fieldPath);
      this.recorder.event(pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', fieldPath);
      return now + CONFIG_RETRY_MS;
    }
    const pullKey = `${runtime.uid}_${normalizeImage(c.image)}`;
    const backoffEnd = this.pullBackoff.backoffEndSinceUpdate(pullKey, now);
    if (backoffEnd !== undefined) {
      if (c.waitingReason !== 'ImagePullBackOff') {
        this.recorder.event(
          pod,
          'Normal',
          'BackOff',
          `Back-off pulling image "${c.image}"`,
          fieldPath,
        );
        this.recorder.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', fieldPath);
      }
      c.waitingReason = 'ImagePullBackOff';
      c.waitingMessage = `Back-off pulling image "${c.image}"`;
      return backoffEnd;
    }
    // serializeImagePulls (the kubelet default): one pull at a time per node.
    const failure = pullError(c.image);
    const start = Math.max(now, this.pullBusyUntil);
    const duration = failure
      ? PULL_NOT_FOUND_MS
      : present
        ? 300 + this.random.int(400)
        : pullDurationMs(imageInfo(c.image).sizeBytes);
    c.pullStartedAt = now;
    c.pullTransferStartedAt = start;
    c.pullDoneAt = start + duration;
    if (failure) c.pullFailure = failure;
    else delete c.pullFailure;
    this.pullBusyUntil = c.pullDoneAt;
    c.phase = 'pulling';
    this.recorder.event(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, fieldPath);
    return c.pullDoneAt;
  }

  private finishPull(
    pod: PodObject,
    runtime: PodRuntime,
    c: ContainerRuntime,
    fieldPath: string,
  ): number {
    const now = this.clock.now();
    if ((c.pullDoneAt ?? now) > now) return c.pullDoneAt ?? now;
    if (c.pullFailure) {
      this.recorder.event(
        pod,
        'Warning',
        'Failed',
        `Failed to pull image "${c.image}": ${c.pullFailure}`,
        fieldPath,
      );
      this.recorder.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', fieldPath);
      this.pullBackoff.next(`${runtime.uid}_${normalizeImage(c.image)}`, now, now);
      c.phase = 'waiting';
      c.waitingReason = 'ErrImagePull';
      c.waitingMessage = c.pullFailure;
      c.holdUntil = now + ERR_IMAGE_PULL_HOLD_MS;
      return c.holdUntil;
    }
    const normalized = normalizeImage(c.image);
    this.images.add(normalized);
    const done = c.pullDoneAt ?? now;
    const started = c.pullStartedAt ?? done;
    const took = formatGoDuration(done - (c.pullTransferStartedAt ?? started));
    const total = formatGoDuration(done - started);
    this.recorder.event(
      pod,
      'Normal',
      'Pulled',
      `Successfully pulled image "${c.image}" in ${took} (${total} including waiting). Image size: ${String(imageInfo(c.image).sizeBytes)} bytes.`,
      fieldPath,
    );
    this.queue.add(NODE_KEY);
    c.phase = 'creating';
    return now;
  }

  private createContainer(
    pod: PodObject,
    runtime: PodRuntime,
    c: ContainerRuntime,
    spec: Container | undefined,
    fieldPath: string,
  ): number {
    const now = this.clock.now();
    if (c.configRetryAt !== undefined && now < c.configRetryAt) return c.configRetryAt;
    try {
      containerEnvironment(
        this.api,
        pod,
        spec ?? { name: c.name },
        runtime.ip ?? '',
        this.config.internalIP,
      );
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      c.waitingReason = 'CreateContainerConfigError';
      c.waitingMessage = error.message;
      c.configRetryAt = now + CONFIG_RETRY_MS;
      this.recorder.event(pod, 'Warning', 'Failed', `Error: ${error.message}`, fieldPath);
      return c.configRetryAt;
    }
    delete c.configRetryAt;
    c.waitingReason = 'ContainerCreating';
    delete c.waitingMessage;
    c.phase = 'starting';
    c.startedAt = now + CONTAINER_START_MS;
    c.containerId = `containerd://${this.randomHex(64)}`;
    return c.startedAt;
  }

  private startProcess(
    pod: PodObject,
    runtime: PodRuntime,
    c: ContainerRuntime,
    spec: Container | undefined,
  ): ContainerProcess {
    const environment = containerEnvironment(
      this.api,
      pod,
      spec ?? { name: c.name },
      runtime.ip ?? '',
      this.config.internalIP,
    );
    if (c.log) c.previousLog = c.log;
    c.log = new ContainerLog();
    const limits = spec?.resources?.limits ?? {};
    const memLimit = limits.memory !== undefined ? bytes(limits.memory) : undefined;
    const cpuLimit = limits.cpu !== undefined ? milliCpu(limits.cpu) : undefined;
    const origin = {
      namespace: pod.metadata.namespace ?? 'default',
      podKey: keyOf(pod),
      sourceIp: runtime.ip ?? '',
      nodeName: this.nodeName,
    };
    const network = this.services.network;
    const process = new ContainerProcess(
      {
        image: c.image,
        ...(spec?.command ? { command: spec.command } : {}),
        ...(spec?.args ? { args: spec.args } : {}),
        hostname: hostnameOf(pod),
        podIp: runtime.ip ?? '',
        env: environment.env,
        files: environment.files,
        declaredPorts: (spec?.ports ?? []).map((p) => p.containerPort),
        ...(memLimit !== undefined ? { memoryLimitBytes: memLimit } : {}),
        ...(cpuLimit !== undefined ? { cpuLimitMilli: cpuLimit } : {}),
        log: c.log,
        resolve: (host) => network.resolve(origin, host),
        request: (url) => network.request(origin, url),
      },
      c.startedAt ?? this.clock.now(),
    );
    c.process = process;
    return process;
  }

  private runContainer(
    pod: PodObject,
    runtime: PodRuntime,
    c: ContainerRuntime,
    spec: Container | undefined,
    fieldPath: string,
  ): number {
    const now = this.clock.now();
    const process = c.process ?? this.startProcess(pod, runtime, c, spec);
    let wake = process.advanceTo(now);
    if (c.kill && process.running) {
      if (!c.kill.signalled && now >= c.kill.sigtermAt) {
        c.kill.signalled = true;
        c.kill.exitAt = Math.min(process.sigterm(c.kill.sigtermAt) ?? Infinity, c.kill.deadline);
      }
      const exitAt = c.kill.signalled ? c.kill.exitAt : c.kill.sigtermAt;
      if (c.kill.signalled && now >= exitAt) {
        const killed = exitAt >= c.kill.deadline;
        process.finish(exitAt, killed ? 137 : 0, undefined);
      } else wake = Math.min(wake, exitAt);
    }
    if (!process.running) {
      this.onExit(c, process);
      return c.decideAt ?? now;
    }
    if (!c.kill) wake = Math.min(wake, this.runProbes(pod, runtime, c, spec, fieldPath, process));
    return wake;
  }

  private onExit(c: ContainerRuntime, process: ContainerProcess): void {
    const at = process.exitedAt ?? this.clock.now();
    const code = process.exitCode ?? 0;
    c.phase = 'exited';
    c.ready = false;
    c.started = false;
    c.terminated = {
      exitCode: code,
      reason: process.exitReason ?? (code === 0 ? 'Completed' : 'Error'),
      startedAt: process.startedAt,
      finishedAt: at,
      containerId: c.containerId ?? '',
    };
    delete c.process;
    delete c.kill;
    c.decideAt = Math.max(at + PLEG_RELIST_MS, this.clock.now());
  }

  /** After an exit: keep it terminated, or restart it now or after the CrashLoopBackOff delay. */
  private afterExit(pod: PodObject, c: ContainerRuntime): number {
    const now = this.clock.now();
    if ((c.decideAt ?? now) > now) return c.decideAt ?? now;
    const runtime = this.pods.get(keyOf(pod));
    const exit = c.terminated;
    if (!runtime || !exit) return Infinity;
    const policy = pod.spec?.restartPolicy ?? 'Always';
    const sidecar = c.init && this.specOf(pod, c)?.restartPolicy === 'Always';
    const restart = sidecar
      ? !pod.metadata.deletionTimestamp
      : c.init
        ? exit.exitCode !== 0 && policy !== 'Never'
        : policy === 'Always' || (policy === 'OnFailure' && exit.exitCode !== 0);
    if (!restart) return Infinity;
    const key = this.backoffKey(runtime, c);
    const end = this.restartBackoff.backoffEnd(key, exit.finishedAt, now);
    c.lastTerminated = exit;
    delete c.terminated;
    c.phase = 'backoff';
    c.ready = false;
    if (end === undefined) {
      c.restartAt = now;
      return now;
    }
    c.restartAt = end;
    const delay = formatGoDuration(this.restartBackoff.get(key));
    const podId = `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${runtime.uid})`;
    c.waitingReason = 'CrashLoopBackOff';
    c.waitingMessage = `back-off ${delay} restarting failed container=${c.name} pod=${podId}`;
    this.recorder.event(
      pod,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.name} in pod ${podId}`,
      this.fieldPath(c),
    );
    return end;
  }

  private runProbes(
    pod: PodObject,
    runtime: PodRuntime,
    c: ContainerRuntime,
    spec: Container | undefined,
    fieldPath: string,
    process: ContainerProcess,
  ): number {
    if (!spec || (c.init && spec.restartPolicy !== 'Always')) return Infinity;
    const now = this.clock.now();
    const startedAt = process.startedAt;
    let wake = Infinity;
    const kinds: [ProbeKind, Container['livenessProbe']][] = c.started
      ? [
          ['Liveness', spec.livenessProbe],
          ['Readiness', spec.readinessProbe],
        ]
      : [['Startup', spec.startupProbe]];
    for (const [kind, probe] of kinds) {
      if (!probe) continue;
      const timing = probeTiming(probe);
      const state = (c.probes[kind] ??= {
        nextAt: Math.max(startedAt + timing.delayMs, now),
        successes: 0,
        failures: 0,
      });
      if (state.nextAt <= now) {
        const outcome = runProbe(
          probe,
          spec,
          process,
          runtime.ip ?? '',
          this.config.internalIP,
          now,
        );
        state.nextAt = now + timing.periodMs;
        if (outcome.ok) {
          state.successes++;
          state.failures = 0;
          if (state.successes >= timing.success) state.result = true;
        } else {
          state.failures++;
          state.successes = 0;
          this.recorder.event(
            pod,
            'Warning',
            'Unhealthy',
            `${kind} probe failed: ${outcome.message}`,
            fieldPath,
          );
          if (state.failures >= timing.failure) state.result = false;
        }
        if (kind === 'Startup' && state.result === true) {
          c.started = true;
          c.ready = !spec.readinessProbe;
          return now;
        }
        if (kind === 'Readiness') c.ready = state.result === true;
        if ((kind === 'Liveness' || kind === 'Startup') && state.result === false) {
          this.recorder.event(
            pod,
            'Normal',
            'Killing',
            `Container ${c.name} failed ${kind.toLowerCase()} probe, will be restarted`,
            fieldPath,
          );
          const grace =
            (probe.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) *
            1000;
          c.kill = { sigtermAt: now, exitAt: now, deadline: now + grace, signalled: false };
          c.ready = false;
          return now;
        }
      }
      wake = Math.min(wake, state.nextAt);
    }
    return wake;
  }

  // ---------------------------------------------------------------- termination

  private killPod(key: string, pod: PodObject, runtime: PodRuntime | undefined): void {
    const now = this.clock.now();
    if (!runtime) {
      this.deleteFromApi(pod);
      return;
    }
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    if (!runtime.killing) {
      runtime.killing = true;
      for (const c of runtime.containers) {
        if (c.phase !== 'running' || !c.process) continue;
        const spec = this.specOf(pod, c);
        this.recorder.event(
          pod,
          'Normal',
          'Killing',
          `Stopping container ${c.name}`,
          this.fieldPath(c),
        );
        const preStopMs = Math.min(grace, this.preStopDuration(spec, c.process, now));
        c.kill = {
          sigtermAt: now + preStopMs,
          exitAt: now + preStopMs,
          deadline: now + grace,
          signalled: false,
        };
      }
    }
    let wake = Infinity;
    let allStopped = true;
    const previousGrace = runtime.killGraceMs;
    runtime.killGraceMs = Math.min(previousGrace ?? grace, grace);
    for (const c of runtime.containers) {
      if (c.phase !== 'running' || !c.process) continue;
      const process = c.process;
      process.advanceTo(now);
      const kill = (c.kill ??= {
        sigtermAt: now,
        exitAt: now,
        deadline: now + grace,
        signalled: false,
      });
      // A shorter grace period (kubectl delete --grace-period, --force) pulls the deadline in.
      if (previousGrace !== undefined && grace < previousGrace)
        kill.deadline = Math.min(kill.deadline, now + grace);
      if (process.running && !kill.signalled && now >= Math.min(kill.sigtermAt, kill.deadline)) {
        kill.signalled = true;
        kill.exitAt = Math.min(process.sigterm(now) ?? Infinity, kill.deadline);
      }
      const exitAt = kill.signalled
        ? Math.min(kill.exitAt, kill.deadline)
        : Math.min(kill.sigtermAt, kill.deadline);
      if (process.running && now >= exitAt && kill.signalled)
        process.finish(exitAt, exitAt >= kill.deadline ? 137 : 0, undefined);
      if (process.running) {
        allStopped = false;
        wake = Math.min(wake, exitAt);
      } else this.onExit(c, process);
    }
    if (!allStopped) {
      this.queue.addAfter(key, Math.max(1, wake - now));
      return;
    }
    this.deleteFromApi(pod);
  }

  /** How long a preStop exec hook keeps the container before SIGTERM (its sleeps). */
  private preStopDuration(
    spec: Container | undefined,
    process: ContainerProcess,
    now: number,
  ): number {
    const hook = spec?.lifecycle?.preStop;
    if (hook?.sleep) return hook.sleep.seconds * 1000;
    const argv = hook?.exec?.command;
    if (!argv) return 0;
    return process.execDuration(argv, now);
  }

  private deleteFromApi(pod: PodObject): void {
    try {
      this.api.delete('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '', {
        actor: this.name,
        gracePeriodSeconds: 0,
      });
    } catch {
      // Already removed.
    }
  }

  private writeStatus(pod: PodObject, runtime: PodRuntime): void {
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

  // ---------------------------------------------------------------- what clients can ask for

  private containerOf(podKey: string, container: string): ContainerRuntime | undefined {
    return this.pods.get(podKey)?.containers.find((c) => c.name === container);
  }

  /** `kubectl logs`: the current (or previous) instance's lines, as the kubelet resolves them. */
  logs(podKey: string, container: string, previous: boolean): LogsResult {
    const { name } = splitKey(podKey);
    const c = this.containerOf(podKey, container);
    if (previous) {
      if (!c?.lastTerminated)
        return { error: `previous terminated container "${container}" in pod "${name}" not found` };
      const fresh = c.phase === 'running' || c.phase === 'exited';
      return { lines: (fresh ? c.previousLog : c.log)?.snapshot() ?? [] };
    }
    if (!c?.log) {
      const reason = c?.waitingReason ?? 'ContainerCreating';
      const why =
        reason === 'ImagePullBackOff' || reason === 'ErrImagePull'
          ? 'trying and failing to pull image'
          : reason;
      return { error: `container "${container}" in pod "${name}" is waiting to start: ${why}` };
    }
    return { lines: c.log.snapshot() };
  }

  /** `kubectl exec`: runs argv in a running container. */
  exec(podKey: string, container: string, argv: readonly string[]): ExecResult {
    const c = this.containerOf(podKey, container);
    if (!c?.process?.running)
      return { error: `unable to upgrade connection: container not found ("${container}")` };
    if (!this.running) return { error: 'error dialing backend: dial tcp: i/o timeout' };
    const program = argv[0] ?? '';
    if (!hasProgram(c.image, program))
      return {
        error: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${this.randomHex(64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`,
      };
    return c.process.execSync(argv, this.clock.now());
  }

  /** `pod crash`: the container's main process dies with `exitCode`. */
  crash(podKey: string, container: string | undefined, exitCode: number): string | undefined {
    const runtime = this.pods.get(podKey);
    const c = runtime?.containers.find(
      (x) => !x.init && (container === undefined || x.name === container) && x.process?.running,
    );
    if (!c?.process) return undefined;
    c.process.advanceTo(this.clock.now());
    c.process.finish(this.clock.now(), exitCode, exitCode === 137 ? 'OOMKilled' : undefined);
    this.queue.add(podKey);
    return c.name;
  }

  /** An HTTP request that reached one of this node's pods. */
  handleRequest(
    podKey: string,
    port: number,
    path: string,
    sourceIp: string,
    agent = 'Wget',
  ): { status: number; body: string } | undefined {
    if (!this.running) return undefined;
    const runtime = this.pods.get(podKey);
    for (const c of runtime?.containers ?? []) {
      if (c.phase !== 'running' || !c.process?.listens(port)) continue;
      const reply = c.process.http(this.clock.now(), port, path, sourceIp, agent);
      if (reply) return reply;
    }
    return undefined;
  }

  /** The summary API: usage of every running container on this node. */
  usage(): ContainerUsage[] {
    if (!this.running) return [];
    const now = this.clock.now();
    const out: ContainerUsage[] = [];
    for (const [podKey, runtime] of this.pods) {
      for (const c of runtime.containers) {
        if (c.phase !== 'running' || !c.process?.running) continue;
        out.push({
          podKey,
          container: c.name,
          cpuMilli: c.process.cpuMilli(now),
          memoryBytes: c.process.memoryBytes(),
        });
      }
    }
    return out;
  }
}

/** Programs an image does not ship (busybox and alpine have no bash; distroless images no shell). */
function hasProgram(image: string, program: string): boolean {
  const base = imageBaseName(image);
  const name = program.slice(program.lastIndexOf('/') + 1);
  if (name === 'bash')
    return !['busybox', 'alpine', 'pause', 'http-echo', 'agnhost'].includes(base);
  if (name === 'sh') return !['pause', 'http-echo'].includes(base);
  return true;
}
