/** NodeUnschedulable: cordoned nodes only take pods that tolerate the unschedulable taint. */
import { isTolerated } from '../../../api/helpers/taints.ts';
import { SUCCESS, unresolvable, type FilterPlugin } from '../../framework/interfaces.ts';
import { NodeUnschedulable } from '../names.ts';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';

export const nodeUnschedulable = {
  name: NodeUnschedulable,
  filter(_state, pod, nodeInfo) {
    if (!nodeInfo.node.spec?.unschedulable) return SUCCESS;
    const taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
    return isTolerated(taint, pod.spec?.tolerations)
      ? SUCCESS
      : unresolvable(ErrReasonUnschedulable);
  },
} satisfies FilterPlugin;
