/**
 * Steady request flows started by the `traffic` directive: N requests a second from C client
 * hosts next to the nodes (172.18.1.x), delivered each virtual second through the same path a
 * real client's packets take. A flow to an Ingress enters through the ingress controller.
 */
import type { VirtualClock } from '../clock/virtualClock.ts';
import type { ComponentContext, Reconciler } from '../client/reconciler.ts';
import type { WorkQueue } from '../client/workqueue.ts';
import type { PodNetwork } from './clusterNetwork.ts';

/** Flows deliver their requests once a virtual second. */
export const FLOW_TICK_MS = 1000;

export interface FlowSpec {
  /** What the learner named: `service/web` or `ingress/web`. */
  readonly target: string;
  readonly namespace: string;
  /** Where the clients send their requests. */
  readonly url: string;
  /** Host header for ingress flows. */
  readonly hostHeader?: string;
  readonly rps: number;
  readonly clients: number;
  readonly durationMs?: number;
}

export interface FlowState {
  readonly spec: FlowSpec;
  readonly startedMs: number;
  sent: number;
  answered: number;
  failed: number;
  /** What failed requests saw, by error. */
  readonly errors: Map<string, number>;
  stoppedMs?: number;
}

export class TrafficFlows implements Reconciler {
  readonly name = 'traffic';
  readonly queue: WorkQueue;
  private readonly clock: VirtualClock;
  private readonly active = new Map<
    string,
    FlowState & { lastMs: number; carry: number; turn: number }
  >();

  constructor(
    ctx: ComponentContext,
    private readonly network: PodNetwork,
  ) {
    this.queue = ctx.newQueue();
    this.clock = ctx.clock;
  }

  /** Starts (or replaces) the flow to `spec.target` in `spec.namespace`. */
  start(spec: FlowSpec): FlowState {
    const id = flowId(spec.namespace, spec.target);
    const now = this.clock.now();
    const flow = {
      spec,
      startedMs: now,
      sent: 0,
      answered: 0,
      failed: 0,
      errors: new Map<string, number>(),
      lastMs: now,
      carry: 0,
      turn: 0,
    };
    this.active.set(id, flow);
    this.queue.addAfter(id, FLOW_TICK_MS);
    return flow;
  }

  /** Stops a flow, delivering what was due up to now; undefined when none runs. */
  stop(namespace: string, target: string): FlowState | undefined {
    const id = flowId(namespace, target);
    const flow = this.active.get(id);
    if (!flow) return undefined;
    this.deliver(flow, this.clock.now());
    flow.stoppedMs = this.clock.now();
    this.active.delete(id);
    return flow;
  }

  list(): FlowState[] {
    return [...this.active.values()];
  }

  sync(id: string): void {
    const flow = this.active.get(id);
    if (!flow) return;
    const now = this.clock.now();
    const end =
      flow.spec.durationMs !== undefined ? flow.startedMs + flow.spec.durationMs : undefined;
    const until = end !== undefined ? Math.min(now, end) : now;
    this.deliver(flow, until);
    if (end !== undefined && until >= end) {
      flow.stoppedMs = end;
      this.active.delete(id);
      return;
    }
    const next = end !== undefined ? Math.min(FLOW_TICK_MS, end - now) : FLOW_TICK_MS;
    this.queue.addAfter(id, Math.max(1, next));
  }

  private deliver(
    flow: FlowState & { lastMs: number; carry: number; turn: number },
    until: number,
  ): void {
    const elapsed = until - flow.lastMs;
    if (elapsed <= 0) return;
    const due = (flow.spec.rps * elapsed) / 1000 + flow.carry;
    const whole = Math.floor(due + 1e-9);
    flow.carry = due - whole;
    const start = flow.lastMs;
    flow.lastMs = until;
    const clients = Math.max(1, flow.spec.clients);
    const base = Math.floor(whole / clients);
    const extra = whole % clients;
    for (let i = 0; i < clients; i++) {
      // The remainder rotates over the clients so each sends its fair share over time.
      const count = base + ((i - flow.turn + clients) % clients < extra ? 1 : 0);
      if (count === 0) continue;
      const result = this.network.deliverUrl(
        { namespace: flow.spec.namespace, sourceIp: clientAddress(i) },
        flow.spec.url,
        count,
        until - start,
        flow.spec.hostHeader,
      );
      flow.sent += count;
      flow.answered += result.answered;
      flow.failed += result.failed;
      if (result.failed > 0 && result.last.error)
        flow.errors.set(
          result.last.error,
          (flow.errors.get(result.last.error) ?? 0) + result.failed,
        );
    }
    flow.turn = (flow.turn + extra) % clients;
  }
}

/** Client i of a flow: hosts on the nodes' network, 172.18.1.1, 172.18.1.2, … */
export function clientAddress(i: number): string {
  return `172.18.${String(1 + Math.floor(i / 254))}.${String((i % 254) + 1)}`;
}

function flowId(namespace: string, target: string): string {
  return `${namespace}/${target}`;
}
