/**
 * The scheduling framework's extension points (pkg/scheduler/framework/interface.go), in the
 * shapes Kubeplay's plugins implement.
 */
import type { Node, Pod } from '../../api/types/index.ts';
import type { NodeInfo } from './nodeInfo.ts';

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error' | 'Skip';

export interface Status {
  readonly code: Code;
  /** Reasons in the plugin's upstream wording (ErrReason… constants). */
  readonly reasons: readonly string[];
}

export const SUCCESS: Status = { code: 'Success', reasons: [] };
export const SKIP: Status = { code: 'Skip', reasons: [] };

export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
export const unresolvable = (...reasons: string[]): Status => ({
  code: 'UnschedulableAndUnresolvable',
  reasons,
});

/** Data computed once per cycle and shared between extension points of one plugin. */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }
}

/** What plugins may read besides the pod and node being considered. */
export interface SchedulingSnapshot {
  readonly nodeInfos: readonly NodeInfo[];
  nodeInfo(name: string): NodeInfo | undefined;
}

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, snapshot: SchedulingSnapshot): Status;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status;
}

export interface PreScorePlugin extends Plugin {
  preScore(
    state: CycleState,
    pod: Pod,
    nodes: readonly NodeInfo[],
    snapshot: SchedulingSnapshot,
  ): Status;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number;
  /** Rescales raw scores to 0–100 in place (NormalizeScore). */
  normalizeScores?(state: CycleState, pod: Pod, scores: Map<string, number>): void;
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

export type { Node, Pod };
