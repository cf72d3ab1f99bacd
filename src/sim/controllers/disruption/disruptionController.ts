/**
 * The disruption controller: keeps each PodDisruptionBudget's status (expectedPods,
 * currentHealthy, desiredHealthy, disruptionsAllowed, the DisruptionAllowed condition) current,
 * so the eviction subresource can honour it. Mirrors pkg/controller/disruption.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import { labelSelectorMatches } from '../../api/labels.ts';
import type { KubeObject, LabelSelector, Pod } from '../../api/types/index.ts';
import { formatRfc3339, parseRfc3339 } from '../../clock/timeFormat.ts';
import type { VirtualClock } from '../../clock/virtualClock.ts';
import { keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepClone, deepEqual } from '../../util/objects.ts';
import { controllerOf, isPodReady } from '../controllerUtils.ts';

const ACTOR = 'disruption-controller';
/** How long an eviction stays counted before the pod's deletion is observed (DeletionTimeout). */
const DELETION_TIMEOUT_MS = 2 * 60_000;

interface PdbSpec {
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  selector?: LabelSelector;
}

interface PdbStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: {
    type: string;
    status: string;
    reason: string;
    message: string;
    lastTransitionTime: string;
    observedGeneration?: number;
  }[];
}

export class DisruptionController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.newQueue();
    ctx.api.watch('poddisruptionbudgets.policy', (event) => {
      if (event.type !== 'DELETED') this.queue.add(keyOf(event.object));
    });
    ctx.api.watch('pods', (event) => {
      for (const pdb of this.api.iterate(
        'poddisruptionbudgets.policy',
        event.object.metadata.namespace,
      )) {
        const selector = (pdb.spec as PdbSpec | undefined)?.selector;
        if (selector && labelSelectorMatches(selector, event.object.metadata.labels))
          this.queue.add(keyOf(pdb));
      }
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const pdb = this.api.get('poddisruptionbudgets.policy', namespace, name);
    if (!pdb || pdb.metadata.deletionTimestamp) return;
    const spec = (pdb.spec ?? {}) as PdbSpec;
    const now = this.clock.now();
    const pods = (
      spec.selector
        ? [...this.api.iterate('pods', namespace)].filter((p) =>
            labelSelectorMatches(spec.selector, p.metadata.labels),
          )
        : []
    ) as (KubeObject & Pod)[];
    const previous = (pdb.status ?? {}) as Partial<PdbStatus>;
    // Evictions the API server granted whose pods are not yet seen terminating still count.
    const disrupted: Record<string, string> = {};
    for (const [pod, at] of Object.entries(previous.disruptedPods ?? {})) {
      const live = pods.find((p) => p.metadata.name === pod);
      const time = parseRfc3339(at) ?? 0;
      if (live && !live.metadata.deletionTimestamp && time + DELETION_TIMEOUT_MS > now)
        disrupted[pod] = at;
    }
    const healthy = pods.filter(
      (p) =>
        !p.metadata.deletionTimestamp && isPodReady(p) && !((p.metadata.name ?? '') in disrupted),
    ).length;
    const expected = this.expectedCount(spec, pods);
    let desired: number;
    if (spec.maxUnavailable !== undefined)
      desired = Math.max(0, expected - scaled(spec.maxUnavailable, expected));
    else desired = scaled(spec.minAvailable ?? 1, expected);
    const allowed = Math.max(0, healthy - desired);
    const time = formatRfc3339(now);
    const sufficient = allowed > 0;
    const prevCond = previous.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const status: PdbStatus = {
      ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
      disruptionsAllowed: allowed,
      currentHealthy: healthy,
      desiredHealthy: desired,
      expectedPods: expected,
      observedGeneration: pdb.metadata.generation ?? 1,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: sufficient ? 'True' : 'False',
          reason: sufficient ? 'SufficientPods' : 'InsufficientPods',
          message: '',
          lastTransitionTime:
            prevCond && prevCond.status === (sufficient ? 'True' : 'False')
              ? prevCond.lastTransitionTime
              : time,
          observedGeneration: pdb.metadata.generation ?? 1,
        },
      ],
    };
    if (deepEqual(status, pdb.status)) return;
    const draft = deepClone(pdb);
    draft.status = status;
    this.api.update(draft, { actor: ACTOR, subresource: 'status' });
  }

  /** Pods the budget's controllers want (their scale), or the matching pods for bare pods. */
  private expectedCount(spec: PdbSpec, pods: (KubeObject & Pod)[]): number {
    const needsScale = spec.maxUnavailable !== undefined || typeof spec.minAvailable === 'string';
    if (!needsScale) return pods.length;
    const seen = new Set<string>();
    let total = 0;
    for (const pod of pods) {
      const ref = controllerOf(pod);
      if (!ref) {
        total++;
        continue;
      }
      if (seen.has(ref.uid)) continue;
      seen.add(ref.uid);
      const namespace = pod.metadata.namespace ?? '';
      if (ref.kind === 'ReplicaSet') {
        const rs = this.api.get('replicasets.apps', namespace, ref.name);
        const owner = rs ? controllerOf(rs) : undefined;
        const d =
          owner?.kind === 'Deployment'
            ? this.api.get('deployments.apps', namespace, owner.name)
            : undefined;
        if (d && !seen.has(d.metadata.uid ?? '')) {
          seen.add(d.metadata.uid ?? '');
          total += (d.spec as { replicas?: number } | undefined)?.replicas ?? 1;
        } else if (!d) total += (rs?.spec as { replicas?: number } | undefined)?.replicas ?? 0;
      } else if (ref.kind === 'StatefulSet') {
        const sts = this.api.get('statefulsets.apps', namespace, ref.name);
        total += (sts?.spec as { replicas?: number } | undefined)?.replicas ?? 0;
      } else total++;
    }
    return total;
  }
}

/** An int-or-percent against `total`, rounded up as the disruption controller does. */
function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) return Number(value) || 0;
  return Math.ceil((Number(match[1]) * total) / 100);
}
