/**
 * kube-scheduler: takes pending pods from the scheduling queue, filters and scores nodes with the
 * profile's plugins, and binds the pod to the best node. Mirrors pkg/scheduler/schedule_one.go.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject, Node, Pod } from '../api/types/index.ts';
import { formatRfc3339 } from '../clock/timeFormat.ts';
import type { EventRecorder } from '../client/eventRecorder.ts';
import { keyOf, splitKey } from '../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../client/reconciler.ts';
import type { SeededRandom } from '../random/seededRandom.ts';
import { deepClone } from '../util/objects.ts';
import { fitErrorMessage, formatHistogram } from './fitError.ts';
import {
  CycleState,
  isFilterPlugin,
  isPreFilterPlugin,
  isPreScorePlugin,
  isScorePlugin,
  type SchedulingSnapshot,
  type Status,
} from './framework/interfaces.ts';
import { NodeInfo } from './framework/nodeInfo.ts';
import { defaultProfile, type ProfilePlugin } from './plugins/registry.ts';
import { SchedulingQueue } from './schedulingQueue.ts';
import { SchedulingRecords, type NodeVerdict, type PluginScore } from './schedulingRecord.ts';

export const SCHEDULER_NAME = 'default-scheduler';

/** numFeasibleNodesToFind with the adaptive percentageOfNodesToScore (schedule_one.go). */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < 100) return numAllNodes;
  let adaptive = percentage;
  if (adaptive <= 0) {
    adaptive = 50 - Math.trunc(numAllNodes / 125);
    if (adaptive < 5) adaptive = 5;
  }
  const numNodes = Math.trunc((numAllNodes * adaptive) / 100);
  return numNodes < 100 ? 100 : numNodes;
}

export class Scheduler implements Reconciler {
  readonly name = SCHEDULER_NAME;
  readonly queue: SchedulingQueue;
  readonly records = new SchedulingRecords();
  private readonly api: ApiServer;
  private readonly recorder: EventRecorder;
  private readonly random: SeededRandom;
  private readonly nodeInfos = new Map<string, NodeInfo>();
  private sortedNodes: NodeInfo[] | undefined;
  /** Assigned, non-terminal pods → node name: what the node infos account for. */
  private readonly assigned = new Map<string, string>();
  private nextStartNodeIndex = 0;
  private profile: ProfilePlugin[];

  constructor(ctx: ComponentContext, profile: ProfilePlugin[] = defaultProfile()) {
    this.api = ctx.api;
    this.profile = profile;
    this.queue = new SchedulingQueue(ctx.clock);
    this.recorder = ctx.recorder({ component: SCHEDULER_NAME });
    this.random = ctx.random('scheduler');
    for (const node of ctx.api.iterate('nodes')) this.onNode(node, false);
    for (const pod of ctx.api.iterate('pods')) this.onPod(pod as KubeObject & Pod, false);
    ctx.api.watch('nodes', (event) => {
      this.onNode(event.object, event.type === 'DELETED');
      this.queue.moveAllToActiveOrBackoff();
    });
    ctx.api.watch('pods', (event) => {
      const wasAssigned = this.assigned.has(keyOf(event.object));
      this.onPod(event.object as KubeObject & Pod, event.type === 'DELETED');
      // A pod that stopped using a node's resources may let parked pods fit.
      if (wasAssigned && !this.assigned.has(keyOf(event.object)))
        this.queue.moveAllToActiveOrBackoff();
    });
  }

  /** Replaces the profile (a KubeSchedulerConfiguration was applied). */
  setProfile(profile: ProfilePlugin[]): void {
    this.profile = profile;
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('pods', namespace, name) as (KubeObject & Pod) | undefined;
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
      this.queue.done(key);
      return;
    }
    this.scheduleOne(key, pod);
  }

  private onNode(node: KubeObject, deleted: boolean): void {
    const name = node.metadata.name ?? '';
    this.sortedNodes = undefined;
    if (deleted) {
      this.nodeInfos.delete(name);
      return;
    }
    const existing = this.nodeInfos.get(name);
    if (existing) {
      existing.setNode(node as Node);
      return;
    }
    const info = new NodeInfo(node as Node);
    this.nodeInfos.set(name, info);
    for (const [podKey, nodeName] of this.assigned) {
      if (nodeName !== name) continue;
      const { namespace, name: podName } = splitKey(podKey);
      const pod = this.api.get('pods', namespace, podName);
      if (pod) info.addPod(podKey, pod as Pod);
    }
  }

  private onPod(pod: KubeObject & Pod, deleted: boolean): void {
    const key = keyOf(pod);
    const phase = pod.status?.phase;
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    const nodeName = pod.spec?.nodeName;
    const previousNode = this.assigned.get(key);
    if (previousNode !== undefined && (deleted || terminal || previousNode !== nodeName)) {
      this.nodeInfos.get(previousNode)?.removePod(key);
      this.assigned.delete(key);
    }
    if (deleted || terminal) {
      this.queue.delete(key);
      if (deleted) this.records.forget(pod.metadata.uid ?? '');
      return;
    }
    if (nodeName) {
      this.assigned.set(key, nodeName);
      this.nodeInfos.get(nodeName)?.addPod(key, pod);
      this.queue.done(key);
      return;
    }
    if (
      (pod.spec?.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME ||
      pod.metadata.deletionTimestamp
    )
      return;
    this.queue.add(key, pod.spec?.priority ?? 0);
  }

  private nodesInOrder(): NodeInfo[] {
    this.sortedNodes ??= [...this.nodeInfos.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    return this.sortedNodes;
  }

  private scheduleOne(key: string, pod: KubeObject & Pod): void {
    const nodes = this.nodesInOrder();
    const snapshot: SchedulingSnapshot = {
      nodeInfos: nodes,
      nodeInfo: (n) => this.nodeInfos.get(n),
    };
    const state = new CycleState();
    const attempt = this.queue.attemptsOf(key);
    const base = { podKey: key, podUid: pod.metadata.uid ?? '', attempt, timeMs: this.api.now() };
    for (const { plugin } of this.profile) {
      if (!isPreFilterPlugin(plugin)) continue;
      const status = plugin.preFilter(state, pod, snapshot);
      if (status.code !== 'Success' && status.code !== 'Skip') {
        const message = `0/${String(nodes.length)} nodes are available: ${status.reasons.join(', ')}.`;
        this.records.add({ ...base, nodes: [], message });
        this.handleFailure(key, pod, message);
        return;
      }
    }
    const { feasible, verdicts, rejected } = this.findFeasibleNodes(state, pod, nodes);
    if (feasible.length === 0) {
      const message = fitErrorMessage(
        nodes.length,
        rejected.map((r) => r.status.reasons),
        this.preemptionMessage(pod, rejected),
      );
      this.records.add({ ...base, nodes: verdicts, message });
      this.handleFailure(key, pod, message);
      return;
    }
    const scored = this.scoreNodes(state, pod, feasible, snapshot);
    const chosen = this.selectHost(scored);
    const nodeVerdicts = verdicts.map((v) => {
      const s = scored.get(v.node);
      return s ? { ...v, scores: s.scores, total: s.total } : v;
    });
    this.records.add({ ...base, nodes: nodeVerdicts, chosenNode: chosen });
    this.bind(key, pod, chosen);
  }

  private findFeasibleNodes(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]) {
    const verdicts: NodeVerdict[] = [];
    const feasible: NodeInfo[] = [];
    const rejected: { node: string; status: Status }[] = [];
    const wanted = numFeasibleNodesToFind(nodes.length);
    const filters = this.profile.map((p) => p.plugin).filter(isFilterPlugin);
    let processed = 0;
    for (let i = 0; i < nodes.length && feasible.length < wanted; i++) {
      const info = nodes[(this.nextStartNodeIndex + i) % nodes.length];
      if (!info) continue;
      processed++;
      let failure: { plugin: string; status: Status } | undefined;
      for (const plugin of filters) {
        const status = plugin.filter(state, pod, info);
        if (status.code !== 'Success' && status.code !== 'Skip') {
          failure = { plugin: plugin.name, status };
          break;
        }
      }
      if (failure) {
        rejected.push({ node: info.name, status: failure.status });
        verdicts.push({
          node: info.name,
          rejectedBy: {
            plugin: failure.plugin,
            reasons: failure.status.reasons,
            code: failure.status.code,
          },
        });
      } else {
        feasible.push(info);
        verdicts.push({ node: info.name });
      }
    }
    if (nodes.length > 0)
      this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % nodes.length;
    return { feasible, verdicts, rejected };
  }

  private scoreNodes(
    state: CycleState,
    pod: Pod,
    feasible: readonly NodeInfo[],
    snapshot: SchedulingSnapshot,
  ) {
    const result = new Map<string, { scores: PluginScore[]; total: number }>();
    for (const info of feasible) result.set(info.name, { scores: [], total: 0 });
    if (feasible.length === 1) return result;
    for (const { plugin } of this.profile)
      if (isPreScorePlugin(plugin)) plugin.preScore(state, pod, feasible, snapshot);
    for (const { plugin, weight } of this.profile) {
      if (!isScorePlugin(plugin) || weight === 0) continue;
      const raw = new Map<string, number>();
      for (const info of feasible) raw.set(info.name, plugin.score(state, pod, info));
      const normalized = new Map(raw);
      plugin.normalizeScores?.(state, pod, normalized);
      for (const info of feasible) {
        const entry = result.get(info.name);
        if (!entry) continue;
        const n = normalized.get(info.name) ?? 0;
        entry.scores.push({
          plugin: plugin.name,
          raw: raw.get(info.name) ?? 0,
          normalized: n,
          weight,
          weighted: n * weight,
        });
        entry.total += n * weight;
      }
    }
    return result;
  }

  /** Highest total wins; ties are broken uniformly at random (reservoir sampling, selectHost). */
  private selectHost(scored: Map<string, { total: number }>): string {
    let best = '';
    let bestScore = -Infinity;
    let ties = 0;
    for (const [node, { total }] of scored) {
      if (total > bestScore) {
        best = node;
        bestScore = total;
        ties = 1;
      } else if (total === bestScore) {
        ties++;
        if (this.random.int(ties) === 0) best = node;
      }
    }
    return best;
  }

  /**
   * DefaultPreemption's PostFilter message. Nodes rejected for reasons preemption cannot fix are
   * "not helpful"; the others have no lower-priority victims to evict here.
   * TODO(#3): select real victims and nominate a node.
   */
  private preemptionMessage(
    pod: Pod,
    rejected: readonly { node: string; status: Status }[],
  ): string {
    if (pod.spec?.preemptionPolicy === 'Never')
      return 'preemption: not eligible due to preemptionPolicy=Never.';
    const perNode = rejected.map((r) =>
      r.status.code === 'UnschedulableAndUnresolvable'
        ? ['Preemption is not helpful for scheduling']
        : ['No preemption victims found for incoming pod'],
    );
    return `preemption: 0/${String(rejected.length)} nodes are available: ${formatHistogram(perNode)}.`;
  }

  private handleFailure(key: string, pod: KubeObject & Pod, message: string): void {
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
    const current = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
    if (current?.status !== 'False' || current.message !== message) {
      const draft = deepClone(pod);
      const status = draft.status ?? {};
      const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
      conditions.push({
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null as unknown as string,
        lastTransitionTime:
          current?.status === 'False' ? current.lastTransitionTime : formatRfc3339(this.api.now()),
        reason: 'Unschedulable',
        message,
      });
      status.conditions = conditions;
      draft.status = status;
      this.api.update(draft, { actor: SCHEDULER_NAME, subresource: 'status' });
    }
    this.queue.markUnschedulable(key);
  }

  private bind(key: string, pod: KubeObject & Pod, nodeName: string): void {
    try {
      const bound = this.api.bind(pod.metadata.namespace ?? '', pod.metadata.name ?? '', nodeName, {
        actor: SCHEDULER_NAME,
      });
      this.recorder.event(
        bound,
        'Normal',
        'Scheduled',
        `Successfully assigned ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} to ${nodeName}`,
      );
      this.queue.done(key);
    } catch {
      this.queue.markUnschedulable(key);
    }
  }
}
