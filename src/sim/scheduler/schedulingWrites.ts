/**
 * The scheduler's writes to pods besides binding: the PodScheduled=False condition (with the
 * FailedScheduling message and nominatedNodeName) and preemption's DisruptionTarget condition,
 * graceful delete and Preempted event. Mirrors schedule_one.go updatePod and
 * framework/preemption/preemption.go prepareCandidate.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject, Pod } from '../api/types/index.ts';
import { formatRfc3339 } from '../clock/timeFormat.ts';
import type { EventRecorder } from '../client/eventRecorder.ts';
import { splitKey } from '../client/indexer.ts';
import { deepClone } from '../util/objects.ts';

export interface WriteContext {
  readonly api: ApiServer;
  readonly recorder: EventRecorder;
  readonly actor: string;
}

/** Sets PodScheduled=False/Unschedulable (only if something changed), and the nomination. */
export function updateUnschedulable(
  ctx: WriteContext,
  pod: KubeObject & Pod,
  message: string,
  nominatedNode: string | undefined,
): void {
  const current = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
  const nominationChanges =
    nominatedNode !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNode;
  if (current?.status === 'False' && current.message === message && !nominationChanges) return;
  const draft = deepClone(pod);
  const status = draft.status ?? {};
  const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null as unknown as string,
    lastTransitionTime:
      current?.status === 'False' ? current.lastTransitionTime : formatRfc3339(ctx.api.now()),
    reason: 'Unschedulable',
    message,
  });
  status.conditions = conditions;
  if (nominatedNode) status.nominatedNodeName = nominatedNode;
  else if (nominatedNode === '') delete status.nominatedNodeName;
  draft.status = status;
  ctx.api.update(draft, { actor: ctx.actor, subresource: 'status' });
}

/** DisruptionTarget=True (PreemptionByScheduler), graceful delete, then the Preempted event. */
export function evictVictim(
  ctx: WriteContext,
  victimKey: string,
  preemptorUid: string,
  nodeName: string,
): void {
  const { namespace, name } = splitKey(victimKey);
  if (!ctx.api.get('pods', namespace, name)) return;
  ctx.api.mutate<KubeObject & Pod>(
    'pods',
    namespace,
    name,
    (draft) => {
      const status = draft.status ?? {};
      const conditions = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      conditions.push({
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: formatRfc3339(ctx.api.now()),
        reason: 'PreemptionByScheduler',
        message: `${ctx.actor}: preempting to accommodate a higher priority pod`,
      });
      status.conditions = conditions;
      draft.status = status;
    },
    { actor: ctx.actor, subresource: 'status' },
  );
  const deleted = ctx.api.delete('pods', namespace, name, { actor: ctx.actor });
  ctx.recorder.event(
    deleted,
    'Normal',
    'Preempted',
    `Preempted by pod ${preemptorUid} on node ${nodeName}`,
  );
}

/** Clears status.nominatedNodeName of a pod that lost its nomination. */
export function clearNomination(ctx: WriteContext, key: string): void {
  const { namespace, name } = splitKey(key);
  if (!ctx.api.get('pods', namespace, name)) return;
  ctx.api.mutate<KubeObject & Pod>(
    'pods',
    namespace,
    name,
    (draft) => {
      if (draft.status) delete draft.status.nominatedNodeName;
    },
    { actor: ctx.actor, subresource: 'status' },
  );
}
