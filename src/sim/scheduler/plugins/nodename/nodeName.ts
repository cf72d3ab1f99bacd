/** NodeName: a pod that names a node (spec.nodeName) fits only there (plugins/nodename). */
import { SUCCESS, unresolvable, type FilterPlugin } from '../../framework/interfaces.ts';
import { NodeName } from '../names.ts';

export const ErrReason = "node(s) didn't match the requested node name";

export const nodeName = {
  name: NodeName,
  filter(_state, pod, nodeInfo) {
    const wanted = pod.pod.spec?.nodeName;
    return !wanted || wanted === nodeInfo.name ? SUCCESS : unresolvable(ErrReason);
  },
} satisfies FilterPlugin;
