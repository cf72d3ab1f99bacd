/**
 * PodTopologySpread: spreads matching pods across topology domains. DoNotSchedule constraints
 * filter (skew = matching pods in the node's domain + self − the global minimum must stay within
 * maxSkew); ScheduleAnyway constraints score. Pods without constraints get the cluster defaults
 * (maxSkew 3 on kubernetes.io/hostname, 5 on topology.kubernetes.io/zone, ScheduleAnyway) with a
 * selector built from the Services, ReplicaSet, StatefulSet or ReplicationController that own or
 * select the pod. Mirrors plugins/podtopologyspread/{common,filtering,scoring}.go and
 * plugins/helper/spread.go DefaultSelector.
 */
import { nodeMatchesRequiredAffinity } from '../../../api/helpers/nodeAffinity.ts';
import { fromLabelSelector, matchesSelector, type Selector } from '../../../api/labels.ts';
import type { LabelSelector, PodSpec } from '../../../api/types/index.ts';
import {
  MAX_NODE_SCORE,
  SKIP,
  SUCCESS,
  unresolvable,
  unschedulable,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type SchedulingSnapshot,
  type ScorePlugin,
} from '../../framework/interfaces.ts';
import type { NodeInfo } from '../../framework/nodeInfo.ts';
import type { PodInfo } from '../../framework/podInfo.ts';
import type { DomainCount } from '../../framework/topologyIndex.ts';
import { PodTopologySpread } from '../names.ts';

export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = `${ErrReasonConstraintsNotMatch} (missing required label)`;

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

type Constraint = NonNullable<PodSpec['topologySpreadConstraints']>[number];

export interface DefaultConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
}

/** The cluster's default soft spreading (systemDefaultConstraints in podtopologyspread/plugin.go). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly DefaultConstraint[] = [
  { maxSkew: 3, topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway' },
  { maxSkew: 5, topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway' },
];

export interface PodTopologySpreadArgs {
  /** 'System' uses the defaults above; 'List' uses `defaultConstraints`. */
  readonly defaultingType: 'System' | 'List';
  readonly defaultConstraints?: readonly DefaultConstraint[];
}

interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: Selector;
  readonly selectorKey: string;
  /** Per-node cache key for this constraint's matching-pod count. */
  readonly countKey: string;
  readonly minDomains: number;
  readonly honorNodeAffinity: boolean;
}

interface FilterState {
  readonly constraints: readonly SpreadConstraint[];
  readonly counts: readonly Map<string, number>[];
  readonly minMatch: readonly number[];
}

interface ScoreState {
  readonly constraints: readonly SpreadConstraint[];
  readonly ignored: ReadonlySet<NodeInfo>;
  readonly counts: readonly Map<string, number>[];
  readonly weights: readonly number[];
  readonly namespace: string;
  /** Per hostname constraint: matching pods by node name, from the cache's topology index. */
  readonly perNode: readonly (ReadonlyMap<string, DomainCount> | undefined)[];
}

const PREFILTER_KEY = 'PreFilter' + PodTopologySpread;
const PRESCORE_KEY = 'PreScore' + PodTopologySpread;

function build(
  pod: PodInfo,
  c: {
    maxSkew: number;
    topologyKey: string;
    labelSelector?: LabelSelector;
    minDomains?: number;
    matchLabelKeys?: string[];
    nodeAffinityPolicy?: string;
  },
  selector?: Selector,
): SpreadConstraint {
  let parsed = selector ?? fromLabelSelector(c.labelSelector) ?? [];
  const extra = (c.matchLabelKeys ?? [])
    .filter((k) => pod.labels[k] !== undefined)
    .map((k) => ({ key: k, operator: 'In' as const, values: [pod.labels[k] ?? ''] }));
  if (extra.length > 0) parsed = [...parsed, ...extra];
  const selectorKey = JSON.stringify(parsed);
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector: parsed,
    selectorKey,
    countKey: `pts\u0000${pod.namespace}\u0000${selectorKey}`,
    minDomains: c.minDomains ?? 1,
    honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
  };
}

/** helper.DefaultSelector: Services selecting the pod, plus its controller's selector. */
export function defaultSelector(pod: PodInfo, snapshot: SchedulingSnapshot): Selector {
  const labels: Record<string, string> = {};
  for (const svc of snapshot.lister.list('services', pod.namespace)) {
    const sel = (svc.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (Object.entries(sel).every(([k, v]) => pod.labels[k] === v)) Object.assign(labels, sel);
  }
  let selector: Selector = Object.entries(labels).map(([key, value]) => ({
    key,
    operator: 'In' as const,
    values: [value],
  }));
  const owner = (pod.pod.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  if (!owner) return selector;
  const resource =
    owner.kind === 'ReplicaSet' && owner.apiVersion === 'apps/v1'
      ? 'replicasets.apps'
      : owner.kind === 'StatefulSet' && owner.apiVersion === 'apps/v1'
        ? 'statefulsets.apps'
        : owner.kind === 'ReplicationController' && owner.apiVersion === 'v1'
          ? 'replicationcontrollers'
          : undefined;
  if (!resource) return selector;
  const obj = snapshot.lister.get(resource, pod.namespace, owner.name);
  if (!obj) return selector;
  const spec = obj.spec as { selector?: LabelSelector | Record<string, string> } | undefined;
  if (resource === 'replicationcontrollers') {
    const rcSel = (spec?.selector ?? {}) as Record<string, string>;
    Object.assign(labels, rcSel);
    return Object.entries(labels).map(([key, value]) => ({
      key,
      operator: 'In' as const,
      values: [value],
    }));
  }
  const other = fromLabelSelector(spec?.selector);
  if (other) selector = [...selector, ...other];
  return selector;
}

function constraintsFor(
  pod: PodInfo,
  snapshot: SchedulingSnapshot,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
  args: PodTopologySpreadArgs,
): SpreadConstraint[] {
  const own = pod.pod.spec?.topologySpreadConstraints ?? [];
  if (own.length > 0)
    return own.filter((c: Constraint) => c.whenUnsatisfiable === action).map((c) => build(pod, c));
  const defaults =
    args.defaultingType === 'System' ? SYSTEM_DEFAULT_CONSTRAINTS : (args.defaultConstraints ?? []);
  const wanted = defaults.filter((c) => c.whenUnsatisfiable === action);
  if (wanted.length === 0) return [];
  const selector = defaultSelector(pod, snapshot);
  if (selector.length === 0) return [];
  return wanted.map((c) => build(pod, c, selector));
}

function hasAllKeys(info: NodeInfo, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (info.labels[c.topologyKey] === undefined) return false;
  return true;
}

function hasRequiredNodeAffinity(pod: PodInfo): boolean {
  const spec = pod.pod.spec;
  return (
    Object.keys(spec?.nodeSelector ?? {}).length > 0 ||
    spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined
  );
}

/**
 * Matching pods per domain of each constraint, over nodes that pass the inclusion policy and
 * carry every key (when `requireAll`). Uses the incremental index when the answer is the same.
 */
function countDomains(
  pod: PodInfo,
  snapshot: SchedulingSnapshot,
  constraints: readonly SpreadConstraint[],
  requireAll: boolean,
  skipHostname: boolean,
): Map<string, number>[] {
  const affinity = hasRequiredNodeAffinity(pod);
  const indexable = !affinity && (!requireAll || constraints.length === 1);
  if (indexable) {
    return constraints.map((c) => {
      if (skipHostname && c.topologyKey === LABEL_HOSTNAME) return new Map<string, number>();
      const domains: ReadonlyMap<string, DomainCount> = snapshot.topologyDomains(
        pod.namespace,
        c.selector,
        c.selectorKey,
        c.topologyKey,
      );
      const out = new Map<string, number>();
      for (const [value, d] of domains) out.set(value, d.pods);
      return out;
    });
  }
  const counts = constraints.map(() => new Map<string, number>());
  for (const info of snapshot.nodeInfos) {
    if (requireAll && !hasAllKeys(info, constraints)) continue;
    constraints.forEach((c, i) => {
      if (skipHostname && c.topologyKey === LABEL_HOSTNAME) return;
      const value = info.labels[c.topologyKey];
      if (value === undefined) return;
      if (c.honorNodeAffinity && affinity && !nodeMatchesRequiredAffinity(pod.pod, info.node))
        return;
      const map = counts[i] as Map<string, number>;
      map.set(value, (map.get(value) ?? 0) + countOnNode(info, pod.namespace, c));
    });
  }
  return counts;
}

function countOnNode(info: NodeInfo, namespace: string, c: SpreadConstraint): number {
  return info.countMatching(c.countKey, namespace, c.selector);
}

export function createPodTopologySpread(
  args: PodTopologySpreadArgs = { defaultingType: 'System' },
): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const systemDefaulted = args.defaultingType === 'System';
  return {
    name: PodTopologySpread,
    preFilter(state, pod, snapshot) {
      const constraints = constraintsFor(pod, snapshot, 'DoNotSchedule', args);
      if (constraints.length === 0) return SKIP;
      const counts = countDomains(pod, snapshot, constraints, true, false);
      const minMatch = constraints.map((c, i) => {
        const map = counts[i] as Map<string, number>;
        if (map.size < c.minDomains) return 0;
        let min = Number.POSITIVE_INFINITY;
        for (const v of map.values()) if (v < min) min = v;
        return min === Number.POSITIVE_INFINITY ? 0 : min;
      });
      const value: FilterState = { constraints, counts, minMatch };
      state.write(PREFILTER_KEY, value);
      return SUCCESS;
    },
    filter(state, pod, nodeInfo) {
      const s = state.read<FilterState>(PREFILTER_KEY);
      if (!s) return SUCCESS;
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i] as SpreadConstraint;
        const value = nodeInfo.labels[c.topologyKey];
        if (value === undefined) return unresolvable(ErrReasonNodeLabelNotMatch);
        const self = matchesSelector(pod.labels, c.selector) ? 1 : 0;
        const matchNum = s.counts[i]?.get(value) ?? 0;
        const skew = matchNum + self - (s.minMatch[i] ?? 0);
        if (skew > c.maxSkew) return unschedulable(ErrReasonConstraintsNotMatch);
      }
      return SUCCESS;
    },
    preScore(state, pod, filtered, snapshot) {
      if (snapshot.nodeInfos.length === 0) return SKIP;
      const constraints = constraintsFor(pod, snapshot, 'ScheduleAnyway', args);
      if (constraints.length === 0) return SKIP;
      const requireAll =
        (pod.pod.spec?.topologySpreadConstraints ?? []).length > 0 || !systemDefaulted;
      const ignored = new Set<NodeInfo>();
      const domains = constraints.map(() => new Set<string>());
      for (const info of filtered) {
        if (requireAll && !hasAllKeys(info, constraints)) {
          ignored.add(info);
          continue;
        }
        constraints.forEach((c, i) => {
          if (c.topologyKey !== LABEL_HOSTNAME) domains[i]?.add(info.labels[c.topologyKey] ?? '');
        });
      }
      const weights = constraints.map((c, i) =>
        Math.log(
          (c.topologyKey === LABEL_HOSTNAME
            ? filtered.length - ignored.size
            : (domains[i]?.size ?? 0)) + 2,
        ),
      );
      const all = countDomains(pod, snapshot, constraints, requireAll, true);
      // Only domains that some filtered node belongs to are counted (TopologyValueToPodCounts).
      const counts = all.map((map, i) => {
        const out = new Map<string, number>();
        for (const value of domains[i] ?? []) out.set(value, map.get(value) ?? 0);
        return out;
      });
      const perNode = constraints.map((c) =>
        c.topologyKey === LABEL_HOSTNAME
          ? snapshot.topologyDomains(pod.namespace, c.selector, c.selectorKey, LABEL_HOSTNAME)
          : undefined,
      );
      const value: ScoreState = {
        constraints,
        ignored,
        counts,
        weights,
        namespace: pod.namespace,
        perNode,
      };
      state.write(PRESCORE_KEY, value);
      return SUCCESS;
    },
    score(state, _pod, nodeInfo) {
      const s = state.read<ScoreState>(PRESCORE_KEY);
      if (!s || s.ignored.has(nodeInfo)) return -1;
      let score = 0;
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i] as SpreadConstraint;
        const value = nodeInfo.labels[c.topologyKey];
        if (value === undefined) continue;
        const count =
          c.topologyKey === LABEL_HOSTNAME
            ? (s.perNode[i]?.get(value)?.pods ?? countOnNode(nodeInfo, s.namespace, c))
            : (s.counts[i]?.get(value) ?? 0);
        // scoreForCount: count × log(domains + 2) + (maxSkew − 1)
        score += count * (s.weights[i] ?? 0) + (c.maxSkew - 1);
      }
      return Math.round(score);
    },
    normalizeScores(_state, _pod, scores, count) {
      // Ignored nodes were scored −1 (invalidScore) and end at 0.
      let min = Number.POSITIVE_INFINITY;
      let max = 0;
      for (let i = 0; i < count; i++) {
        const s = scores[i] ?? 0;
        if (s < 0) continue;
        if (s < min) min = s;
        if (s > max) max = s;
      }
      for (let i = 0; i < count; i++) {
        const s = scores[i] ?? 0;
        if (s < 0) scores[i] = 0;
        else if (max === 0) scores[i] = MAX_NODE_SCORE;
        else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max);
      }
    },
  };
}

export const podTopologySpread = createPodTopologySpread();
