/**
 * The node lifecycle controller: watches node heartbeats (Leases and status), marks a silent node's
 * conditions Unknown after the grace period, marks its pods not ready, and keeps the
 * `node.kubernetes.io/not-ready` / `unreachable` taints (NoSchedule and NoExecute) in step with the
 * Ready condition. Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go.
 * TODO(#4): the eviction rate limits (--node-eviction-rate 0.1/s, unhealthy-zone handling) are not
 * modelled: every failed node is tainted at once.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import type { KubeObject, Node, NodeCondition, Pod, Taint } from '../../api/types/index.ts';
import { formatRfc3339 } from '../../clock/timeFormat.ts';
import type { EventRecorder } from '../../client/eventRecorder.ts';
import { byNodeName, Indexer, keyOf } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import type { VirtualClock } from '../../clock/virtualClock.ts';
import { deepClone } from '../../util/objects.ts';

/** --node-monitor-period */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** --node-monitor-grace-period (50 s since v1.32). */
export const NODE_MONITOR_GRACE_MS = 50_000;

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';

const MONITOR_KEY = '\u0000monitor';
const ACTOR = 'node-controller';
const UNKNOWN_TYPES = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];

type NodeObject = KubeObject & Node;

interface Health {
  /** When this controller last saw the node's heartbeat change (its own clock, as probeTimestamp). */
  probeTime: number;
  leaseRenew?: string;
  readyHeartbeat?: string;
}

export class NodeLifecycleController implements Reconciler {
  readonly name = 'node-lifecycle-controller';
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;
  private readonly recorder: EventRecorder;
  private readonly podsByNode: Indexer;
  private readonly health = new Map<string, Health>();

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: ACTOR });
    this.podsByNode = new Indexer(ctx.api, 'pods', byNodeName);
    ctx.api.watch('nodes', (event) => {
      if (event.type === 'DELETED') this.health.delete(event.object.metadata.name ?? '');
      else this.queue.add(keyOf(event.object));
    });
    ctx.api.watch('leases.coordination.k8s.io', (event) => {
      if (event.object.metadata.namespace === 'kube-node-lease' && event.type !== 'DELETED')
        this.queue.add(event.object.metadata.name ?? '');
    });
    this.queue.add(MONITOR_KEY);
  }

  sync(key: string): void {
    if (key === MONITOR_KEY) {
      for (const node of this.api.list('nodes')) this.monitor(node as NodeObject);
      this.queue.addAfter(MONITOR_KEY, NODE_MONITOR_PERIOD_MS);
      return;
    }
    const node = this.api.get('nodes', '', key) as NodeObject | undefined;
    if (node) this.monitor(node);
  }

  private observe(node: NodeObject): Health {
    const now = this.clock.now();
    const name = node.metadata.name ?? '';
    const lease = this.api.get('leases.coordination.k8s.io', 'kube-node-lease', name);
    const leaseRenew = (lease?.spec as { renewTime?: string } | undefined)?.renewTime;
    const ready = readyCondition(node);
    const readyHeartbeat = `${ready?.lastHeartbeatTime ?? ''}|${ready?.status ?? ''}`;
    let health = this.health.get(name);
    if (!health) {
      health = { probeTime: now, ...(leaseRenew ? { leaseRenew } : {}), readyHeartbeat };
      this.health.set(name, health);
      return health;
    }
    if (leaseRenew !== health.leaseRenew || readyHeartbeat !== health.readyHeartbeat) {
      // A status this controller wrote itself (Unknown) is not a heartbeat.
      if (ready?.reason !== 'NodeStatusUnknown' || leaseRenew !== health.leaseRenew)
        health.probeTime = now;
      if (leaseRenew) health.leaseRenew = leaseRenew;
      health.readyHeartbeat = readyHeartbeat;
    }
    return health;
  }

  private monitor(node: NodeObject): void {
    const now = this.clock.now();
    const health = this.observe(node);
    let current = node;
    const ready = readyCondition(node);
    if (now - health.probeTime > NODE_MONITOR_GRACE_MS && ready?.status !== 'Unknown') {
      current = this.markUnknown(node, now);
      health.readyHeartbeat = `${readyCondition(current)?.lastHeartbeatTime ?? ''}|Unknown`;
    }
    this.reconcileTaints(current, now);
  }

  private markUnknown(node: NodeObject, now: number): NodeObject {
    const name = node.metadata.name ?? '';
    const draft = deepClone(node);
    const time = formatRfc3339(now);
    const conditions: NodeCondition[] = (draft.status?.conditions ?? []).map((c) =>
      UNKNOWN_TYPES.includes(c.type) && c.status !== 'Unknown'
        ? {
            ...c,
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
            lastTransitionTime: time,
          }
        : c,
    );
    draft.status = { ...draft.status, conditions };
    const updated = this.api.update(draft, { actor: ACTOR, subresource: 'status' });
    this.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    this.markPodsNotReady(name, now);
    return updated;
  }

  /** MarkPodsNotReady: the pods of an unresponsive node drop out of Service endpoints. */
  private markPodsNotReady(nodeName: string, now: number): void {
    for (const obj of this.podsByNode.byIndex(nodeName)) {
      const pod = obj as KubeObject & Pod;
      const readyCond = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
      if (!readyCond || readyCond.status === 'False') continue;
      const draft = deepClone(pod);
      for (const c of draft.status?.conditions ?? []) {
        if (c.type === 'Ready') {
          c.status = 'False';
          c.lastTransitionTime = formatRfc3339(now);
        }
      }
      try {
        this.api.update(draft, { actor: ACTOR, subresource: 'status' });
        this.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch {
        // The pod went away meanwhile.
      }
    }
  }

  /** The NoSchedule and NoExecute taints that follow the Ready condition. */
  private reconcileTaints(node: NodeObject, now: number): void {
    const status = readyCondition(node)?.status;
    const key =
      status === 'False' ? TAINT_NOT_READY : status === 'Unknown' ? TAINT_UNREACHABLE : undefined;
    const taints = node.spec?.taints ?? [];
    const managed = (t: Taint): boolean => t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE;
    const kept = taints.filter((t) => !managed(t));
    const have = taints.filter(managed);
    const want: Taint[] = key
      ? [
          have.find((t) => t.key === key && t.effect === 'NoSchedule') ?? {
            key,
            effect: 'NoSchedule',
          },
          have.find((t) => t.key === key && t.effect === 'NoExecute') ?? {
            key,
            effect: 'NoExecute',
            timeAdded: formatRfc3339(now),
          },
        ]
      : [];
    if (have.length === want.length && have.every((t) => want.includes(t))) return;
    const draft = deepClone(node);
    const next = [...kept, ...want];
    draft.spec = { ...draft.spec, taints: next };
    if (next.length === 0) delete draft.spec.taints;
    this.api.update(draft, { actor: ACTOR });
  }
}

function readyCondition(node: Node): NodeCondition | undefined {
  return (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
}
