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
import { NodeAffinity } from '../names.ts';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";

export const nodeAffinity = {
  name: NodeAffinity,
  preFilter(_state, pod) {
    const spec = pod.pod.spec;
    const hasSelector = spec?.nodeSelector && Object.keys(spec.nodeSelector).length > 0;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    return hasSelector || required ? SUCCESS : SKIP;
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
