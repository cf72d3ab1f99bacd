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
    },
  };
}

function containerStatus(c: ContainerRuntime): ContainerStatus {
  const status: ContainerStatus = {
    name: c.name,
    image: c.phase === 'running' || c.phase === 'exited' ? normalizeImage(c.image) : c.image,
    imageID: c.phase === 'running' || c.phase === 'exited' ? imageIdOf(c.image) : '',
    ready: c.ready,
    restartCount: c.restartCount,
    started: c.phase === 'running',
    state: {},
    lastState: c.lastTerminated ? terminatedStatus(c.lastTerminated) : {},
  };
  if (c.containerId && (c.phase === 'running' || c.phase === 'exited'))
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
  const initDone = init.every((c) => c.phase === 'exited' && c.terminated?.exitCode === 0);
  const incompleteInit = init
    .filter((c) => !(c.phase === 'exited' && c.terminated?.exitCode === 0))
    .map((c) => c.name);
  const unready = app.filter((c) => !c.ready).map((c) => c.name);
  const sandboxReady = runtime.ip !== undefined;
  const allAppTerminated = app.every((c) => c.phase === 'exited');
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  let phase: PodStatus['phase'] = 'Pending';
  if (initDone && app.some((c) => c.phase === 'running')) phase = 'Running';
  else if (initDone && app.length > 0 && allAppTerminated && restartPolicy !== 'Always') {
    const failed = app.some((c) => (c.terminated?.exitCode ?? 0) !== 0);
    phase = failed ? (restartPolicy === 'Never' ? 'Failed' : 'Running') : 'Succeeded';
  } else if (initDone && app.some((c) => c.phase === 'exited' || c.restartCount > 0))
    phase = 'Running';
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
      phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady',
      phase === 'Succeeded' ? undefined : `containers with unready status: [${unready.join(' ')}]`,
    ),
    condition(
      'ContainersReady',
      unready.length === 0 && phase === 'Running',
      now,
      previous,
      phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady',
      phase === 'Succeeded' ? undefined : `containers with unready status: [${unready.join(' ')}]`,
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
