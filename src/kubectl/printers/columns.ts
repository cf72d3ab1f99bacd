/**
 * Column definitions for `kubectl get`, per resource, as the server-side table printers define them
 * (pkg/printers/internalversion/printers.go). Resources without a definition print NAME and AGE.
 */
import type {
  DaemonSet,
  Deployment,
  Event,
  KubeObject,
  Namespace,
  Node,
  Pod,
  ReplicaSet,
  Service,
} from '../../sim/index.ts';
import { formatLabelSelector, parseRfc3339 } from '../../sim/index.ts';
import { humanDuration } from './humanDuration.ts';
import { podReadyColumn, podRestartsColumn, podStatusReason } from './podColumns.ts';
import { MORE_COLUMN_SETS } from './moreColumns.ts';
import { NETWORKING_COLUMN_SETS } from './networkingColumns.ts';

export interface ColumnSet {
  readonly headers: readonly string[];
  readonly wideHeaders?: readonly string[];
  row(obj: KubeObject, now: number): string[];
  wideRow?(obj: KubeObject, now: number): string[];
  /** The wide columns replace the normal ones instead of following them (events). */
  readonly wideReplacesRow?: boolean;
}

export function age(timestamp: string | undefined, now: number): string {
  const t = timestamp ? parseRfc3339(timestamp) : undefined;
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

const orNone = (text: string | undefined): string =>
  text === undefined || text === '' ? '<none>' : text;

function containersAndImages(
  spec: { containers?: { name: string; image?: string }[] } | undefined,
): string[] {
  const containers = spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}

const pods: ColumnSet = {
  headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideHeaders: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row(obj, now) {
    const pod = obj as Pod;
    return [
      obj.metadata.name ?? '',
      podReadyColumn(pod),
      podStatusReason(pod),
      podRestartsColumn(pod, now),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
  wideRow(obj) {
    const pod = obj as Pod;
    const gates = pod.spec?.readinessGates ?? [];
    return [
      orNone(pod.status?.podIP),
      orNone(pod.spec?.nodeName),
      orNone(pod.status?.nominatedNodeName),
      gates.length === 0
        ? '<none>'
        : `${String(gates.filter((g) => (pod.status?.conditions ?? []).some((c) => c.type === g.conditionType && c.status === 'True')).length)}/${String(gates.length)}`,
    ];
  },
};

const deployments: ColumnSet = {
  headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(obj, now) {
    const d = obj as Deployment;
    const s = d.status ?? {};
    return [
      obj.metadata.name ?? '',
      `${String(s.readyReplicas ?? 0)}/${String(d.spec?.replicas ?? 0)}`,
      String(s.updatedReplicas ?? 0),
      String(s.availableReplicas ?? 0),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
  wideRow(obj) {
    const d = obj as Deployment;
    return [...containersAndImages(d.spec?.template.spec), formatLabelSelector(d.spec?.selector)];
  },
};

const replicasets: ColumnSet = {
  headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(obj, now) {
    const rs = obj as ReplicaSet;
    return [
      obj.metadata.name ?? '',
      String(rs.spec?.replicas ?? 0),
      String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
  wideRow(obj) {
    const rs = obj as ReplicaSet;
    return [
      ...containersAndImages(rs.spec?.template?.spec),
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

const daemonsets: ColumnSet = {
  headers: [
    'NAME',
    'DESIRED',
    'CURRENT',
    'READY',
    'UP-TO-DATE',
    'AVAILABLE',
    'NODE SELECTOR',
    'AGE',
  ],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(obj, now) {
    const ds = obj as DaemonSet;
    const s = ds.status;
    const selector = Object.entries(ds.spec?.template.spec?.nodeSelector ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return [
      obj.metadata.name ?? '',
      String(s?.desiredNumberScheduled ?? 0),
      String(s?.currentNumberScheduled ?? 0),
      String(s?.numberReady ?? 0),
      String(s?.updatedNumberScheduled ?? 0),
      String(s?.numberAvailable ?? 0),
      orNone(selector),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
  wideRow(obj) {
    const ds = obj as DaemonSet;
    return [...containersAndImages(ds.spec?.template.spec), formatLabelSelector(ds.spec?.selector)];
  },
};

function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  let status = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  if (node.spec?.unschedulable) status += ',SchedulingDisabled';
  return status;
}

function nodeRoles(node: Node): string {
  const roles: string[] = [];
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/'))
      roles.push(key.slice('node-role.kubernetes.io/'.length));
    else if (key === 'kubernetes.io/role' && value) roles.push(value);
  }
  return roles.length === 0 ? '<none>' : roles.sort().join(',');
}

const nodes: ColumnSet = {
  headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideHeaders: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row(obj, now) {
    const node = obj as Node;
    return [
      obj.metadata.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      age(obj.metadata.creationTimestamp, now),
      node.status?.nodeInfo?.kubeletVersion ?? '',
    ];
  },
  wideRow(obj) {
    const node = obj as Node;
    const address = (type: string): string =>
      orNone((node.status?.addresses ?? []).find((a) => a.type === type)?.address);
    const info = node.status?.nodeInfo;
    return [
      address('InternalIP'),
      address('ExternalIP'),
      orNone(info?.osImage),
      orNone(info?.kernelVersion),
      orNone(info?.containerRuntimeVersion),
    ];
  },
};

const namespaces: ColumnSet = {
  headers: ['NAME', 'STATUS', 'AGE'],
  row(obj, now) {
    return [
      obj.metadata.name ?? '',
      (obj as Namespace).status?.phase ?? '',
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

function servicePorts(svc: Service): string {
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) =>
      p.nodePort
        ? `${String(p.port)}:${String(p.nodePort)}/${p.protocol ?? 'TCP'}`
        : `${String(p.port)}/${p.protocol ?? 'TCP'}`,
    )
    .join(',');
}

function externalIp(svc: Service): string {
  const type = svc.spec?.type ?? 'ClusterIP';
  const external = svc.spec?.externalIPs ?? [];
  if (type === 'ExternalName') return svc.spec?.externalName ?? '<none>';
  if (type === 'LoadBalancer') {
    const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '');
    const all = [...ingress, ...external];
    return all.length > 0 ? all.join(',') : '<pending>';
  }
  return external.length > 0 ? external.join(',') : '<none>';
}

const services: ColumnSet = {
  headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideHeaders: ['SELECTOR'],
  row(obj, now) {
    const svc = obj as Service;
    return [
      obj.metadata.name ?? '',
      svc.spec?.type ?? 'ClusterIP',
      orNone(svc.spec?.clusterIP),
      externalIp(svc),
      servicePorts(svc),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
  wideRow(obj) {
    const selector = Object.entries((obj as Service).spec?.selector ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return [orNone(selector)];
  },
};

/** printEvent: the wide form interleaves its extra columns, so it replaces the whole row. */
function eventCells(e: Event, now: number): Record<string, string> {
  const first = e.firstTimestamp ? age(e.firstTimestamp, now) : age(e.eventTime ?? undefined, now);
  const last = e.lastTimestamp ? age(e.lastTimestamp, now) : first;
  const involved = e.involvedObject;
  const source = e.source?.component ?? e.reportingComponent ?? '';
  const host = e.source?.host ?? '';
  return {
    last,
    first,
    target: involved.name
      ? `${(involved.kind ?? '').toLowerCase()}/${involved.name}`
      : (involved.kind ?? '').toLowerCase(),
    source: host ? `${source}, ${host}` : source,
    count: String(e.count && e.count > 0 ? e.count : 1),
  };
}

const events: ColumnSet = {
  headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  row(obj, now) {
    const e = obj as Event;
    const c = eventCells(e, now);
    return [c.last ?? '', e.type ?? '', e.reason ?? '', c.target ?? '', (e.message ?? '').trim()];
  },
  wideReplacesRow: true,
  wideHeaders: [
    'LAST SEEN',
    'TYPE',
    'REASON',
    'OBJECT',
    'SUBOBJECT',
    'SOURCE',
    'MESSAGE',
    'FIRST SEEN',
    'COUNT',
    'NAME',
  ],
  wideRow(obj, now) {
    const e = obj as Event;
    const c = eventCells(e, now);
    return [
      c.last ?? '',
      e.type ?? '',
      e.reason ?? '',
      c.target ?? '',
      e.involvedObject.fieldPath ?? '',
      c.source ?? '',
      (e.message ?? '').trim(),
      c.first ?? '',
      c.count ?? '',
      obj.metadata.name ?? '',
    ];
  },
};

const COLUMN_SETS: Record<string, ColumnSet> = {
  pods,
  'deployments.apps': deployments,
  'replicasets.apps': replicasets,
  'daemonsets.apps': daemonsets,
  nodes,
  namespaces,
  services,
  events,
  ...NETWORKING_COLUMN_SETS,
  ...MORE_COLUMN_SETS,
};

const generic: ColumnSet = {
  headers: ['NAME', 'AGE'],
  row(obj, now) {
    return [obj.metadata.name ?? '', age(obj.metadata.creationTimestamp, now)];
  },
};

export function columnsFor(resource: string): ColumnSet {
  return COLUMN_SETS[resource] ?? generic;
}
