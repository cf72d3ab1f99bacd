/**
 * "What is the smallest change that would let this pending pod schedule?" Re-runs the profile's
 * filters on hypothetical variations of the cluster and of the pod — uncordon a node, label it,
 * tolerate its taints, lower the pod's requests, evict lower-priority pods, add a node like the
 * others — and keeps only the variations under which the pod really fits. No real scheduler
 * does this; every answer here is checked by the same plugin code that schedules.
 */
import { formatBytes, formatMilliCpu } from '../../api/quantity.ts';
import type { Node, Pod, Taint, Toleration } from '../../api/types/index.ts';
import { deepClone } from '../../util/objects.ts';
import type { Framework } from '../framework/framework.ts';
import type { SchedulingSnapshot } from '../framework/interfaces.ts';
import { NodeInfo } from '../framework/nodeInfo.ts';
import { PodInfo } from '../framework/podInfo.ts';
import { selectVictimsOnNode } from '../plugins/defaultpreemption/defaultPreemption.ts';
import { OverlaySnapshot } from '../plugins/defaultpreemption/overlaySnapshot.ts';
import * as names from '../plugins/names.ts';

export type Suggestion =
  | { readonly kind: 'fitsNow'; readonly node: string; readonly sentence: string }
  | { readonly kind: 'uncordonNode'; readonly node: string; readonly sentence: string }
  | {
      readonly kind: 'labelNode';
      readonly node: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly sentence: string;
    }
  | {
      readonly kind: 'addToleration';
      readonly node: string;
      readonly tolerations: readonly Toleration[];
      readonly sentence: string;
    }
  | {
      readonly kind: 'lowerRequests';
      readonly node: string;
      readonly resource: 'cpu' | 'memory';
      readonly from: string;
      readonly to: string;
      /** `to` in millicores or bytes, for comparing suggestions. */
      readonly toAmount: number;
      readonly sentence: string;
    }
  | {
      readonly kind: 'evictPods';
      readonly node: string;
      readonly victims: readonly string[];
      readonly sentence: string;
    }
  | {
      readonly kind: 'addNode';
      readonly cpu: string;
      readonly memory: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly sentence: string;
    };

/** Cost order: cheaper, more local changes first. */
const RANK: Record<Suggestion['kind'], number> = {
  fitsNow: 0,
  uncordonNode: 1,
  labelNode: 2,
  addToleration: 3,
  lowerRequests: 4,
  evictPods: 5,
  addNode: 6,
};

/** Nodes examined one by one; beyond this only "add a node" is checked. */
const MAX_NODES_EXAMINED = 200;
const GI = 1024 * 1024 * 1024;

function withNode(info: NodeInfo, edit: (node: Node) => void): NodeInfo {
  const node = deepClone(info.node);
  edit(node);
  const copy = info.clone();
  copy.setNode(node);
  return copy;
}

function withPod(pod: PodInfo, edit: (pod: Pod) => void): PodInfo {
  const copy = deepClone(pod.pod);
  edit(copy);
  return new PodInfo(copy, pod.startTimeMs);
}

function fits(
  framework: Framework,
  pod: PodInfo,
  snapshot: SchedulingSnapshot,
  node: NodeInfo,
): boolean {
  const overlay = new OverlaySnapshot(snapshot, node);
  return framework.fitsOn(pod, overlay, node) === undefined;
}

function tolerationFor(taint: Taint): Toleration {
  return {
    key: taint.key,
    operator: taint.value ? 'Equal' : 'Exists',
    ...(taint.value ? { value: taint.value } : {}),
    effect: taint.effect,
  };
}

function missingLabels(pod: Pod, node: Node): Record<string, string> | undefined {
  const labels = node.metadata?.labels ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {}))
    if (labels[k] !== v) out[k] = v;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms;
  const first = terms?.[0];
  for (const req of first?.matchExpressions ?? []) {
    if (
      req.operator === 'In' &&
      req.values?.[0] !== undefined &&
      !req.values.includes(labels[req.key] ?? '\u0000')
    )
      out[req.key] = req.values[0];
    else if (req.operator === 'Exists' && labels[req.key] === undefined) out[req.key] = '';
    else if (req.operator !== 'In' && req.operator !== 'Exists') return undefined;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function scaledRequests(pod: PodInfo, resource: 'cpu' | 'memory', target: number): PodInfo {
  const total = resource === 'cpu' ? pod.requests.milliCpu : pod.requests.memory;
  const ratio = total === 0 ? 0 : target / total;
  return withPod(pod, (p) => {
    for (const c of [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])]) {
      const req = c.resources?.requests;
      if (!req?.[resource]) continue;
      const current = new PodInfo({
        spec: {
          containers: [{ name: 'x', resources: { requests: { [resource]: req[resource] } } }],
        },
      }).requests;
      const amount = resource === 'cpu' ? current.milliCpu : current.memory;
      const scaled = Math.floor(amount * ratio);
      req[resource] = resource === 'cpu' ? `${String(scaled)}m` : String(scaled);
      const limits = c.resources?.limits;
      if (limits?.[resource] !== undefined) delete limits[resource];
    }
  });
}

function examineNode(
  framework: Framework,
  snapshot: SchedulingSnapshot,
  pod: PodInfo,
  info: NodeInfo,
): Suggestion[] {
  const failure = framework.fitsOn(pod, snapshot, info);
  const node = info.name;
  if (!failure)
    return [
      {
        kind: 'fitsNow',
        node,
        sentence: `It fits on ${node} now; the scheduler will place it on its next try.`,
      },
    ];
  const out: Suggestion[] = [];
  if (failure.plugin === names.NodeUnschedulable) {
    const variant = withNode(info, (n) => {
      if (n.spec) delete n.spec.unschedulable;
    });
    if (fits(framework, pod, snapshot, variant))
      out.push({
        kind: 'uncordonNode',
        node,
        sentence: `Uncordon ${node} (kubectl uncordon ${node}).`,
      });
  }
  if (failure.plugin === names.NodeAffinity) {
    const labels = missingLabels(pod.pod, info.node);
    if (labels) {
      const variant = withNode(info, (n) => {
        n.metadata = { ...n.metadata, labels: { ...n.metadata?.labels, ...labels } };
      });
      if (fits(framework, pod, snapshot, variant)) {
        const text = Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        out.push({
          kind: 'labelNode',
          node,
          labels,
          sentence: `Label ${node} with ${text} (kubectl label node ${node} ${text}).`,
        });
      }
    }
  }
  if (failure.plugin === names.TaintToleration) {
    const untolerated = info.taints.filter((t) => t.effect !== 'PreferNoSchedule');
    const tolerations = untolerated.map(tolerationFor);
    const variant = withPod(pod, (p) => {
      if (p.spec) p.spec.tolerations = [...(p.spec.tolerations ?? []), ...tolerations];
    });
    if (framework.fitsOn(variant, snapshot, info) === undefined) {
      const text = untolerated
        .map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)
        .join(', ');
      out.push({
        kind: 'addToleration',
        node,
        tolerations,
        sentence: `Add a toleration for ${text} to the pod so it may run on ${node}.`,
      });
    }
  }
  if (
    failure.plugin === names.NodeResourcesFit &&
    !failure.status.reasons.includes('Too many pods')
  ) {
    for (const resource of ['cpu', 'memory'] as const) {
      if (!failure.status.reasons.includes(`Insufficient ${resource}`)) continue;
      const free =
        resource === 'cpu'
          ? info.allocatable.milliCpu - info.requested.milliCpu
          : info.allocatable.memory - info.requested.memory;
      const current = resource === 'cpu' ? pod.requests.milliCpu : pod.requests.memory;
      if (free <= 0) continue;
      const variant = scaledRequests(pod, resource, free);
      if (framework.fitsOn(variant, snapshot, info) !== undefined) continue;
      const format = resource === 'cpu' ? formatMilliCpu : formatBytes;
      out.push({
        kind: 'lowerRequests',
        node,
        resource,
        from: format(current),
        to: format(free),
        toAmount: free,
        sentence: `Lower the pod's ${resource} request from ${format(current)} to ${format(free)} or less: that is what ${node} has left.`,
      });
    }
  }
  return out;
}

function examineEviction(
  framework: Framework,
  snapshot: SchedulingSnapshot,
  pod: PodInfo,
  info: NodeInfo,
): Suggestion | undefined {
  const result = selectVictimsOnNode(
    {
      framework,
      snapshot,
      randomInt: () => 0,
      nominatedPods: () => [],
      isTerminatingByPreemption: () => false,
      args: { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 },
    },
    pod,
    info,
    [],
  );
  if ('status' in result || result.victims.length === 0) return undefined;
  const victims = result.victims.map((v) => v.key);
  const auto = pod.pod.spec?.preemptionPolicy !== 'Never';
  return {
    kind: 'evictPods',
    node: info.name,
    victims,
    sentence: `Evict ${String(victims.length)} lower-priority pod(s) from ${info.name} (${victims.join(', ')})${auto ? '; the scheduler does this itself by preemption' : ''}.`,
  };
}

function examineNewNode(
  framework: Framework,
  snapshot: SchedulingSnapshot,
  pod: PodInfo,
  template: Node | undefined,
): Suggestion | undefined {
  if (!template) return undefined;
  const cpuMilli = Math.max(4000, Math.ceil(pod.requests.milliCpu / 1000) * 1000);
  const memory = Math.max(8 * GI, Math.ceil(pod.requests.memory / GI) * GI);
  const name = 'new-node';
  const node = deepClone(template);
  const labels = { ...(node.metadata?.labels ?? {}), 'kubernetes.io/hostname': name };
  node.metadata = { name, labels };
  node.spec = {};
  const capacity = {
    ...(node.status?.allocatable ?? {}),
    cpu: formatMilliCpu(cpuMilli),
    memory: formatBytes(memory),
  };
  node.status = { allocatable: capacity, capacity };
  const info = new NodeInfo(node);
  const overlay = new OverlaySnapshot(snapshot, info, true);
  if (framework.fitsOn(pod, overlay, info) !== undefined) return undefined;
  const cpu = formatMilliCpu(cpuMilli);
  const mem = formatBytes(memory);
  return {
    kind: 'addNode',
    cpu,
    memory: mem,
    labels,
    sentence: `Add a node with ${cpu} CPU and ${mem} memory like the others (node add ${name} --cpu ${cpu} --memory ${mem}).`,
  };
}

export function explainPending(
  framework: Framework,
  snapshot: SchedulingSnapshot,
  pod: PodInfo,
  template: Node | undefined,
): Suggestion[] {
  const found: Suggestion[] = [];
  const nodes = snapshot.nodeInfos.slice(0, MAX_NODES_EXAMINED);
  for (const info of nodes) found.push(...examineNode(framework, snapshot, pod, info));
  let bestEviction: Suggestion | undefined;
  for (const info of nodes) {
    const eviction = examineEviction(framework, snapshot, pod, info);
    if (
      eviction?.kind === 'evictPods' &&
      (bestEviction?.kind !== 'evictPods' || eviction.victims.length < bestEviction.victims.length)
    )
      bestEviction = eviction;
  }
  if (bestEviction) found.push(bestEviction);
  const newNode = examineNewNode(framework, snapshot, pod, template);
  if (newNode) found.push(newNode);
  // One suggestion per kind: for lowered requests, the smallest reduction (the most room left).
  const best = new Map<string, Suggestion>();
  for (const s of found) {
    const key = s.kind === 'lowerRequests' ? `${s.kind}/${s.resource}` : s.kind;
    const prev = best.get(key);
    const smaller =
      prev?.kind === 'lowerRequests' && s.kind === 'lowerRequests' && s.toAmount > prev.toAmount;
    if (!prev || smaller) best.set(key, s);
  }
  return [...best.values()].sort((a, b) => RANK[a.kind] - RANK[b.kind]);
}
