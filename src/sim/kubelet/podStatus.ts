/**
 * Builds a pod's API status from the runtime state, as the kubelet's status manager does
 * (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, status/generate.go).
 */
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types/index.ts';
import { formatRfc3339 } from '../clock/timeFormat.ts';
import { hashString } from '../random/seededRandom.ts';
import { normalizeImage, repositoryOf } from './images.ts';
import type { ContainerRuntime, PodRuntime } from './runtime.ts';

function digestOf(image: string): string {
  let hex = '';
  for (let i = 0; hex.length < 64; i++)
    hex += hashString(`${image}#${String(i)}`)
      .toString(16)
      .padStart(8, '0');
  return hex.slice(0, 64);
}

export function imageIdOf(image: string): string {
  const normalized = normalizeImage(image);
  return `${repositoryOf(normalized)}@sha256:${digestOf(normalized)}`;
}

function terminatedStatus(t: NonNullable<ContainerRuntime['terminated']>) {
  return {
    terminated: {
      containerID: t.containerId,
      exitCode: t.exitCode,
      reason: t.reason,
      startedAt: formatRfc3339(t.startedAt),
      finishedAt: formatRfc3339(t.finishedAt),
      ...(t.signal !== undefined ? { signal: t.signal } : {}),
    },
  };
}

const HAS_RUN = new Set(['running', 'exited', 'backoff']);

function containerStatus(c: ContainerRuntime): ContainerStatus {
  const pulled = HAS_RUN.has(c.phase) || c.phase === 'starting' || c.restartCount > 0;
  const status: ContainerStatus = {
    name: c.name,
    image: pulled ? normalizeImage(c.image) : c.image,
    imageID: pulled ? imageIdOf(c.image) : '',
    ready: c.ready,
    restartCount: c.restartCount,
    started: c.phase === 'running' && c.started,
    state: {},
    lastState: c.lastTerminated ? terminatedStatus(c.lastTerminated) : {},
  };
  if (c.containerId && (HAS_RUN.has(c.phase) || c.restartCount > 0))
    status.containerID = c.containerId;
  if (c.phase === 'running' && c.startedAt !== undefined)
    status.state = { running: { startedAt: formatRfc3339(c.startedAt) } };
  else if (c.phase === 'exited' && c.terminated) status.state = terminatedStatus(c.terminated);
  else
    status.state = {
      waiting: {
        reason: c.waitingReason,
        ...(c.waitingMessage ? { message: c.waitingMessage } : {}),
      },
    };
  return status;
}

/** The kubelet's getPhase: Pending, Running, Succeeded or Failed from the containers' states. */
export function podPhase(pod: Pod, runtime: PodRuntime): NonNullable<PodStatus['phase']> {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const init = runtime.containers.filter((c) => c.init);
  const app = runtime.containers.filter((c) => !c.init);
  for (const c of init) {
    const sidecar =
      pod.spec?.initContainers?.find((x) => x.name === c.name)?.restartPolicy === 'Always';
    if (sidecar && (c.phase === 'running' || c.restartCount > 0)) continue;
    const exit =
      c.phase === 'exited' ? c.terminated : c.phase === 'backoff' ? c.lastTerminated : undefined;
    if (c.phase === 'exited' && exit?.exitCode === 0) continue;
    if (exit && exit.exitCode !== 0 && policy === 'Never') return 'Failed';
    return 'Pending';
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of app) {
    if (c.phase === 'running') running++;
    else if (c.phase === 'exited' && c.terminated) {
      stopped++;
      if (c.terminated.exitCode === 0) succeeded++;
    } else if (c.lastTerminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded && app.every((c) => c.phase === 'exited')) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(
  type: string,
  ok: boolean,
  now: string,
  previous: readonly PodCondition[],
  reason?: string,
  message?: string,
): PodCondition {
  const status = ok ? 'True' : 'False';
  const prev = previous.find((c) => c.type === type);
  const cond: PodCondition = {
    type,
    status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime: prev?.status === status ? (prev.lastTransitionTime ?? now) : now,
  };
  if (!ok && reason) {
    cond.reason = reason;
    if (message) cond.message = message;
  }
  return cond;
}

export function computePodStatus(
  pod: Pod,
  runtime: PodRuntime,
  hostIP: string,
  nowMs: number,
): PodStatus {
  const now = formatRfc3339(nowMs);
  const previous = pod.status?.conditions ?? [];
  const init = runtime.containers.filter((c) => c.init);
  const app = runtime.containers.filter((c) => !c.init);
  const isSidecar = (c: ContainerRuntime): boolean =>
    pod.spec?.initContainers?.find((x) => x.name === c.name)?.restartPolicy === 'Always';
  const initComplete = (c: ContainerRuntime): boolean =>
    isSidecar(c)
      ? c.phase === 'running' && c.started
      : c.phase === 'exited' && c.terminated?.exitCode === 0;
  const initDone = init.every(initComplete);
  const incompleteInit = init.filter((c) => !initComplete(c)).map((c) => c.name);
  const unready = app.filter((c) => !c.ready).map((c) => c.name);
  const sandboxReady = runtime.ip !== undefined;
  const phase = podPhase(pod, runtime);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const scheduled = previous.find((c) => c.type === 'PodScheduled');
  const conditions: PodCondition[] = [
    condition('PodReadyToStartContainers', sandboxReady, now, previous),
    condition(
      'Initialized',
      initDone,
      now,
      previous,
      'ContainersNotInitialized',
      `containers with incomplete status: [${incompleteInit.join(' ')}]`,
    ),
    condition(
      'Ready',
      unready.length === 0 && phase === 'Running',
      now,
      previous,
      terminal ? 'PodCompleted' : 'ContainersNotReady',
      terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`,
    ),
    condition(
      'ContainersReady',
      unready.length === 0 && phase === 'Running',
      now,
      previous,
      terminal ? 'PodCompleted' : 'ContainersNotReady',
      terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`,
    ),
  ];
  if (scheduled) conditions.push(scheduled);
  const status: PodStatus = {
    phase,
    conditions,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: formatRfc3339(runtime.startTime),
    containerStatuses: app.map(containerStatus),
  };
  if (runtime.ip) {
    status.podIP = runtime.ip;
    status.podIPs = [{ ip: runtime.ip }];
  }
  if (init.length > 0) status.initContainerStatuses = init.map(containerStatus);
  if (pod.status?.qosClass) status.qosClass = pod.status.qosClass;
  return status;
}
