/** NodePorts: a hostPort can be used by one pod per node (per protocol and host IP). */
import { hostPortsOf } from '../../framework/nodeInfo.ts';
import { SUCCESS, unschedulable, type FilterPlugin } from '../../framework/interfaces.ts';
import { NodePorts } from '../names.ts';

export const ErrReason = "node(s) didn't have free ports for the requested pod ports";

export const nodePorts = {
  name: NodePorts,
  filter(_state, pod, nodeInfo) {
    for (const port of hostPortsOf(pod)) {
      const [protocol, ip, number] = port.split('/');
      for (const used of nodeInfo.usedPorts.keys()) {
        const [uProtocol, uIp, uNumber] = used.split('/');
        if (uProtocol !== protocol || uNumber !== number) continue;
        if (ip === '0.0.0.0' || uIp === '0.0.0.0' || ip === uIp) return unschedulable(ErrReason);
      }
    }
    return SUCCESS;
  },
} satisfies FilterPlugin;
