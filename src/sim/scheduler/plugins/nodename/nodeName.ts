/** NodeName: a pod that names a node fits only there. */
import { SUCCESS, unresolvable, type FilterPlugin } from '../../framework/interfaces.ts';
import { NodeName } from '../names.ts';

export const ErrReasonNodeName = "node(s) didn't match the requested node name";

export const nodeName = {
  name: NodeName,
  filter(_state, pod, nodeInfo) {
    const wanted = pod.spec?.nodeName;
    return !wanted || wanted === nodeInfo.name ? SUCCESS : unresolvable(ErrReasonNodeName);
  },
} satisfies FilterPlugin;
