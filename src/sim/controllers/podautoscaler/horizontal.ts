/**
 * The HorizontalPodAutoscaler controller (autoscaling/v2), every 15 s per HPA. Mirrors
 * pkg/controller/podautoscaler/horizontal.go: reconcileAutoscaler, computeReplicasForMetrics,
 * the behavior-driven stabilization and rate limits, conditions and SuccessfulRescale events.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import { labelSelectorMatches } from '../../api/labels.ts';
import type { KubeObject, LabelSelector, Pod } from '../../api/types/index.ts';
import { formatRfc3339 } from '../../clock/timeFormat.ts';
import type { ResourceMetricsApi } from '../../client/clusterServices.ts';
import type { EventRecorder } from '../../client/eventRecorder.ts';
import { keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepEqual } from '../../util/objects.ts';
import {
  normalizeWithBehaviors,
  withDefaults,
  type HpaBehavior,
  type ScaleHistory,
  type ScalingRules,
} from './normalize.ts';
import {
  getResourceReplicas,
  ReplicaCalculationError,
  type PodMetric,
} from './replicaCalculator.ts';

const ACTOR = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period */
export const HPA_SYNC_PERIOD_MS = 15_000;
const RESOURCE = 'horizontalpodautoscalers.autoscaling';

interface MetricSpec {
  type: string;
  resource?: {
    name: string;
    target: { type: string; averageUtilization?: number; averageValue?: string };
  };
}
interface HpaSpec {
  scaleTargetRef: { apiVersion?: string; kind: string; name: string };
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: Partial<Record<keyof HpaBehavior, Partial<ScalingRules>>>;
}
interface HpaCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason: string;
  message: string;
}
interface HpaStatus {
  currentReplicas?: number;
  desiredReplicas?: number;
  currentMetrics?: unknown[];
  conditions?: HpaCondition[];
  lastScaleTime?: string;
}
type Hpa = KubeObject & { spec: HpaSpec; status?: HpaStatus };

const SCALE_TARGETS: Readonly<Record<string, string>> = {
  Deployment: 'deployments.apps',
  ReplicaSet: 'replicasets.apps',
  StatefulSet: 'statefulsets.apps',
  ReplicationController: 'replicationcontrollers',
};

export class HorizontalController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly recorder: EventRecorder;
  private readonly history = new Map<string, ScaleHistory>();

  constructor(
    ctx: ComponentContext,
    private readonly metrics: () => ResourceMetricsApi,
  ) {
    this.api = ctx.api;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: ACTOR });
    ctx.api.watch(RESOURCE, (event) => {
      const key = keyOf(event.object);
      if (event.type === 'DELETED') this.history.delete(key);
      // enqueueHPA uses AddRateLimited with a fixed-interval limiter of one sync period, so a new
      // or changed HPA is first reconciled 15 s later (TARGETS shows <unknown> meanwhile).
      else if (event.object.metadata.generation !== event.previous?.metadata.generation)
        this.queue.addAfter(key, HPA_SYNC_PERIOD_MS);
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const hpa = this.api.get(RESOURCE, namespace, name) as Hpa | undefined;
    if (!hpa) return;
    this.queue.addAfter(key, HPA_SYNC_PERIOD_MS);
    const conditions = [...(hpa.status?.conditions ?? [])];
    const status: HpaStatus = { ...(hpa.status ?? {}) };
    this.reconcile(key, hpa, status, conditions);
    status.conditions = conditions;
    if (deepEqual(status, hpa.status)) return;
    this.api.update({ ...hpa, status }, { actor: ACTOR, subresource: 'status' });
  }

  private reconcile(key: string, hpa: Hpa, status: HpaStatus, conditions: HpaCondition[]): void {
    const ref = hpa.spec.scaleTargetRef;
    const resource = SCALE_TARGETS[ref.kind];
    const namespace = hpa.metadata.namespace ?? '';
    const target = resource ? this.api.get(resource, namespace, ref.name) : undefined;
    const set = (type: string, value: boolean, reason: string, message: string): void => {
      setCondition(conditions, type, value, reason, message, this.api.now());
    };
    if (!resource || !target) {
      const message = `${resource ?? ref.kind.toLowerCase()} "${ref.name}" not found`;
      this.recorder.event(hpa, 'Warning', 'FailedGetScale', message);
      set(
        'AbleToScale',
        false,
        'FailedGetScale',
        `the HPA controller was unable to get the target's current scale: ${message}`,
      );
      return;
    }
    const targetSpec = target.spec as { replicas?: number; selector?: LabelSelector };
    const currentReplicas = targetSpec.replicas ?? 1;
    const minReplicas = hpa.spec.minReplicas ?? 1;
    const maxReplicas = hpa.spec.maxReplicas;
    set(
      'AbleToScale',
      true,
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
    );
    status.currentReplicas = currentReplicas;
    let desired = 0;
    let reason = '';
    let rescale = true;
    if (currentReplicas === 0 && minReplicas !== 0) {
      rescale = false;
      set(
        'ScalingActive',
        false,
        'ScalingDisabled',
        'scaling is disabled since the replica count of the target is zero',
      );
    } else if (currentReplicas > maxReplicas) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desired = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desired = minReplicas;
    } else {
      const computed = this.computeReplicasForMetrics(
        hpa,
        currentReplicas,
        targetSpec.selector,
        status,
        set,
      );
      if (computed === undefined) return;
      desired = computed.replicas;
      if (desired > currentReplicas) reason = `${computed.metricName} above target`;
      if (desired < currentReplicas) reason = 'All metrics below target';
      // A nil behavior takes the defaults: the same 300 s scale-down window and rate limits that
      // normalizeDesiredReplicas applies upstream.
      const behavior = withDefaults(hpa.spec.behavior);
      let history = this.history.get(key);
      if (!history) {
        history = { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
        this.history.set(key, history);
      }
      const normalized = normalizeWithBehaviors(history, behavior, {
        currentReplicas,
        desiredReplicas: desired,
        minReplicas,
        maxReplicas,
        nowMs: this.api.now(),
      });
      set('AbleToScale', true, normalized.ableReason, normalized.ableMessage);
      set('ScalingLimited', normalized.limited, normalized.limitReason, normalized.limitMessage);
      desired = normalized.replicas;
      rescale = desired !== currentReplicas;
    }
    if (rescale) {
      this.api.mutate(
        resource,
        namespace,
        ref.name,
        (draft) => {
          (draft.spec as { replicas?: number }).replicas = desired;
        },
        { actor: ACTOR },
      );
      set(
        'AbleToScale',
        true,
        'SucceededRescale',
        `the HPA controller was able to update the target scale to ${String(desired)}`,
      );
      this.recorder.event(
        hpa,
        'Normal',
        'SuccessfulRescale',
        `New size: ${String(desired)}; reason: ${reason}`,
      );
      const history = this.history.get(key);
      const change = {
        replicaChange: Math.abs(desired - currentReplicas),
        timestampMs: this.api.now(),
      };
      if (history)
        (desired > currentReplicas ? history.scaleUpEvents : history.scaleDownEvents).push(change);
      status.lastScaleTime = formatRfc3339(this.api.now());
    } else desired = currentReplicas;
    status.desiredReplicas = desired;
  }

  /** The largest proposal over all metrics; undefined when every metric failed. */
  private computeReplicasForMetrics(
    hpa: Hpa,
    currentReplicas: number,
    selector: LabelSelector | undefined,
    status: HpaStatus,
    set: (type: string, value: boolean, reason: string, message: string) => void,
  ): { replicas: number; metricName: string } | undefined {
    const specs = hpa.spec.metrics ?? [];
    const statuses: unknown[] = specs.map(() => ({ type: '' }));
    let best: { replicas: number; metricName: string } | undefined;
    let firstError: string | undefined;
    let invalid = 0;
    specs.forEach((spec, i) => {
      const resource = spec.resource;
      if (
        spec.type !== 'Resource' ||
        !resource ||
        (resource.name !== 'cpu' && resource.name !== 'memory')
      ) {
        // TODO(#5): Pods, Object, External and ContainerResource metrics.
        invalid++;
        firstError ??= `unsupported metric type ${spec.type}`;
        return;
      }
      try {
        const pods = this.selectedPods(hpa.metadata.namespace ?? '', selector);
        const metrics = this.podMetrics(hpa.metadata.namespace ?? '', pods, resource.name);
        const t = resource.target;
        const result = getResourceReplicas({
          currentReplicas,
          resource: resource.name,
          pods,
          metrics,
          nowMs: this.api.now(),
          target:
            t.type === 'Utilization'
              ? { utilization: t.averageUtilization ?? 80 }
              : { averageMilli: milliOf(t.averageValue ?? '0', resource.name) },
        });
        const metricName =
          t.type === 'Utilization'
            ? `${resource.name} resource utilization (percentage of request)`
            : `${resource.name} resource`;
        statuses[i] = {
          type: 'Resource',
          resource: {
            name: resource.name,
            current: {
              ...(result.utilization !== undefined
                ? { averageUtilization: result.utilization }
                : {}),
              averageValue: formatMilliQuantity(result.averageMilli),
            },
          },
        };
        if (!best || result.replicas > best.replicas)
          best = { replicas: result.replicas, metricName };
      } catch (error) {
        if (!(error instanceof ReplicaCalculationError)) throw error;
        invalid++;
        const message = `failed to get ${resource.name} utilization: ${error.message}`;
        firstError ??= message;
        this.recorder.event(hpa, 'Warning', 'FailedGetResourceMetric', message);
        set(
          'ScalingActive',
          false,
          'FailedGetResourceMetric',
          `the HPA was unable to compute the replica count: ${message}`,
        );
      }
    });
    status.currentMetrics = statuses;
    if (invalid >= specs.length || !best) {
      const message = `invalid metrics (${String(invalid)} invalid out of ${String(specs.length)}), first error is: ${firstError ?? 'no metrics'}`;
      this.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', message);
      status.desiredReplicas = currentReplicas;
      return undefined;
    }
    set(
      'ScalingActive',
      true,
      'ValidMetricFound',
      `the HPA was able to successfully calculate a replica count from ${best.metricName}`,
    );
    return best;
  }

  private selectedPods(namespace: string, selector: LabelSelector | undefined): Pod[] {
    const pods: Pod[] = [];
    for (const pod of this.api.iterate('pods', namespace))
      if (labelSelectorMatches(selector, pod.metadata.labels)) pods.push(pod as Pod);
    return pods;
  }

  private podMetrics(
    namespace: string,
    pods: readonly Pod[],
    resource: 'cpu' | 'memory',
  ): Map<string, PodMetric> {
    const names = new Set(pods.map((p) => p.metadata?.name ?? ''));
    const out = new Map<string, PodMetric>();
    for (const sample of this.metrics().podMetrics(namespace)) {
      if (!names.has(sample.name)) continue;
      let value = 0;
      for (const c of sample.containers)
        value += resource === 'cpu' ? c.cpuMilli : c.memoryBytes * 1000;
      out.set(sample.name, {
        valueMilli: value,
        timestampMs: sample.timestampMs,
        windowMs: sample.windowMs,
      });
    }
    return out;
  }
}

function setCondition(
  conditions: HpaCondition[],
  type: string,
  value: boolean,
  reason: string,
  message: string,
  nowMs: number,
): void {
  const status = value ? 'True' : 'False';
  const index = conditions.findIndex((c) => c.type === type);
  const previous = conditions[index];
  const next: HpaCondition = {
    type,
    status,
    lastTransitionTime:
      previous?.status === status && previous.lastTransitionTime
        ? previous.lastTransitionTime
        : formatRfc3339(nowMs),
    reason,
    message,
  };
  if (index >= 0) conditions[index] = next;
  else conditions.push(next);
  const order = ['AbleToScale', 'ScalingActive', 'ScalingLimited'];
  conditions.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
}

function milliOf(quantity: string, resource: string): number {
  const n = Number.parseFloat(quantity);
  if (resource === 'cpu') return quantity.endsWith('m') ? n : n * 1000;
  const units: Record<string, number> = {
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
  };
  const suffix = /[A-Za-z]+$/.exec(quantity)?.[0] ?? '';
  return n * (units[suffix] ?? 1) * 1000;
}

/** resource.NewMilliQuantity(v, DecimalSI).String(): `57m`, `1`, `10485760`, `2k`. */
export function formatMilliQuantity(milli: number): string {
  if (milli % 1000 !== 0) return `${String(milli)}m`;
  let value = milli / 1000;
  for (const suffix of ['', 'k', 'M', 'G', 'T']) {
    if (value % 1000 !== 0 || value === 0) return `${String(value)}${suffix}`;
    value /= 1000;
  }
  return `${String(value)}P`;
}
