/**
 * NodePorts: a hostPort can be used by one pod per node, per protocol and host IP; 0.0.0.0
 * conflicts with every IP (plugins/nodeports, framework.HostPortInfo.CheckConflict).
 */
import {
  SKIP,
  SUCCESS,
  unschedulable,
  type FilterPlugin,
  type PreFilterPlugin,
} from '../../framework/interfaces.ts';
import { NodePorts } from '../names.ts';

export const ErrReason = "node(s) didn't have free ports for the requested pod ports";

export const nodePorts = {
  name: NodePorts,
  preFilter(_state, pod) {
    return pod.hostPorts.length === 0 ? SKIP : SUCCESS;
  },
  filter(_state, pod, nodeInfo) {
    if (nodeInfo.usedPorts.size === 0) return SUCCESS;
    for (const port of pod.hostPorts) {
      const [protocol, ip, number] = port.split('/');
      for (const used of nodeInfo.usedPorts.keys()) {
        const [uProtocol, uIp, uNumber] = used.split('/');
        if (uProtocol !== protocol || uNumber !== number) continue;
        if (ip === '0.0.0.0' || uIp === '0.0.0.0' || ip === uIp) return unschedulable(ErrReason);
      }
    }
    return SUCCESS;
  },
} satisfies PreFilterPlugin & FilterPlugin;
