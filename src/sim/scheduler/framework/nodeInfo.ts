/**
 * Per-node aggregate the scheduler filters and scores against (framework.NodeInfo): the node, its
 * pods, and the sums of their requests, kept incrementally.
 */
import type { Node, Pod } from '../../api/types/index.ts';
import {
  nodeAllocatable,
  nonZeroRequests,
  podRequests,
  type ResourceList,
} from '../../api/helpers/resources.ts';

export class NodeInfo {
  readonly pods = new Map<string, Pod>();
  readonly requested: ResourceList = new Map();
  nonZeroMilliCpu = 0;
  nonZeroMemory = 0;
  readonly usedPorts = new Map<string, number>();
  allocatable: ResourceList;

  constructor(public node: Node) {
    this.allocatable = nodeAllocatable(node.status?.allocatable);
  }

  get name(): string {
    return this.node.metadata?.name ?? '';
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = nodeAllocatable(node.status?.allocatable);
  }

  addPod(key: string, pod: Pod): void {
    if (this.pods.has(key)) this.removePod(key);
    this.pods.set(key, pod);
    this.apply(pod, 1);
  }

  removePod(key: string): void {
    const pod = this.pods.get(key);
    if (!pod) return;
    this.pods.delete(key);
    this.apply(pod, -1);
  }

  private apply(pod: Pod, sign: 1 | -1): void {
    for (const [name, value] of podRequests(pod)) {
      const next = (this.requested.get(name) ?? 0) + sign * value;
      if (next === 0) this.requested.delete(name);
      else this.requested.set(name, next);
    }
    const nz = nonZeroRequests(pod);
    this.nonZeroMilliCpu += sign * nz.milliCpu;
    this.nonZeroMemory += sign * nz.memory;
    for (const port of hostPortsOf(pod)) {
      const next = (this.usedPorts.get(port) ?? 0) + sign;
      if (next <= 0) this.usedPorts.delete(port);
      else this.usedPorts.set(port, next);
    }
  }
}

/** `protocol/hostIP/port` for each container hostPort, as NodePorts compares them. */
export function hostPortsOf(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (p.hostPort)
        out.push(`${p.protocol ?? 'TCP'}/${p.hostIP ?? '0.0.0.0'}/${String(p.hostPort)}`);
    }
  }
  return out;
}
