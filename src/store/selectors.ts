/**
 * Pure, module-level selectors over snapshots: the view models the cluster map, the events table
 * and the inspector draw. Each view model is plain data (strings, numbers), so renderers need no
 * Kubernetes knowledge and the viz never imports kubectl or the sim at run time.
 */
import {
  formatTaint,
  parseRfc3339,
  podRequests,
  milliCpu,
  bytes,
  formatBytes,
  formatMilliCpu,
  type Event,
  type KubeObject,
  type Node,
  type Pod,
} from '../sim/index.ts';
import { humanDuration, podReadyColumn, podStatusReason } from '../kubectl/index.ts';
import type { ClusterSnapshot, ObjectMap } from './snapshot.ts';
import { objectKey } from './snapshot.ts';

export type StatusTone = 'ok' | 'progress' | 'pending' | 'warning' | 'error' | 'done' | 'stopping';

export interface PodView {
  /** `namespace/name`. */
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  /** kubectl's STATUS column. */
  readonly status: string;
  readonly tone: StatusTone;
  readonly ready: string;
  readonly restarts: number;
  readonly nodeName: string | undefined;
  /** `ReplicaSet/web-7d9f8` or `` for bare pods. */
  readonly owner: string;
  readonly system: boolean;
}

export interface NodeView {
  readonly name: string;
  /** kubectl's STATUS column: `Ready`, `NotReady`, `Ready,SchedulingDisabled`, `Unknown`. */
  readonly status: string;
  readonly ready: boolean;
  readonly unschedulable: boolean;
  readonly roles: readonly string[];
  readonly taints: readonly string[];
  readonly cpuRequestedMilli: number;
  readonly cpuAllocatableMilli: number;
  readonly memoryRequestedBytes: number;
  readonly memoryAllocatableBytes: number;
  readonly podCount: number;
  readonly podCapacity: number;
  /** `750m / 4`, requests over allocatable in Kubernetes quantities. */
  readonly cpuText: string;
  /** `384Mi / 8Gi`. */
  readonly memoryText: string;
}

export interface EventRow {
  readonly key: string;
  readonly lastSeenMs: number;
  readonly type: string;
  readonly reason: string;
  /** `pod/web-…`, as `kubectl get events` prints it. */
  readonly object: string;
  readonly namespace: string;
  readonly message: string;
  readonly count: number;
  /** The event's resourceVersion: orders events written at the same virtual instant. */
  readonly seq: number;
  readonly involvedKind: string;
  readonly involvedName: string;
}

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Colour family for a kubectl STATUS string. */
export function statusTone(status: string): StatusTone {
  if (status === 'Running') return 'ok';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (status === 'Pending' || status === 'SchedulingGated') return 'pending';
  if (status === 'Terminating') return 'stopping';
  if (
    status === 'ContainerCreating' ||
    status === 'PodInitializing' ||
    status.startsWith('Init:') ||
    status === 'NotReady'
  )
    return 'progress';
  if (
    /BackOff|Err|Error|Failed|OOMKilled|Invalid|Evicted|Unknown|ContainerStatusUnknown/.test(status)
  )
    return 'error';
  return 'warning';
}

function ownerOf(pod: Pod): string {
  const ref = (pod.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  if (ref) return `${ref.kind}/${ref.name}`;
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined)
    return 'Node/static';
  return '';
}

function restartCount(pod: Pod): number {
  let total = 0;
  for (const c of pod.status?.containerStatuses ?? []) total += c.restartCount;
  return total;
}

const podViewCache = new WeakMap<KubeObject, PodView>();

export function podView(obj: KubeObject): PodView {
  const cached = podViewCache.get(obj);
  if (cached) return cached;
  const pod = obj as Pod;
  const namespace = pod.metadata?.namespace ?? 'default';
  const status = podStatusReason(pod);
  const view: PodView = {
    key: objectKey(obj),
    name: pod.metadata?.name ?? '',
    namespace,
    status,
    tone: statusTone(status),
    ready: podReadyColumn(pod),
    restarts: restartCount(pod),
    nodeName: pod.spec?.nodeName,
    owner: ownerOf(pod),
    system: SYSTEM_NAMESPACES.has(namespace),
  };
  podViewCache.set(obj, view);
  return view;
}

/** Pods sorted by namespace, owner, then name (a stable order for layout and keyboard). */
export function selectPodViews(snapshot: ClusterSnapshot): readonly PodView[] {
  return podViewsOf(snapshot.objects.pods);
}

const podListCache = new WeakMap<ObjectMap, readonly PodView[]>();
function podViewsOf(pods: ObjectMap): readonly PodView[] {
  const cached = podListCache.get(pods);
  if (cached) return cached;
  const views = [...pods.values()].map(podView).sort(comparePods);
  podListCache.set(pods, views);
  return views;
}

function comparePods(a: PodView, b: PodView): number {
  return (
    a.namespace.localeCompare(b.namespace) ||
    a.owner.localeCompare(b.owner) ||
    a.name.localeCompare(b.name)
  );
}

function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  let status = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  if (node.spec?.unschedulable) status += ',SchedulingDisabled';
  return status;
}

function nodeRoles(node: Node): string[] {
  const roles: string[] = [];
  for (const key of Object.keys(node.metadata?.labels ?? {}))
    if (key.startsWith('node-role.kubernetes.io/'))
      roles.push(key.slice('node-role.kubernetes.io/'.length));
  return roles.sort();
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

const nodeListCache = new WeakMap<ObjectMap, WeakMap<ObjectMap, readonly NodeView[]>>();

/** Node cards: allocation sums the requests of the node's non-terminated pods, as the scheduler does. */
export function selectNodeViews(snapshot: ClusterSnapshot): readonly NodeView[] {
  const { nodes, pods } = snapshot.objects;
  let byPods = nodeListCache.get(nodes);
  if (!byPods) {
    byPods = new WeakMap();
    nodeListCache.set(nodes, byPods);
  }
  const cached = byPods.get(pods);
  if (cached) return cached;
  const usage = new Map<string, { cpu: number; memory: number; count: number }>();
  for (const obj of pods.values()) {
    const pod = obj as Pod;
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || isTerminal(pod)) continue;
    const requests = podRequests(pod);
    const u = usage.get(nodeName) ?? { cpu: 0, memory: 0, count: 0 };
    u.cpu += requests.get('cpu') ?? 0;
    u.memory += requests.get('memory') ?? 0;
    u.count += 1;
    usage.set(nodeName, u);
  }
  const views = [...nodes.values()]
    .map((obj): NodeView => {
      const node = obj as Node;
      const name = node.metadata?.name ?? '';
      const status = nodeStatus(node);
      const allocatable = node.status?.allocatable ?? {};
      const u = usage.get(name) ?? { cpu: 0, memory: 0, count: 0 };
      const cpuAllocatable = milliCpu(allocatable.cpu ?? '0');
      const memoryAllocatable = bytes(allocatable.memory ?? '0');
      return {
        name,
        status,
        ready: status.startsWith('Ready'),
        unschedulable: node.spec?.unschedulable === true,
        roles: nodeRoles(node),
        taints: (node.spec?.taints ?? []).map(formatTaint),
        cpuRequestedMilli: u.cpu,
        cpuAllocatableMilli: cpuAllocatable,
        memoryRequestedBytes: u.memory,
        memoryAllocatableBytes: memoryAllocatable,
        podCount: u.count,
        podCapacity: Number(allocatable.pods ?? '0'),
        cpuText: `${formatMilliCpu(u.cpu)} / ${formatMilliCpu(cpuAllocatable)}`,
        memoryText: `${formatBytes(u.memory)} / ${formatBytes(memoryAllocatable)}`,
      };
    })
    .sort((a, b) => compareNodes(a, b));
  byPods.set(pods, views);
  return views;
}

/** The control plane first, then workers in natural order (node-2 before node-10). */
function compareNodes(a: NodeView, b: NodeView): number {
  const cp = Number(b.roles.includes('control-plane')) - Number(a.roles.includes('control-plane'));
  return cp || a.name.localeCompare(b.name, 'en', { numeric: true });
}

function eventTime(e: Event): number {
  const text = e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp;
  return (text ? parseRfc3339(text) : undefined) ?? 0;
}

const eventCache = new WeakMap<ObjectMap, readonly EventRow[]>();

/** Events newest first. */
export function selectEventRows(snapshot: ClusterSnapshot): readonly EventRow[] {
  const events = snapshot.objects.events;
  const cached = eventCache.get(events);
  if (cached) return cached;
  const rows = [...events.values()]
    .map((obj): EventRow => {
      const e = obj as Event;
      const kind = e.involvedObject.kind ?? '';
      const name = e.involvedObject.name ?? '';
      return {
        key: objectKey(obj),
        lastSeenMs: eventTime(e),
        type: e.type ?? '',
        reason: e.reason ?? '',
        object: `${kind.toLowerCase()}/${name}`,
        namespace: e.metadata.namespace ?? '',
        message: e.message ?? '',
        count: e.count ?? 1,
        seq: Number(e.metadata.resourceVersion ?? '0') || 0,
        involvedKind: kind,
        involvedName: name,
      };
    })
    .sort((a, b) => b.lastSeenMs - a.lastSeenMs || b.seq - a.seq);
  eventCache.set(events, rows);
  return rows;
}

/** kubectl's age format (`5s`, `3m2s`, `2d3h`) for a duration in ms. */
export function formatAge(ms: number): string {
  return humanDuration(Math.max(0, ms));
}

/** The virtual clock as a UTC time of day, `09:05:12`. */
export function formatClock(ms: number): string {
  const seconds = Math.floor(ms / 1000) % 86_400;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}
