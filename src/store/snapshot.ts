/**
 * Immutable per-kind snapshots of the cluster, rebuilt only for the kinds the change log says
 * changed. Stored objects are frozen values, so unchanged objects keep their identity across
 * snapshots and React/d3 can compare by reference.
 */
import type { ChangeLogEntry, Cluster, KubeObject, Node, Pod } from '../sim/index.ts';

/** The kinds the UI shows. Each is a served resource of the simulated API server. */
export const TRACKED_RESOURCES = [
  'nodes',
  'pods',
  'events',
  'deployments',
  'replicasets',
  'daemonsets',
  'services',
  'namespaces',
] as const;
export type TrackedResource = (typeof TRACKED_RESOURCES)[number];

export type ObjectMap = ReadonlyMap<string, KubeObject>;

export interface ClusterSnapshot {
  readonly simTimeMs: number;
  /** The change-log sequence this snapshot reflects. */
  readonly lastChangeSeq: number;
  readonly objects: Readonly<Record<TrackedResource, ObjectMap>>;
}

export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata.namespace ?? '';
  return ns === '' ? (obj.metadata.name ?? '') : `${ns}/${obj.metadata.name ?? ''}`;
}

function isTracked(resource: string): resource is TrackedResource {
  return (TRACKED_RESOURCES as readonly string[]).includes(resource);
}

function listInto(cluster: Cluster, resource: TrackedResource): ObjectMap {
  const map = new Map<string, KubeObject>();
  for (const obj of cluster.api.list(resource)) map.set(objectKey(obj), obj);
  return map;
}

export function initialSnapshot(cluster: Cluster): ClusterSnapshot {
  const objects = {} as Record<TrackedResource, ObjectMap>;
  for (const resource of TRACKED_RESOURCES) objects[resource] = listInto(cluster, resource);
  return { simTimeMs: cluster.now(), lastChangeSeq: cluster.api.changeLog.length, objects };
}

/**
 * The next snapshot: new Maps only for kinds with writes since `prev`; the same snapshot object
 * when nothing (not even time) moved.
 */
export function nextSnapshot(cluster: Cluster, prev: ClusterSnapshot): ClusterSnapshot {
  const seq = cluster.api.changeLog.length;
  const now = cluster.now();
  if (seq === prev.lastChangeSeq && now === prev.simTimeMs) return prev;
  if (seq === prev.lastChangeSeq) return { ...prev, simTimeMs: now };
  const changed = new Set<TrackedResource>();
  for (const entry of cluster.api.changeLog.since(prev.lastChangeSeq))
    if (isTracked(entry.resource)) changed.add(entry.resource);
  let objects = prev.objects;
  if (changed.size > 0) {
    const next = { ...prev.objects };
    for (const resource of changed) next[resource] = listInto(cluster, resource);
    objects = next;
  }
  return { simTimeMs: now, lastChangeSeq: seq, objects };
}

function nodeReady(node: KubeObject | undefined): string | undefined {
  const ready = ((node as Node | undefined)?.status?.conditions ?? []).find(
    (c) => c.type === 'Ready',
  );
  return ready?.status;
}

/**
 * Plain-language announcements for a screen reader's polite live region, drawn from the writes
 * between two snapshots: scheduling, deletion, nodes turning Ready/NotReady.
 */
export function announcementsFor(entries: readonly ChangeLogEntry[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.resource === 'pods') {
      const pod = entry.object as Pod;
      const name = entry.name;
      if (
        entry.verb === 'update' &&
        pod.spec?.nodeName !== undefined &&
        !(entry.previous as Pod | undefined)?.spec?.nodeName
      ) {
        out.push(`Pod ${name} scheduled to ${pod.spec.nodeName}`);
      } else if (entry.verb === 'delete') {
        out.push(`Pod ${name} deleted`);
      }
    } else if (entry.resource === 'nodes') {
      const before = nodeReady(entry.previous);
      const after = nodeReady(entry.object);
      if (entry.verb === 'create') out.push(`Node ${entry.name} joined the cluster`);
      else if (entry.verb === 'delete') out.push(`Node ${entry.name} removed`);
      else if (before !== after && after !== undefined)
        out.push(`Node ${entry.name} ${after === 'True' ? 'Ready' : 'NotReady'}`);
      else if (
        (entry.previous as Node | undefined)?.spec?.unschedulable !==
        (entry.object as Node).spec?.unschedulable
      )
        out.push(
          `Node ${entry.name} ${(entry.object as Node).spec?.unschedulable ? 'cordoned' : 'uncordoned'}`,
        );
    }
  }
  return out;
}
