/**
 * NodeAffinity: nodeSelector and required node affinity filter (terms ORed, expressions ANDed);
 * preferred terms add their weights to the score, normalized to 0–100
 * (plugins/nodeaffinity/node_affinity.go).
 */
import { nodeMatchesRequiredAffinity, nodeMatchesTerm } from '../../../api/helpers/nodeAffinity.ts';
import {
  defaultNormalizeScore,
  SKIP,
  SUCCESS,
  unresolvable,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interfaces.ts';
import type { PodInfo } from '../../framework/podInfo.ts';
import { NodeAffinity } from '../names.ts';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const ErrReasonConflict = 'pod affinity terms conflict';

type Term = NonNullable<
  NonNullable<
    NonNullable<NonNullable<PodInfo['pod']['spec']>['affinity']>['nodeAffinity']
  >['requiredDuringSchedulingIgnoredDuringExecution']
>['nodeSelectorTerms'][number];

/**
 * The PreFilterResult: when every term pins metadata.name with In (as DaemonSet pods do), only
 * those nodes are evaluated; the rest are reported as not satisfying NodeAffinity.
 */
function nodeNamesOf(terms: readonly Term[]): Set<string> | undefined {
  if (terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const term of terms) {
    let termNames: Set<string> | undefined;
    for (const r of term.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const values = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => values.has(n))) : values;
    }
    if (!termNames) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

export const nodeAffinity = {
  name: NodeAffinity,
  preFilter(state, pod) {
    const spec = pod.pod.spec;
    const hasSelector = spec?.nodeSelector && Object.keys(spec.nodeSelector).length > 0;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!hasSelector && !required) return SKIP;
    const names = nodeNamesOf(required?.nodeSelectorTerms ?? []);
    if (names?.size === 0) return unresolvable(ErrReasonConflict);
    if (names) state.restrictNodes(NodeAffinity, names);
    return SUCCESS;
  },
  filter(_state, pod, nodeInfo) {
    return nodeMatchesRequiredAffinity(pod.pod, nodeInfo.node)
      ? SUCCESS
      : unresolvable(ErrReasonPod);
  },
  preScore(_state, pod) {
    const preferred =
      pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    return preferred.length === 0 ? SKIP : SUCCESS;
  },
  score(_state, pod, nodeInfo) {
    const preferred =
      pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    let sum = 0;
    for (const term of preferred)
      if (term.weight !== 0 && nodeMatchesTerm(nodeInfo.node, term.preference)) sum += term.weight;
    return sum;
  },
  normalizeScores(_state, _pod, scores, count) {
    defaultNormalizeScore(scores, count, false);
  },
} satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
