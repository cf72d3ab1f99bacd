/**
 * Runs one profile's plugins over a snapshot (pkg/scheduler/framework/runtime/framework.go and
 * schedule_one.go findNodesThatFitPod / prioritizeNodes): PreFilter, Filter node by node with
 * percentageOfNodesToScore sampling, then PreScore, Score, NormalizeScore and weighting. It keeps
 * the per-node detail compactly for the scheduling records.
 */
import type { ExtensionPoint, Profile, ProfilePlugin } from '../plugins/registry.ts';
import type { AttemptDetail } from '../schedulingRecord.ts';
import {
  CycleState,
  isFilterPlugin,
  isPreBindPlugin,
  isPreFilterPlugin,
  isPreScorePlugin,
  isScorePlugin,
  type FilterPlugin,
  type PreBindPlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type SchedulingSnapshot,
  type ScorePlugin,
  type Status,
} from './interfaces.ts';
import type { NodeInfo } from './nodeInfo.ts';
import type { PodInfo } from './podInfo.ts';

/** numFeasibleNodesToFind with the adaptive percentageOfNodesToScore (schedule_one.go). */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < 100 || percentage >= 100) return numAllNodes;
  let adaptive = percentage;
  if (adaptive <= 0) {
    adaptive = 50 - Math.trunc(numAllNodes / 125);
    if (adaptive < 5) adaptive = 5;
  }
  const numNodes = Math.trunc((numAllNodes * adaptive) / 100);
  return numNodes < 100 ? 100 : numNodes;
}

export interface FilterFailure {
  readonly plugin: string;
  readonly status: Status;
}

export interface CycleResult {
  readonly state: CycleState;
  /** Set when a PreFilter plugin rejected the pod. */
  readonly preFilterFailure?: FilterFailure;
  /** Nodes evaluated, and the failure per rejected node (undefined = fit). */
  readonly evaluated: readonly NodeInfo[];
  readonly failures: readonly (FilterFailure | undefined)[];
  readonly feasible: readonly NodeInfo[];
  /** Weighted totals per feasible node (same order as `feasible`). */
  readonly totals: Float64Array;
  readonly detail: AttemptDetail | undefined;
  /** How many nodes were looked at, so the next cycle starts after them (nextStartNodeIndex). */
  readonly processed: number;
}

export class Framework {
  readonly preFilters: readonly PreFilterPlugin[];
  readonly filters: readonly FilterPlugin[];
  readonly preScores: readonly PreScorePlugin[];
  readonly scores: readonly { plugin: ScorePlugin; weight: number }[];
  readonly preBinds: readonly PreBindPlugin[];
  readonly postFilterEnabled: boolean;
  private raw = new Float64Array(0);

  constructor(readonly profile: Profile) {
    const at = (point: ExtensionPoint): readonly ProfilePlugin[] => profile.points[point];
    this.preFilters = at('preFilter')
      .map((p) => p.plugin)
      .filter(isPreFilterPlugin);
    this.filters = at('filter')
      .map((p) => p.plugin)
      .filter(isFilterPlugin);
    this.preScores = at('preScore')
      .map((p) => p.plugin)
      .filter(isPreScorePlugin);
    this.scores = at('score').flatMap((p) =>
      isScorePlugin(p.plugin) && p.weight !== 0 ? [{ plugin: p.plugin, weight: p.weight }] : [],
    );
    this.preBinds = at('preBind')
      .map((p) => p.plugin)
      .filter(isPreBindPlugin);
    this.postFilterEnabled = at('postFilter').length > 0;
  }

  runPreFilter(
    state: CycleState,
    pod: PodInfo,
    snapshot: SchedulingSnapshot,
  ): FilterFailure | undefined {
    for (const plugin of this.preFilters) {
      const status = plugin.preFilter(state, pod, snapshot);
      if (status.code === 'Skip') state.skipFilter.add(plugin.name);
      else if (status.code !== 'Success') return { plugin: plugin.name, status };
      if (state.nodeNames?.size === 0) {
        const plugins = state.narrowedBy;
        const reason =
          plugins.length === 1
            ? `node(s) didn't satisfy plugin ${plugins[0] ?? ''}`
            : `node(s) didn't satisfy plugin(s) [${plugins.join(' ')}] simultaneously`;
        return { plugin: plugin.name, status: { code: 'Unschedulable', reasons: [reason] } };
      }
    }
    return undefined;
  }

  /** The first failing filter on this node, or undefined if every filter passes. */
  runFilters(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): FilterFailure | undefined {
    return this.runActiveFilters(this.activeFilters(state), state, pod, nodeInfo);
  }

  /** Filters whose PreFilter did not return Skip in this cycle. */
  activeFilters(state: CycleState): readonly FilterPlugin[] {
    const skip = state.skipFilter;
    return skip.size === 0 ? this.filters : this.filters.filter((p) => !skip.has(p.name));
  }

  private runActiveFilters(
    filters: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    nodeInfo: NodeInfo,
  ): FilterFailure | undefined {
    for (let i = 0; i < filters.length; i++) {
      const plugin = filters[i] as FilterPlugin;
      const status = plugin.filter(state, pod, nodeInfo);
      if (status.code !== 'Success' && status.code !== 'Skip')
        return { plugin: plugin.name, status };
    }
    return undefined;
  }

  /** The status of a node the PreFilterResult left out. */
  private outsidePreFilterResult(state: CycleState): FilterFailure {
    const plugins = [...new Set(state.narrowedBy)].sort();
    return {
      plugin: plugins[0] ?? '',
      status: {
        code: 'UnschedulableAndUnresolvable',
        reasons: [`node(s) didn't satisfy plugin(s) [${plugins.join(' ')}]`],
      },
    };
  }

  /** PreFilter then Filter on one node of a (possibly hypothetical) snapshot. */
  fitsOn(
    pod: PodInfo,
    snapshot: SchedulingSnapshot,
    nodeInfo: NodeInfo,
  ): FilterFailure | undefined {
    const state = new CycleState();
    const pre = this.runPreFilter(state, pod, snapshot);
    if (pre) return pre;
    if (state.nodeNames && !state.nodeNames.has(nodeInfo.name))
      return this.outsidePreFilterResult(state);
    return this.runFilters(state, pod, nodeInfo);
  }

  /**
   * One scheduling cycle up to host selection. `nodeView` may swap a node for a copy that also
   * holds pods nominated to it (so their room is not taken).
   */
  run(
    pod: PodInfo,
    snapshot: SchedulingSnapshot,
    startIndex: number,
    keepDetail: boolean,
    nodeView: (info: NodeInfo) => NodeInfo = (info) => info,
  ): CycleResult {
    const state = new CycleState();
    const nodes = snapshot.nodeInfos;
    const preFilterFailure = this.runPreFilter(state, pod, snapshot);
    if (preFilterFailure) {
      return {
        state,
        preFilterFailure,
        evaluated: [],
        failures: [],
        feasible: [],
        totals: new Float64Array(0),
        detail: undefined,
        processed: 0,
      };
    }
    const evaluated: NodeInfo[] = [];
    const failures: (FilterFailure | undefined)[] = [];
    const feasible: NodeInfo[] = [];
    const allowed = state.nodeNames;
    let candidates = nodes;
    if (allowed) {
      candidates = nodes.filter((info) => allowed.has(info.name));
      const outside = this.outsidePreFilterResult(state);
      for (const info of nodes) {
        if (allowed.has(info.name)) continue;
        evaluated.push(info);
        failures.push(outside);
      }
    }
    const n = candidates.length;
    const wanted = numFeasibleNodesToFind(n, this.profile.percentageOfNodesToScore);
    let processed = 0;
    const filters = this.activeFilters(state);
    for (let i = 0; i < n && feasible.length < wanted; i++) {
      const info = candidates[(startIndex + i) % n] as NodeInfo;
      processed++;
      const failure = this.runActiveFilters(filters, state, pod, nodeView(info));
      evaluated.push(info);
      failures.push(failure);
      if (!failure) feasible.push(info);
    }
    const totals = new Float64Array(feasible.length);
    let detail: AttemptDetail | undefined;
    if (feasible.length > 0) {
      detail = this.prioritize(
        state,
        pod,
        feasible,
        snapshot,
        totals,
        keepDetail,
        evaluated,
        failures,
      );
    } else if (keepDetail) {
      detail = {
        nodes: evaluated,
        failures,
        scorePlugins: [],
        scores: new Float32Array(0),
        skipped: new Set(),
      };
    }
    return { state, evaluated, failures, feasible, totals, detail, processed };
  }

  private prioritize(
    state: CycleState,
    pod: PodInfo,
    feasible: readonly NodeInfo[],
    snapshot: SchedulingSnapshot,
    totals: Float64Array,
    keepDetail: boolean,
    evaluated: readonly NodeInfo[],
    failures: readonly (FilterFailure | undefined)[],
  ): AttemptDetail | undefined {
    const f = feasible.length;
    const p = this.scores.length;
    // With one feasible node there is nothing to compare: upstream skips scoring entirely.
    const scoring = f > 1;
    if (scoring) {
      for (const plugin of this.preScores) {
        const status = plugin.preScore(state, pod, feasible, snapshot);
        if (status.code === 'Skip') state.skipScore.add(plugin.name);
      }
    }
    const detailScores = keepDetail ? new Float32Array(2 * p * f) : undefined;
    if (this.raw.length < f) this.raw = new Float64Array(Math.max(f, this.raw.length * 2));
    const scratch = this.raw;
    if (scoring) {
      for (let j = 0; j < p; j++) {
        const { plugin, weight } = this.scores[j] as { plugin: ScorePlugin; weight: number };
        if (state.skipScore.has(plugin.name)) continue;
        for (let i = 0; i < f; i++) scratch[i] = plugin.score(state, pod, feasible[i] as NodeInfo);
        if (detailScores) detailScores.set(scratch.subarray(0, f), j * f);
        plugin.normalizeScores?.(state, pod, scratch, f);
        if (detailScores) detailScores.set(scratch.subarray(0, f), (p + j) * f);
        for (let i = 0; i < f; i++) totals[i] = (totals[i] ?? 0) + (scratch[i] ?? 0) * weight;
      }
    }
    if (!detailScores) return undefined;
    return {
      nodes: evaluated,
      failures,
      scorePlugins: this.scores.map((s) => ({ name: s.plugin.name, weight: s.weight })),
      scores: detailScores,
      skipped: scoring ? new Set(state.skipScore) : new Set(this.scores.map((s) => s.plugin.name)),
    };
  }
}

/** Highest total wins; ties are broken uniformly at random (reservoir sampling, selectHost). */
export function selectHost(
  feasible: readonly NodeInfo[],
  totals: Float64Array,
  randomInt: (n: number) => number,
): NodeInfo {
  let best = feasible[0] as NodeInfo;
  let bestScore = totals[0] ?? 0;
  let ties = 1;
  for (let i = 1; i < feasible.length; i++) {
    const score = totals[i] ?? 0;
    if (score > bestScore) {
      best = feasible[i] as NodeInfo;
      bestScore = score;
      ties = 1;
    } else if (score === bestScore) {
      ties++;
      if (randomInt(ties) === 0) best = feasible[i] as NodeInfo;
    }
  }
  return best;
}
