/**
 * What each scheduling attempt decided and why, kept outside the API objects (kube-scheduler-
 * simulator hit the 256 KiB annotation limit storing this on pods): for every node evaluated, the
 * filter that rejected it, or its per-plugin scores (raw, normalized, weighted) and total.
 * Per-node detail is stored compactly (typed arrays) and expanded on read; a global budget keeps
 * memory bounded in big clusters by dropping the detail of the oldest attempts first (their
 * summary stays). Each pod keeps its last few attempts.
 */
export interface PluginScore {
  readonly plugin: string;
  readonly raw: number;
  readonly normalized: number;
  readonly weight: number;
  readonly weighted: number;
}

export interface Rejection {
  readonly plugin: string;
  readonly reasons: readonly string[];
  readonly code: string;
}

export interface NodeVerdict {
  readonly node: string;
  /** The first filter that failed on this node, with its reasons; absent when the node fit. */
  readonly rejectedBy?: Rejection;
  /** Present when the node passed every filter and scoring ran. */
  readonly scores?: readonly PluginScore[];
  readonly total?: number;
}

export interface PreemptionRecord {
  readonly nominatedNode: string;
  readonly victims: readonly string[];
}

export interface SchedulingAttempt {
  readonly podKey: string;
  readonly podUid: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Virtual time of the attempt (ms since the epoch). */
  readonly timeMs: number;
  /** Nodes in the cluster, and how many were evaluated (percentageOfNodesToScore). */
  readonly totalNodes: number;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  readonly chosenNode?: string;
  /** The FailedScheduling message when no node fit. */
  readonly message?: string;
  /** The PreFilter plugin that rejected the pod before any node was looked at. */
  readonly preFilterRejection?: Rejection;
  readonly preemption?: PreemptionRecord;
  /** Per-node verdicts in evaluation order; empty if the detail was dropped (see detailDropped). */
  readonly nodes: readonly NodeVerdict[];
  readonly detailDropped: boolean;
}

/** The compact per-node detail of one attempt, expanded into NodeVerdicts only when read. */
export interface AttemptDetail {
  /** Evaluated nodes, in evaluation order (anything with a name). */
  readonly nodes: readonly { readonly name: string }[];
  /** Per evaluated node: the failing plugin and status, or undefined if it passed. */
  readonly failures: readonly (
    | {
        readonly plugin: string;
        readonly status: { readonly code: string; readonly reasons: readonly string[] };
      }
    | undefined
  )[];
  /** Score plugins (name and weight) in the order their columns appear. */
  readonly scorePlugins: readonly { readonly name: string; readonly weight: number }[];
  /** raw[p × feasible + f], then normalized at offset scorePlugins × feasible. */
  readonly scores: Float32Array;
  /** Plugins that skipped scoring (PreScore returned Skip) get no entry in `scores`. */
  readonly skipped: ReadonlySet<string>;
}

export interface AttemptSummary extends Omit<SchedulingAttempt, 'nodes' | 'detailDropped'> {
  detail: AttemptDetail | undefined;
}

const PER_POD_HISTORY = 5;
/** Node entries kept with full detail across all attempts (≈ 30 MB at most). */
const DETAIL_BUDGET_NODE_ENTRIES = 400_000;

function expand(detail: AttemptDetail): NodeVerdict[] {
  const p = detail.scorePlugins.length;
  const feasibleCount = p === 0 ? 0 : detail.scores.length / (2 * p);
  let f = -1;
  return detail.nodes.map(({ name: node }, i) => {
    const failure = detail.failures[i];
    if (failure) {
      const { code, reasons } = failure.status;
      return { node, rejectedBy: { plugin: failure.plugin, reasons, code } };
    }
    f++;
    if (feasibleCount === 0) return { node };
    const scores: PluginScore[] = [];
    let total = 0;
    detail.scorePlugins.forEach(({ name, weight }, j) => {
      if (detail.skipped.has(name)) return;
      const normalized = detail.scores[(p + j) * feasibleCount + f] ?? 0;
      scores.push({
        plugin: name,
        raw: detail.scores[j * feasibleCount + f] ?? 0,
        normalized,
        weight,
        weighted: normalized * weight,
      });
      total += normalized * weight;
    });
    return { node, scores, total };
  });
}

function toAttempt(summary: AttemptSummary): SchedulingAttempt {
  const { detail, ...rest } = summary;
  let nodes: readonly NodeVerdict[] | undefined;
  return {
    ...rest,
    detailDropped: detail === undefined && rest.evaluatedNodes > 0,
    get nodes() {
      nodes ??= detail ? expand(detail) : [];
      return nodes;
    },
  };
}

export class SchedulingRecords {
  private readonly byPod = new Map<string, AttemptSummary[]>();
  private readonly withDetail: AttemptSummary[] = [];
  private detailHead = 0;
  private detailEntries = 0;
  private listener: ((attempt: SchedulingAttempt) => void) | undefined;

  add(summary: AttemptSummary): void {
    const list = this.byPod.get(summary.podUid) ?? [];
    list.push(summary);
    if (list.length > PER_POD_HISTORY) {
      const dropped = list.shift();
      if (dropped?.detail) {
        this.detailEntries -= dropped.detail.nodes.length;
        dropped.detail = undefined;
      }
    }
    this.byPod.set(summary.podUid, list);
    if (summary.detail) {
      this.withDetail.push(summary);
      this.detailEntries += summary.detail.nodes.length;
      this.enforceBudget();
    }
    if (this.listener) this.listener(toAttempt(summary));
  }

  /** Called with every new attempt (the sim's `decision` stream). */
  onAttempt(listener: ((attempt: SchedulingAttempt) => void) | undefined): void {
    this.listener = listener;
  }

  forPod(uid: string): readonly SchedulingAttempt[] {
    return (this.byPod.get(uid) ?? []).map(toAttempt);
  }

  latest(uid: string): SchedulingAttempt | undefined {
    const list = this.byPod.get(uid);
    const last = list?.[list.length - 1];
    return last ? toAttempt(last) : undefined;
  }

  forget(uid: string): void {
    const list = this.byPod.get(uid);
    for (const s of list ?? []) {
      if (s.detail) this.detailEntries -= s.detail.nodes.length;
      s.detail = undefined;
    }
    this.byPod.delete(uid);
  }

  get size(): number {
    return this.byPod.size;
  }

  private enforceBudget(): void {
    while (
      this.detailEntries > DETAIL_BUDGET_NODE_ENTRIES &&
      this.detailHead < this.withDetail.length
    ) {
      const oldest = this.withDetail[this.detailHead++];
      if (oldest?.detail) {
        this.detailEntries -= oldest.detail.nodes.length;
        oldest.detail = undefined;
      }
    }
    if (this.detailHead > 4096 && this.detailHead * 2 > this.withDetail.length) {
      this.withDetail.splice(0, this.detailHead);
      this.detailHead = 0;
    }
  }
}
