/**
 * TaintToleration: NoSchedule/NoExecute taints must be tolerated; nodes with fewer untolerated
 * PreferNoSchedule taints score higher (plugins/tainttoleration/taint_toleration.go).
 */
import { findUntoleratedTaint, isTolerated } from '../../../api/helpers/taints.ts';
import type { Toleration } from '../../../api/types/index.ts';
import {
  defaultNormalizeScore,
  SUCCESS,
  unresolvable,
  type FilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interfaces.ts';
import { TaintToleration } from '../names.ts';

const FILTER_EFFECTS = ['NoSchedule', 'NoExecute'];
const PRESCORE_KEY = 'PreScore' + TaintToleration;

/** `node(s) had untolerated taint {key: value}` (v1.32 wording; 1.35 says `taint(s)`). */
export const errReasonUntoleratedTaint = (key: string, value: string): string =>
  `node(s) had untolerated taint {${key}: ${value}}`;

export const taintToleration = {
  name: TaintToleration,
  filter(_state, pod, nodeInfo) {
    if (nodeInfo.taints.length === 0) return SUCCESS;
    const taint = findUntoleratedTaint(nodeInfo.taints, pod.pod.spec?.tolerations, FILTER_EFFECTS);
    if (!taint) return SUCCESS;
    return unresolvable(errReasonUntoleratedTaint(taint.key, taint.value ?? ''));
  },
  preScore(state, pod) {
    const tolerations = (pod.pod.spec?.tolerations ?? []).filter(
      (t) => !t.effect || t.effect === 'PreferNoSchedule',
    );
    state.write(PRESCORE_KEY, tolerations);
    return SUCCESS;
  },
  score(state, _pod, nodeInfo) {
    if (nodeInfo.taints.length === 0) return 0;
    const tolerations = state.read<Toleration[]>(PRESCORE_KEY) ?? [];
    let count = 0;
    for (const taint of nodeInfo.taints)
      if (taint.effect === 'PreferNoSchedule' && !isTolerated(taint, tolerations)) count++;
    return count;
  },
  normalizeScores(_state, _pod, scores, count) {
    defaultNormalizeScore(scores, count, true);
  },
} satisfies FilterPlugin & PreScorePlugin & ScorePlugin;
