/**
 * kubectl's pod columns: READY, STATUS and RESTARTS computed as printPod does
 * (pkg/printers/internalversion/printers.go).
 */
import type { ContainerStatus, Pod } from '../../sim/index.ts';
import { parseRfc3339 } from '../../sim/index.ts';
import { humanDuration } from './humanDuration.ts';

function isRestartableInit(pod: Pod, name: string): boolean {
  return (pod.spec?.initContainers ?? []).some(
    (c) => c.name === name && c.restartPolicy === 'Always',
  );
}

export function podStatusReason(pod: Pod): string {
  const status = pod.status ?? {};
  let reason: string = status.reason ?? status.phase ?? 'Unknown';
  const scheduled = (status.conditions ?? []).find((c) => c.type === 'PodScheduled');
  if (scheduled?.reason === 'SchedulingGated') reason = 'SchedulingGated';
  const initStatuses = status.initContainerStatuses ?? [];
  const initTotal = (pod.spec?.initContainers ?? []).length;
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i] as ContainerStatus;
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (isRestartableInit(pod, c.name) && c.started) continue;
    if (term) {
      if (term.reason) reason = `Init:${term.reason}`;
      else if (term.signal) reason = `Init:Signal:${String(term.signal)}`;
      else reason = `Init:ExitCode:${String(term.exitCode)}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${String(i)}/${String(initTotal)}`;
    }
    initializing = true;
    break;
  }
  if (!initializing || isPodInitializedAndSidecarsStarted(pod)) {
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] as ContainerStatus;
      const waiting = c.state?.waiting;
      const term = c.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term)
        reason = term.signal
          ? `Signal:${String(term.signal)}`
          : `ExitCode:${String(term.exitCode)}`;
      else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (
    pod.metadata?.deletionTimestamp &&
    status.phase !== 'Succeeded' &&
    status.phase !== 'Failed'
  )
    reason = 'Terminating';
  return reason;
}

function isPodInitializedAndSidecarsStarted(pod: Pod): boolean {
  const initialized = (pod.status?.conditions ?? []).some(
    (c) => c.type === 'Initialized' && c.status === 'True',
  );
  if (!initialized) return false;
  return (pod.status?.initContainerStatuses ?? []).every(
    (c) => !isRestartableInit(pod, c.name) || c.started === true,
  );
}

export function podReadyColumn(pod: Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const sidecars = (pod.status?.initContainerStatuses ?? []).filter((c) =>
    isRestartableInit(pod, c.name),
  );
  const total =
    (pod.spec?.containers ?? []).length +
    (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').length;
  const ready = [...statuses, ...sidecars].filter((c) => c.ready && c.state?.running).length;
  return `${String(ready)}/${String(total)}`;
}

export function podRestartsColumn(pod: Pod, nowMs: number): string {
  let restarts = 0;
  let last: number | undefined;
  const consider = (c: ContainerStatus): void => {
    restarts += c.restartCount;
    const finished = c.lastState?.terminated?.finishedAt;
    const t = finished ? parseRfc3339(finished) : undefined;
    if (t !== undefined && (last === undefined || t > last)) last = t;
  };
  for (const c of pod.status?.containerStatuses ?? []) consider(c);
  for (const c of pod.status?.initContainerStatuses ?? [])
    if (isRestartableInit(pod, c.name)) consider(c);
  if (restarts > 0 && last !== undefined)
    return `${String(restarts)} (${humanDuration(nowMs - last)} ago)`;
  return String(restarts);
}
