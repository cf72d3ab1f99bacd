/** describeNode (describe.go): conditions, capacity, system info, pods and allocated resources. */
import type { Container, KubeObject, Node, Pod } from '../../sim/index.ts';
import { bytes, formatBytes, formatMilliCpu, milliCpu, podRequests } from '../../sim/index.ts';
import { quantityString } from './containers.ts';
import type { DescribeContext } from './context.ts';
import {
  describeEvents,
  printAnnotations,
  printLabels,
  printTaints,
  rfc1123,
  since,
} from './helpers.ts';
import { PrefixWriter } from './tabWriter.ts';
import type { Event } from '../../sim/index.ts';

function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

/** resourcehelper.PodLimits: app containers summed, the largest init container if larger. */
function podLimits(pod: Pod): Map<string, number> {
  const sum = new Map<string, number>();
  const add = (target: Map<string, number>, c: Container, max: boolean): void => {
    for (const [name, value] of Object.entries(c.resources?.limits ?? {})) {
      const amount = name === 'cpu' ? milliCpu(value) : bytes(value);
      target.set(
        name,
        max ? Math.max(target.get(name) ?? 0, amount) : (target.get(name) ?? 0) + amount,
      );
    }
  };
  for (const c of pod.spec?.containers ?? []) add(sum, c, false);
  const init = new Map<string, number>();
  for (const c of pod.spec?.initContainers ?? []) add(init, c, true);
  for (const [k, v] of init) if (v > (sum.get(k) ?? 0)) sum.set(k, v);
  return sum;
}

function amount(name: string, value: number): string {
  return name === 'cpu' ? formatMilliCpu(value) : formatBytes(value);
}

function percent(value: number, of: number): string {
  return of === 0 ? '0' : String(Math.trunc((value / of) * 100));
}

function describeNodeResource(
  w: PrefixWriter,
  node: Node,
  pods: readonly Pod[],
  now: number,
): void {
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  const cpu = milliCpu(alloc.cpu ?? 0);
  const memory = bytes(alloc.memory ?? 0);
  const storage = bytes(alloc['ephemeral-storage'] ?? 0);
  w.write(0, `Non-terminated Pods:\t(${String(pods.length)} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totalReq = new Map<string, number>();
  const totalLim = new Map<string, number>();
  for (const pod of pods) {
    const req = podRequests(pod);
    const lim = podLimits(pod);
    for (const [k, v] of req) totalReq.set(k, (totalReq.get(k) ?? 0) + v);
    for (const [k, v] of lim) totalLim.set(k, (totalLim.get(k) ?? 0) + v);
    const cell = (name: string, map: Map<string, number>, of: number): string =>
      `${amount(name, map.get(name) ?? 0)} (${percent(map.get(name) ?? 0, of)}%)`;
    w.write(
      1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${cell('cpu', req, cpu)}\t${cell('cpu', lim, cpu)}\t${cell('memory', req, memory)}\t${cell('memory', lim, memory)}\t${since(pod.metadata?.creationTimestamp, now)}\n`,
    );
  }
  w.write(
    0,
    'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n',
  );
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const row = (name: string, of: number): void => {
    const r = totalReq.get(name) ?? 0;
    const l = totalLim.get(name) ?? 0;
    w.write(
      1,
      `${name}\t${amount(name, r)} (${percent(r, of)}%)\t${amount(name, l)} (${percent(l, of)}%)\n`,
    );
  };
  row('cpu', cpu);
  row('memory', memory);
  row('ephemeral-storage', storage);
  for (const name of Object.keys(alloc)
    .filter((k) => k.startsWith('hugepages-'))
    .sort())
    row(name, bytes(alloc[name] ?? 0));
}

export function describeNode(obj: KubeObject, ctx: DescribeContext): string {
  const node = obj as Node;
  const name = obj.metadata.name ?? '';
  const w = new PrefixWriter();
  w.write(0, `Name:\t${name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node)}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123(obj.metadata.creationTimestamp)}\n`);
  printTaints(w, 'Taints', node.spec?.taints);
  w.write(0, `Unschedulable:\t${String(node.spec?.unschedulable === true)}\n`);
  const lease = ctx.api.get('leases.coordination.k8s.io', 'kube-node-lease', name) as
    { spec?: { holderIdentity?: string; acquireTime?: string; renewTime?: string } } | undefined;
  if (lease) {
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(
      1,
      `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123(lease.spec.acquireTime) : '<unset>'}\n`,
    );
    w.write(
      1,
      `RenewTime:\t${lease.spec?.renewTime ? rfc1123(lease.spec.renewTime) : '<unset>'}\n`,
    );
  } else
    w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(
      0,
      'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
    );
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions)
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123(c.lastHeartbeatTime)} \t${rfc1123(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
  }
  w.write(0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', node.status?.capacity],
    ['Allocatable', node.status?.allocatable],
  ] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const n of names) w.write(0, `  ${n}:\t${quantityString(n, list?.[n] ?? '')}\n`);
  }
  const info = node.status?.nodeInfo;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length > 0)
    w.write(0, `PodCIDRs:\t${(node.spec?.podCIDRs ?? []).join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  const pods = (ctx.api.list('pods') as Pod[]).filter(
    (p) =>
      p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  describeNodeResource(w, node, pods, ctx.now);
  if (ctx.showEvents) {
    const events = (ctx.api.list('events') as Event[]).filter(
      (e) => e.involvedObject.kind === 'Node' && e.involvedObject.name === name,
    );
    describeEvents(w, events, ctx.now);
  }
  return w.toString();
}
