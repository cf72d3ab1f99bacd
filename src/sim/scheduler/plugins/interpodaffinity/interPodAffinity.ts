/**
 * InterPodAffinity: required pod affinity (the node's domain must already hold a matching pod,
 * unless no pod matches anywhere and the pod matches its own terms), required anti-affinity (no
 * matching pod in the domain), and existing pods' anti-affinity against the incoming pod. Scores
 * sum preferred term weights (and existing pods' hard affinity at hardPodAffinityWeight) per
 * topology domain, normalized min–max to 0–100. Mirrors plugins/interpodaffinity/{filtering,
 * scoring}.go.
 */
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
import { podMatchesTerm, type AffinityTerm, type PodInfo } from '../../framework/podInfo.ts';
import type { DomainCount } from '../../framework/topologyIndex.ts';
import { InterPodAffinity } from '../names.ts';

export const ErrReasonExistingAntiAffinityRulesNotMatch =
  "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

export interface InterPodAffinityArgs {
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

/** `key\u0000value` → count (topologyToMatchedTermCount). */
type TopologyCounts = Map<string, number>;

type NamespaceLabels = (n: string) => Readonly<Record<string, string>> | undefined;

interface FilterState {
  readonly ns: NamespaceLabels;
  readonly existingPairs: readonly (readonly [string, string])[];
  readonly existingAntiAffinity: TopologyCounts;
  readonly affinity: TopologyCounts;
  readonly antiAffinity: TopologyCounts;
}

/**
 * The topology score as a list of (weight, topology key, per-value counts) contributions, summed
 * per node in Score: the same Σ upstream accumulates into its topologyScore map, without copying
 * every domain's count in PreScore.
 */
interface Contribution {
  readonly weight: number;
  readonly topologyKey: string;
  readonly counts: Counts;
}

/** Pods per topology value: a Map, or a live view of the cache's topology index. */
interface Counts extends Iterable<[string, number]> {
  get(value: string): number | undefined;
  readonly size: number;
}
type ScoreMap = Contribution[];

const PREFILTER_KEY = 'PreFilter' + InterPodAffinity;
const PRESCORE_KEY = 'PreScore' + InterPodAffinity;
const pair = (key: string, value: string): string => `${key}\u0000${value}`;

function bump(counts: TopologyCounts, key: string, value: string, by: number): void {
  const k = pair(key, value);
  const next = (counts.get(k) ?? 0) + by;
  if (next === 0) counts.delete(k);
  else counts.set(k, next);
}

function nsLabelsOf(snapshot: SchedulingSnapshot) {
  return (namespace: string) => snapshot.namespaceLabels(namespace);
}

function matchesAll(pod: PodInfo, terms: readonly AffinityTerm[], ns: NamespaceLabels): boolean {
  if (terms.length === 0) return false;
  return terms.every((t) => podMatchesTerm(pod, t, ns));
}

/**
 * Counts of existing pods matching one of the incoming pod's terms, per topology value. Uses the
 * cache's incremental index when the term names just the pod's namespace; otherwise walks pods.
 */
function termCounts(pod: PodInfo, term: AffinityTerm, snapshot: SchedulingSnapshot): Counts {
  const out = new Map<string, number>();
  if (term.selector === undefined) return out;
  if (term.namespaceSelector === undefined && term.namespaces.size === 1) {
    const [namespace] = term.namespaces;
    const domains = snapshot.topologyDomains(
      namespace ?? pod.namespace,
      term.selector,
      selectorKeyOf(term),
      term.topologyKey,
      true,
    );
    return podCounts(domains);
  }
  const ns = nsLabelsOf(snapshot);
  for (const info of snapshot.nodeInfos) {
    const value = info.labels[term.topologyKey];
    if (value === undefined) continue;
    for (const existing of info.pods.values())
      if (podMatchesTerm(existing, term, ns)) out.set(value, (out.get(value) ?? 0) + 1);
  }
  return out;
}

/** A live view of the index's pod counts (no copy): get(value) → pods, size → domains. */
function podCounts(domains: ReadonlyMap<string, DomainCount>): Counts {
  return {
    get: (value: string) => domains.get(value)?.pods,
    get size() {
      return domains.size;
    },
    *[Symbol.iterator]() {
      for (const [value, d] of domains) if (d.pods > 0) yield [value, d.pods] as [string, number];
    },
  };
}

const selectorKeys = new WeakMap<AffinityTerm, string>();
function selectorKeyOf(term: AffinityTerm): string {
  let key = selectorKeys.get(term);
  if (key === undefined) {
    key = JSON.stringify(term.selector ?? null);
    selectorKeys.set(term, key);
  }
  return key;
}

function computeFilterState(pod: PodInfo, snapshot: SchedulingSnapshot): FilterState {
  const ns = nsLabelsOf(snapshot);
  const existingAntiAffinity: TopologyCounts = new Map();
  const affinity: TopologyCounts = new Map();
  const antiAffinity: TopologyCounts = new Map();
  for (const entry of snapshot.affinityTerms(pod)) {
    if (entry.kind !== 'requiredAntiAffinity' || !podMatchesTerm(pod, entry.term, ns)) continue;
    for (const [value, count] of entry.counts)
      bump(existingAntiAffinity, entry.term.topologyKey, value, count);
  }
  const terms = pod.requiredAffinityTerms;
  if (terms.length === 1) {
    const term = terms[0] as AffinityTerm;
    for (const [value, count] of termCounts(pod, term, snapshot))
      bump(affinity, term.topologyKey, value, count);
  } else if (terms.length > 1) {
    // A pod counts only if it matches every term (updateWithAffinityTerms).
    for (const info of snapshot.nodeInfos) {
      for (const existing of info.pods.values()) {
        if (!matchesAll(existing, terms, ns)) continue;
        for (const term of terms) {
          const value = info.labels[term.topologyKey];
          if (value !== undefined) bump(affinity, term.topologyKey, value, 1);
        }
      }
    }
  }
  for (const term of pod.requiredAntiAffinityTerms)
    for (const [value, count] of termCounts(pod, term, snapshot))
      bump(antiAffinity, term.topologyKey, value, count);
  const existingPairs: [string, string][] = [];
  for (const [k, count] of existingAntiAffinity) {
    if (count <= 0) continue;
    const at = k.indexOf('\u0000');
    existingPairs.push([k.slice(0, at), k.slice(at + 1)]);
  }
  return { ns, existingPairs, existingAntiAffinity, affinity, antiAffinity };
}

function satisfyPodAffinity(s: FilterState, pod: PodInfo, info: NodeInfo): boolean {
  let podsExist = true;
  for (const term of pod.requiredAffinityTerms) {
    const value = info.labels[term.topologyKey];
    if (value === undefined) return false;
    if ((s.affinity.get(pair(term.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group that has affinity to itself may go anywhere with the topology keys.
  return s.affinity.size === 0 && matchesAll(pod, pod.requiredAffinityTerms, s.ns);
}

function satisfyPodAntiAffinity(s: FilterState, pod: PodInfo, info: NodeInfo): boolean {
  if (s.antiAffinity.size === 0) return true;
  for (const term of pod.requiredAntiAffinityTerms) {
    const value = info.labels[term.topologyKey];
    if (value !== undefined && (s.antiAffinity.get(pair(term.topologyKey, value)) ?? 0) > 0)
      return false;
  }
  return true;
}

function satisfyExistingPodsAntiAffinity(s: FilterState, info: NodeInfo): boolean {
  // Every (key, value) with a positive count; the node fails if it carries any of them.
  for (const [key, value] of s.existingPairs) if (info.labels[key] === value) return false;
  return true;
}

function computeScores(
  pod: PodInfo,
  snapshot: SchedulingSnapshot,
  hardPodAffinityWeight: number,
  existingPreferred: boolean,
): ScoreMap {
  const ns = nsLabelsOf(snapshot);
  const scores: ScoreMap = [];
  const add = (weight: number, topologyKey: string, counts: Counts): void => {
    if (weight !== 0 && counts.size > 0) scores.push({ weight, topologyKey, counts });
  };
  for (const term of pod.preferredAffinityTerms)
    add(term.weight, term.topologyKey, termCounts(pod, term, snapshot));
  for (const term of pod.preferredAntiAffinityTerms)
    add(-term.weight, term.topologyKey, termCounts(pod, term, snapshot));
  for (const entry of snapshot.affinityTerms(pod)) {
    let weight: number;
    if (entry.kind === 'requiredAffinity') weight = hardPodAffinityWeight;
    else if (entry.kind === 'preferredAffinity' && existingPreferred) weight = entry.weight;
    else if (entry.kind === 'preferredAntiAffinity' && existingPreferred) weight = -entry.weight;
    else continue;
    if (weight === 0 || !podMatchesTerm(pod, entry.term, ns)) continue;
    add(weight, entry.term.topologyKey, entry.counts);
  }
  return scores;
}

export function createInterPodAffinity(
  args: InterPodAffinityArgs = {
    hardPodAffinityWeight: 1,
    ignorePreferredTermsOfExistingPods: false,
  },
): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  return {
    name: InterPodAffinity,
    preFilter(state, pod, snapshot) {
      const s = computeFilterState(pod, snapshot);
      if (
        s.existingAntiAffinity.size === 0 &&
        pod.requiredAffinityTerms.length === 0 &&
        pod.requiredAntiAffinityTerms.length === 0
      )
        return SKIP;
      state.write(PREFILTER_KEY, s);
      return SUCCESS;
    },
    filter(state, pod, nodeInfo) {
      const s = state.read<FilterState>(PREFILTER_KEY);
      if (!s) return SUCCESS;
      if (!satisfyPodAffinity(s, pod, nodeInfo))
        return unresolvable(ErrReasonAffinityRulesNotMatch);
      if (!satisfyPodAntiAffinity(s, pod, nodeInfo))
        return unschedulable(ErrReasonAntiAffinityRulesNotMatch);
      if (!satisfyExistingPodsAntiAffinity(s, nodeInfo))
        return unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);
      return SUCCESS;
    },
    preScore(state, pod, nodes, snapshot) {
      if (nodes.length === 0) return SKIP;
      const hasConstraints =
        pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
      if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return SKIP;
      const scores = computeScores(
        pod,
        snapshot,
        args.hardPodAffinityWeight,
        !args.ignorePreferredTermsOfExistingPods,
      );
      if (scores.length === 0) return SKIP;
      state.write(PRESCORE_KEY, scores);
      return SUCCESS;
    },
    score(state, _pod, nodeInfo) {
      const scores = state.read<ScoreMap>(PRESCORE_KEY);
      if (!scores) return 0;
      let score = 0;
      for (const c of scores) {
        const value = nodeInfo.labels[c.topologyKey];
        if (value !== undefined) score += c.weight * (c.counts.get(value) ?? 0);
      }
      return score;
    },
    normalizeScores(_state, _pod, scores, count) {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < count; i++) {
        const s = scores[i] ?? 0;
        if (s > max) max = s;
        if (s < min) min = s;
      }
      const diff = max - min;
      for (let i = 0; i < count; i++)
        scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * (((scores[i] ?? 0) - min) / diff)) : 0;
    },
  };
}

export const interPodAffinity = createInterPodAffinity();
