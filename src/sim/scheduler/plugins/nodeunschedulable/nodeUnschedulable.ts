/**
 * NodeUnschedulable: cordoned nodes (spec.unschedulable) only take pods that tolerate the
 * node.kubernetes.io/unschedulable:NoSchedule taint (plugins/nodeunschedulable).
 */
import { isTolerated } from '../../../api/helpers/taints.ts';
import { SUCCESS, unresolvable, type FilterPlugin } from '../../framework/interfaces.ts';
import { NodeUnschedulable } from '../names.ts';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export const nodeUnschedulable = {
  name: NodeUnschedulable,
  filter(_state, pod, nodeInfo) {
    if (nodeInfo.node.spec?.unschedulable !== true) return SUCCESS;
    return isTolerated(UNSCHEDULABLE_TAINT, pod.pod.spec?.tolerations)
      ? SUCCESS
      : unresolvable(ErrReasonUnschedulable);
  },
} satisfies FilterPlugin;
