/**
 * NodeAffinity: nodeSelector and required node affinity filter; preferred terms add their weights
 * to the score, normalized to 0–100 (pkg/scheduler/framework/plugins/nodeaffinity).
 */
import { nodeMatchesRequiredAffinity, nodeMatchesTerm } from '../../../api/helpers/nodeAffinity.ts';
import {
  MAX_NODE_SCORE,
  SUCCESS,
  unresolvable,
  type FilterPlugin,
  type ScorePlugin,
} from '../../framework/interfaces.ts';
import { NodeAffinity } from '../names.ts';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";

export const nodeAffinity = {
  name: NodeAffinity,
  filter(_state, pod, nodeInfo) {
    return nodeMatchesRequiredAffinity(pod, nodeInfo.node) ? SUCCESS : unresolvable(ErrReasonPod);
  },
  score(_state, pod, nodeInfo) {
    const preferred =
      pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    return preferred.reduce(
      (sum, term) =>
        sum +
        (term.weight !== 0 && nodeMatchesTerm(nodeInfo.node, term.preference) ? term.weight : 0),
      0,
    );
  },
  normalizeScores(_state, _pod, scores) {
    const max = Math.max(0, ...scores.values());
    for (const [node, raw] of scores)
      scores.set(node, max === 0 ? 0 : Math.floor((MAX_NODE_SCORE * raw) / max));
  },
} satisfies FilterPlugin & ScorePlugin;
