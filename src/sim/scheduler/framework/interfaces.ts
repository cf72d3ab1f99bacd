/**
 * The scheduling framework's extension points (pkg/scheduler/framework/interface.go), in the
 * shapes Kubeplay's plugins implement. Plugins receive a PodInfo (requests and affinity terms
 * parsed once per cycle) rather than the raw Pod, as upstream plugins receive framework.PodInfo.
 */
import type { KubeObject } from '../../api/types/index.ts';
import type { Selector } from '../../api/labels.ts';
import type { NodeInfo } from './nodeInfo.ts';
import type { DomainCount } from './topologyIndex.ts';
import type { IndexedTerm } from './affinityIndex.ts';
import type { PodInfo } from './podInfo.ts';

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error' | 'Skip';

export interface Status {
  readonly code: Code;
  /** Reasons in the plugin's upstream wording (ErrReason… constants). */
  readonly reasons: readonly string[];
}

export const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: [] });
export const SKIP: Status = Object.freeze({ code: 'Skip', reasons: [] });

export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
export const unresolvable = (...reasons: string[]): Status => ({
  code: 'UnschedulableAndUnresolvable',
  reasons,
});

export const isSuccess = (status: Status): boolean =>
  status.code === 'Success' || status.code === 'Skip';

/** Data computed once per cycle and shared between extension points of one plugin. */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter / PreScore returned Skip in this cycle. */
  readonly skipFilter = new Set<string>();
  readonly skipScore = new Set<string>();
  /** PreFilterResult: the only nodes worth evaluating, and the plugins that narrowed them. */
  nodeNames: ReadonlySet<string> | undefined;
  readonly narrowedBy: string[] = [];

  restrictNodes(plugin: string, names: ReadonlySet<string>): void {
    this.narrowedBy.push(plugin);
    const current = this.nodeNames;
    this.nodeNames = current ? new Set([...names].filter((n) => current.has(n))) : names;
  }
  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }
}

/** Read access to the API objects plugins consult (the scheduler's informer listers). */
export interface ObjectLister {
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
  list(resource: string, namespace?: string): Iterable<KubeObject>;
}

/** What plugins may read besides the pod and node being considered (SharedLister). */
export interface SchedulingSnapshot {
  readonly nodeInfos: readonly NodeInfo[];
  nodeInfo(name: string): NodeInfo | undefined;
  /** How many nodes report an image under this name (ImageStateSummary.NumNodes). */
  imageNodeCount(name: string): number;
  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined;
  /**
   * Pods matching `selector` in `namespace`, per value of `topologyKey` (nodes with the key);
   * terminating pods count only when asked (inter-pod affinity counts them, spreading does not).
   */
  topologyDomains(
    namespace: string,
    selector: Selector,
    selectorKey: string,
    topologyKey: string,
    includeTerminating?: boolean,
  ): ReadonlyMap<string, DomainCount>;
  /** Existing pods' affinity terms, grouped, with per-domain counts (see affinityIndex.ts). */
  /** Existing pods' affinity terms `pod` might match (a superset), with per-domain counts. */
  affinityTerms(pod: PodInfo): Iterable<IndexedTerm>;
  readonly lister: ObjectLister;
}

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  /** May return Skip: the plugin's Filter is then not run in this cycle. */
  preFilter(state: CycleState, pod: PodInfo, snapshot: SchedulingSnapshot): Status;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status;
}

export interface PreScorePlugin extends Plugin {
  /** May return Skip: the plugin's Score is then not run in this cycle. */
  preScore(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    snapshot: SchedulingSnapshot,
  ): Status;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number;
  /** Rescales the first `count` raw scores (same order as the nodes) to 0–100 in place. */
  normalizeScores?(state: CycleState, pod: PodInfo, scores: Float64Array, count: number): void;
}

/** Writes the binding needs before the pod is bound (VolumeBinding's PreBind). */
export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: PodInfo, nodeName: string, writer: PreBindWriter): Status;
}

export interface PreBindWriter {
  mutate(
    resource: string,
    namespace: string,
    name: string,
    mutate: (draft: KubeObject) => void,
  ): void;
}

export const MAX_NODE_SCORE = 100;

export function isFilterPlugin(p: Plugin): p is FilterPlugin {
  return typeof (p as Partial<FilterPlugin>).filter === 'function';
}
export function isPreFilterPlugin(p: Plugin): p is PreFilterPlugin {
  return typeof (p as Partial<PreFilterPlugin>).preFilter === 'function';
}
export function isScorePlugin(p: Plugin): p is ScorePlugin {
  return typeof (p as Partial<ScorePlugin>).score === 'function';
}
export function isPreScorePlugin(p: Plugin): p is PreScorePlugin {
  return typeof (p as Partial<PreScorePlugin>).preScore === 'function';
}
export function isPreBindPlugin(p: Plugin): p is PreBindPlugin {
  return typeof (p as Partial<PreBindPlugin>).preBind === 'function';
}

/** DefaultNormalizeScore (plugins/helper/normalize_score.go): scale to 0–100 by the maximum. */
export function defaultNormalizeScore(scores: Float64Array, count: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < count; i++) if ((scores[i] ?? 0) > max) max = scores[i] ?? 0;
  if (max === 0) {
    if (reverse) for (let i = 0; i < count; i++) scores[i] = MAX_NODE_SCORE;
    return;
  }
  for (let i = 0; i < count; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * (scores[i] ?? 0)) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
