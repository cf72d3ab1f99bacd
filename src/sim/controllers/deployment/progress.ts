/**
 * Deployment status and conditions: calculateStatus (sync.go) and syncRolloutStatus (progress.go),
 * including the progress deadline.
 */
import type {
  Deployment,
  DeploymentCondition,
  DeploymentStatus,
  ReplicaSet,
} from '../../api/types/index.ts';
import { formatRfc3339 } from '../../clock/timeFormat.ts';

export interface StatusResult {
  readonly status: DeploymentStatus;
  readonly requeueAfterMs?: number;
}

function setCondition(
  conditions: DeploymentCondition[],
  next: DeploymentCondition,
): DeploymentCondition[] {
  const existing = conditions.find((c) => c.type === next.type);
  if (existing && existing.status === next.status && existing.reason === next.reason) {
    if (
      next.lastUpdateTime &&
      existing.lastUpdateTime !== next.lastUpdateTime &&
      next.type === 'Progressing'
    ) {
      return conditions.map((c) =>
        c === existing
          ? { ...existing, lastUpdateTime: next.lastUpdateTime, message: next.message }
          : c,
      );
    }
    return conditions;
  }
  const transition =
    existing && existing.status === next.status
      ? existing.lastTransitionTime
      : next.lastTransitionTime;
  const merged = { ...next, lastTransitionTime: transition };
  const others = conditions.filter((c) => c.type !== next.type);
  return next.type === 'Available' ? [merged, ...others] : [...others, merged];
}

export function computeDeploymentStatus(
  d: Deployment,
  newRS: ReplicaSet | undefined,
  all: readonly ReplicaSet[],
  maxUnavailable: number,
  nowMs: number,
  parseTime: (t: string) => number | undefined,
): StatusResult {
  const now = formatRfc3339(nowMs);
  const sum = (f: (rs: ReplicaSet) => number | undefined): number =>
    all.reduce((n, rs) => n + (f(rs) ?? 0), 0);
  const available = sum((rs) => rs.status?.availableReplicas);
  const specTotal = sum((rs) => rs.spec?.replicas);
  const replicas = d.spec?.replicas ?? 1;
  const previous = d.status ?? {};
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation ?? 1,
    replicas: sum((rs) => rs.status?.replicas),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sum((rs) => rs.status?.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specTotal - available),
  };
  if (previous.collisionCount !== undefined) status.collisionCount = previous.collisionCount;
  let conditions = [...(previous.conditions ?? [])];
  conditions = setCondition(
    conditions,
    available >= replicas - maxUnavailable
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastUpdateTime: now,
          lastTransitionTime: now,
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
          lastUpdateTime: now,
          lastTransitionTime: now,
        },
  );
  let requeueAfterMs: number | undefined;
  const rsName = newRS?.metadata?.name ?? '';
  const complete =
    status.updatedReplicas === replicas &&
    status.replicas === replicas &&
    available === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1);
  const oldPrev = (previous.replicas ?? 0) - (previous.updatedReplicas ?? 0);
  const oldNow = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  const progressing =
    (status.updatedReplicas ?? 0) > (previous.updatedReplicas ?? 0) ||
    oldNow < oldPrev ||
    (status.readyReplicas ?? 0) > (previous.readyReplicas ?? 0) ||
    available > (previous.availableReplicas ?? 0);
  const current = conditions.find((c) => c.type === 'Progressing');
  const deadlineSeconds = d.spec?.progressDeadlineSeconds ?? 600;
  if (newRS && complete) {
    conditions = setCondition(conditions, {
      type: 'Progressing',
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rsName}" has successfully progressed.`,
      lastUpdateTime: now,
      lastTransitionTime: now,
    });
  } else if (newRS && progressing) {
    conditions = setCondition(conditions, {
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${rsName}" is progressing.`,
      lastUpdateTime: now,
      lastTransitionTime: now,
    });
    requeueAfterMs = deadlineSeconds * 1000 + 1000;
  } else if (
    newRS &&
    current &&
    current.reason !== 'ProgressDeadlineExceeded' &&
    current.reason !== 'NewReplicaSetAvailable'
  ) {
    const since = parseTime(current.lastUpdateTime ?? '') ?? nowMs;
    const deadline = since + deadlineSeconds * 1000;
    if (nowMs > deadline) {
      conditions = setCondition(conditions, {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: `ReplicaSet "${rsName}" has timed out progressing.`,
        lastUpdateTime: now,
        lastTransitionTime: now,
      });
    } else {
      requeueAfterMs = deadline - nowMs + 1000;
    }
  }
  status.conditions = conditions;
  for (const key of [
    'readyReplicas',
    'availableReplicas',
    'unavailableReplicas',
    'updatedReplicas',
    'replicas',
  ] as const) {
    if (status[key] === 0) delete status[key];
  }
  return requeueAfterMs === undefined ? { status } : { status, requeueAfterMs };
}
