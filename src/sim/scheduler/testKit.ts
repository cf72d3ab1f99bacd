/**
 * Builders for scheduler tests: nodes, pods and a cache-backed snapshot, without an API server.
 * Used by the plugin table tests and the property tests beside them.
 */
import type { KubeObject, Node, Pod } from '../api/types/index.ts';
import { Framework } from './framework/framework.ts';
import { CycleState } from './framework/interfaces.ts';
import { PodInfo } from './framework/podInfo.ts';
import { SchedulerCache } from './schedulerCache.ts';
import { settingsFromConfig } from './schedulerConfig.ts';

export interface NodeSpec {
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: number;
  readonly labels?: Record<string, string>;
  readonly taints?: NonNullable<Node['spec']>['taints'];
  readonly unschedulable?: boolean;
  readonly images?: { names: string[]; sizeBytes: number }[];
}

export function makeNode(name: string, spec: NodeSpec = {}): Node {
  const allocatable = {
    cpu: spec.cpu ?? '4',
    memory: spec.memory ?? '8Gi',
    pods: String(spec.pods ?? 110),
    'ephemeral-storage': '100Gi',
  };
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...spec.labels } },
    spec: {
      ...(spec.taints ? { taints: spec.taints } : {}),
      ...(spec.unschedulable ? { unschedulable: true } : {}),
    },
    status: { allocatable, capacity: allocatable, ...(spec.images ? { images: spec.images } : {}) },
  };
}

export interface PodSpecLite {
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly cpu?: string;
  readonly memory?: string;
  readonly priority?: number;
  readonly image?: string;
  readonly spec?: Partial<NonNullable<Pod['spec']>>;
  readonly owner?: { kind: string; name: string; apiVersion: string };
}

export function makePod(name: string, p: PodSpecLite = {}): Pod {
  const requests: Record<string, string> = {};
  if (p.cpu) requests.cpu = p.cpu;
  if (p.memory) requests.memory = p.memory;
  return {
    metadata: {
      name,
      namespace: p.namespace ?? 'default',
      labels: p.labels ?? {},
      ...(p.owner
        ? { ownerReferences: [{ ...p.owner, uid: `uid-${p.owner.name}`, controller: true }] }
        : {}),
    },
    spec: {
      containers: [{ name: 'app', image: p.image ?? 'nginx:1.27', resources: { requests } }],
      priority: p.priority ?? 0,
      ...p.spec,
    },
  };
}

/** A cache holding `nodes` and the `placed` pods, with optional API objects for listers. */
export function makeCache(
  nodes: readonly Node[],
  placed: readonly { pod: Pod; node: string }[] = [],
  objects: readonly KubeObject[] = [],
): SchedulerCache {
  const resourceOf = (kind: string): string =>
    ({
      ReplicaSet: 'replicasets.apps',
      StatefulSet: 'statefulsets.apps',
      Service: 'services',
      PersistentVolumeClaim: 'persistentvolumeclaims',
      PersistentVolume: 'persistentvolumes',
      StorageClass: 'storageclasses.storage.k8s.io',
      PodDisruptionBudget: 'poddisruptionbudgets.policy',
      Namespace: 'namespaces',
    })[kind] ?? kind;
  const cache = new SchedulerCache(
    {
      get: (resource, namespace, name) =>
        objects.find(
          (o) =>
            resourceOf(o.kind) === resource &&
            (o.metadata.namespace ?? '') === namespace &&
            o.metadata.name === name,
        ),
      list: (resource, namespace) =>
        objects.filter(
          (o) =>
            resourceOf(o.kind) === resource &&
            (namespace === undefined || o.metadata.namespace === namespace),
        ),
    },
    (namespace) =>
      objects.find((o) => o.kind === 'Namespace' && o.metadata.name === namespace)?.metadata.labels,
  );
  for (const node of nodes) cache.setNode(node);
  for (const { pod, node } of placed) cache.addPod(new PodInfo(pod), node);
  return cache;
}

export function defaultFramework(): Framework {
  return new Framework(settingsFromConfig(undefined).profile);
}

/** Runs PreFilter then Filter of the default profile on every node: name → first failure. */
export function filterAll(
  cache: SchedulerCache,
  pod: Pod,
  framework = defaultFramework(),
): Map<string, string | undefined> {
  const info = new PodInfo(pod);
  const state = new CycleState();
  const pre = framework.runPreFilter(state, info, cache);
  const out = new Map<string, string | undefined>();
  for (const node of cache.nodeInfos) {
    const failure = pre ?? framework.runFilters(state, info, node);
    out.set(
      node.name,
      failure ? `${failure.plugin}: ${failure.status.reasons.join(', ')}` : undefined,
    );
  }
  return out;
}
