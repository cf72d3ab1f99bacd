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
import {
  podMatchesTerm,
  type AffinityTerm,
  type PodInfo,
  type WeightedAffinityTerm,
} from '../../framework/podInfo.ts';
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
  readonly existingAntiAffinity: TopologyCounts;
  readonly affinity: TopologyCounts;
  readonly antiAffinity: TopologyCounts;
}

type ScoreMap = Map<string, Map<string, number>>;

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

function computeFilterState(pod: PodInfo, snapshot: SchedulingSnapshot): FilterState {
  const ns = nsLabelsOf(snapshot);
  const existingAntiAffinity: TopologyCounts = new Map();
  const affinity: TopologyCounts = new Map();
  const antiAffinity: TopologyCounts = new Map();
  const needIncoming =
    pod.requiredAffinityTerms.length > 0 || pod.requiredAntiAffinityTerms.length > 0;
  for (const info of snapshot.nodeInfos) {
    const labels = info.labels;
    for (const existing of info.podsWithRequiredAntiAffinity) {
      for (const term of existing.requiredAntiAffinityTerms) {
        const value = labels[term.topologyKey];
        if (value !== undefined && podMatchesTerm(pod, term, ns))
          bump(existingAntiAffinity, term.topologyKey, value, 1);
      }
    }
    if (!needIncoming) continue;
    for (const existing of info.pods.values()) {
      if (matchesAll(existing, pod.requiredAffinityTerms, ns)) {
        for (const term of pod.requiredAffinityTerms) {
          const value = labels[term.topologyKey];
          if (value !== undefined) bump(affinity, term.topologyKey, value, 1);
        }
      }
      for (const term of pod.requiredAntiAffinityTerms) {
        const value = labels[term.topologyKey];
        if (value !== undefined && podMatchesTerm(existing, term, ns))
          bump(antiAffinity, term.topologyKey, value, 1);
      }
    }
  }
  return { ns, existingAntiAffinity, affinity, antiAffinity };
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
  if (s.existingAntiAffinity.size === 0) return true;
  for (const [key, value] of Object.entries(info.labels))
    if ((s.existingAntiAffinity.get(pair(key, value)) ?? 0) > 0) return false;
  return true;
}

function processTerms(
  scores: ScoreMap,
  terms: readonly WeightedAffinityTerm[] | readonly AffinityTerm[],
  weightOf: (t: AffinityTerm) => number,
  target: PodInfo,
  node: NodeInfo,
  multiplier: number,
  ns: (n: string) => Readonly<Record<string, string>> | undefined,
): void {
  for (const term of terms) {
    if (!podMatchesTerm(target, term, ns)) continue;
    const value = node.labels[term.topologyKey];
    if (value === undefined) continue;
    let m = scores.get(term.topologyKey);
    if (!m) {
      m = new Map();
      scores.set(term.topologyKey, m);
    }
    m.set(value, (m.get(value) ?? 0) + weightOf(term) * multiplier);
  }
}

const weightOfTerm = (t: AffinityTerm): number => (t as WeightedAffinityTerm).weight;

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
      const ns = nsLabelsOf(snapshot);
      const scores: ScoreMap = new Map();
      for (const info of snapshot.nodeInfos) {
        if (!hasConstraints && info.podsWithAffinity.size === 0) continue;
        if (Object.keys(info.labels).length === 0) continue;
        const existingPods = hasConstraints ? info.pods.values() : info.podsWithAffinity.values();
        for (const existing of existingPods) {
          processTerms(scores, pod.preferredAffinityTerms, weightOfTerm, existing, info, 1, ns);
          processTerms(
            scores,
            pod.preferredAntiAffinityTerms,
            weightOfTerm,
            existing,
            info,
            -1,
            ns,
          );
          if (args.hardPodAffinityWeight > 0)
            processTerms(
              scores,
              existing.requiredAffinityTerms,
              () => args.hardPodAffinityWeight,
              pod,
              info,
              1,
              ns,
            );
          processTerms(scores, existing.preferredAffinityTerms, weightOfTerm, pod, info, 1, ns);
          processTerms(
            scores,
            existing.preferredAntiAffinityTerms,
            weightOfTerm,
            pod,
            info,
            -1,
            ns,
          );
        }
      }
      if (scores.size === 0) return SKIP;
      state.write(PRESCORE_KEY, scores);
      return SUCCESS;
    },
    score(state, _pod, nodeInfo) {
      const scores = state.read<ScoreMap>(PRESCORE_KEY);
      if (!scores) return 0;
      let score = 0;
      for (const [key, values] of scores) {
        const value = nodeInfo.labels[key];
        if (value !== undefined) score += values.get(value) ?? 0;
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
