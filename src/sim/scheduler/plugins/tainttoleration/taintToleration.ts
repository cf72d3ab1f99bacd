/**
 * TaintToleration: NoSchedule/NoExecute taints must be tolerated; fewer untolerated
 * PreferNoSchedule taints score higher (pkg/scheduler/framework/plugins/tainttoleration).
 */
import { findUntoleratedTaint, isTolerated } from '../../../api/helpers/taints.ts';
import {
  MAX_NODE_SCORE,
  SUCCESS,
  unresolvable,
  type FilterPlugin,
  type ScorePlugin,
} from '../../framework/interfaces.ts';
import { TaintToleration } from '../names.ts';

export const taintToleration = {
  name: TaintToleration,
  filter(_state, pod, nodeInfo) {
    const taint = findUntoleratedTaint(nodeInfo.node.spec?.taints, pod.spec?.tolerations, [
      'NoSchedule',
      'NoExecute',
    ]);
    if (!taint) return SUCCESS;
    return unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  },
  score(_state, pod, nodeInfo) {
    const preferNoSchedule = (pod.spec?.tolerations ?? []).filter(
      (t) => !t.effect || t.effect === 'PreferNoSchedule',
    );
    return (nodeInfo.node.spec?.taints ?? []).filter(
      (taint) => taint.effect === 'PreferNoSchedule' && !isTolerated(taint, preferNoSchedule),
    ).length;
  },
  normalizeScores(_state, _pod, scores) {
    // DefaultNormalizeScore with reverse=true: the node with the most untolerated taints scores 0.
    const max = Math.max(0, ...scores.values());
    for (const [node, raw] of scores) {
      scores.set(
        node,
        max === 0 ? MAX_NODE_SCORE : MAX_NODE_SCORE - Math.floor((MAX_NODE_SCORE * raw) / max),
      );
    }
  },
} satisfies FilterPlugin & ScorePlugin;
