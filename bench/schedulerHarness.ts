/**
 * A lightweight harness for measuring the scheduler: the real cache, framework, plugins, host
 * selection and scheduling records, driven directly instead of through the API server (whose
 * writes, watches and frozen objects would otherwise be what we measure). Pods are assumed on the
 * chosen node exactly as the Scheduler does before it binds.
 */
import type { KubeObject, Node, Pod } from '../src/sim/api/types/index.ts';
import { Framework, selectHost } from '../src/sim/scheduler/framework/framework.ts';
import { PodInfo } from '../src/sim/scheduler/framework/podInfo.ts';
import { SchedulerCache } from '../src/sim/scheduler/schedulerCache.ts';
import { settingsFromConfig } from '../src/sim/scheduler/schedulerConfig.ts';
import { SchedulingRecords } from '../src/sim/scheduler/schedulingRecord.ts';
import { SeededRandom } from '../src/sim/random/seededRandom.ts';

export const ZONES = 10;
const APPS = 20;

export interface Harness {
  readonly cache: SchedulerCache;
  readonly framework: Framework;
  readonly records: SchedulingRecords;
  readonly random: SeededRandom;
  nextStart: number;
  created: number;
  scheduled: number;
  unschedulable: number;
}

function node(i: number): Node {
  const name = `node-${String(i)}`;
  const capacity = { cpu: '32', memory: '128Gi', pods: '110', 'ephemeral-storage': '500Gi' };
  return {
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': `zone-${String(i % ZONES)}`,
        'node.kubernetes.io/instance-type': i % 3 === 0 ? 'large' : 'standard',
      },
    },
    spec: {},
    status: {
      capacity,
      allocatable: capacity,
      images: [
        { names: ['registry.k8s.io/pause:3.10'], sizeBytes: 320_368 },
        ...(i % 4 === 0
          ? [{ names: ['docker.io/library/nginx:1.27'], sizeBytes: 72_188_133 }]
          : []),
      ],
    },
  };
}

function replicaSet(app: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `app-${String(app)}-7c5ddbdf54`, namespace: 'default' },
    spec: { selector: { matchLabels: { app: `app-${String(app)}` } } },
  };
}

export function createHarness(nodes: number, seed = 1): Harness {
  const replicaSets = new Map<string, KubeObject>();
  for (let a = 0; a < APPS; a++) {
    const rs = replicaSet(a);
    replicaSets.set(rs.metadata.name ?? '', rs);
  }
  const cache = new SchedulerCache(
    {
      get: (resource, _ns, name) =>
        resource === 'replicasets.apps' ? replicaSets.get(name) : undefined,
      list: () => [],
    },
    () => ({}),
  );
  for (let i = 0; i < nodes; i++) cache.setNode(node(i));
  return {
    cache,
    framework: new Framework(settingsFromConfig(undefined).profile),
    records: new SchedulingRecords(),
    random: SeededRandom.fork(seed, 'bench'),
    nextStart: 0,
    created: 0,
    scheduled: 0,
    unschedulable: 0,
  };
}

/** The mix: most pods belong to ReplicaSets (default spreading), some carry affinity or spread. */
export function makePod(h: Harness): Pod {
  const r = h.random;
  const i = h.created++;
  const app = r.int(APPS);
  const label = `app-${String(app)}`;
  const kind = r.int(100);
  const cpu = `${String(100 + 100 * r.int(8))}m`;
  const memory = `${String(128 * (1 + r.int(8)))}Mi`;
  const spec: NonNullable<Pod['spec']> = {
    containers: [
      {
        name: 'app',
        image: 'docker.io/library/nginx:1.27',
        resources: { requests: { cpu, memory } },
      },
    ],
    priority: 0,
  };
  if (kind >= 60 && kind < 70) {
    spec.affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: {
              labelSelector: { matchLabels: { app: label } },
              topologyKey: 'kubernetes.io/hostname',
            },
          },
        ],
      },
    };
  } else if (kind >= 70 && kind < 75) {
    spec.affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            labelSelector: { matchLabels: { group: `g-${String(i % 500)}` } },
            topologyKey: 'kubernetes.io/hostname',
          },
        ],
      },
    };
  } else if (kind >= 75 && kind < 85) {
    spec.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: label } },
      },
    ];
  } else if (kind >= 85 && kind < 90) {
    spec.nodeSelector = { 'node.kubernetes.io/instance-type': 'large' };
  }
  const owned = kind < 60;
  return {
    metadata: {
      name: `${label}-${String(i)}`,
      namespace: 'default',
      labels: { app: label, group: `g-${String(i % 500)}` },
      ...(owned
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: `${label}-7c5ddbdf54`,
                uid: `uid-${label}`,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec,
  };
}

/** Schedules `count` new pods; returns how many were placed. */
export function schedulePods(h: Harness, count: number): number {
  const pods: PodInfo[] = [];
  for (let i = 0; i < count; i++) pods.push(new PodInfo(makePod(h)));
  let placed = 0;
  for (const pod of pods) {
    const n = h.cache.nodeCount;
    const result = h.framework.run(pod, h.cache, h.nextStart, true);
    h.nextStart = (h.nextStart + result.processed) % n;
    const base = {
      podKey: pod.key,
      podUid: pod.key,
      attempt: 1,
      timeMs: 0,
      totalNodes: n,
      evaluatedNodes: result.evaluated.length,
      feasibleNodes: result.feasible.length,
      detail: result.detail,
    };
    if (result.feasible.length === 0) {
      h.unschedulable++;
      h.records.add({ ...base, message: 'unschedulable' });
      continue;
    }
    const chosen = selectHost(result.feasible, result.totals, (k) => h.random.int(k));
    h.cache.addPod(pod, chosen.name);
    h.records.add({ ...base, chosenNode: chosen.name });
    placed++;
  }
  h.scheduled += placed;
  return placed;
}
