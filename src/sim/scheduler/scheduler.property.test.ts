/**
 * Properties over random clusters and pods (fast-check): the scheduler never places a pod on a
 * node where a filter fails — checked against a cache rebuilt from scratch, so the incremental
 * NodeInfo, topology and affinity indexes are checked too — and requested resources never exceed
 * allocatable on any node.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types/index.ts';
import { selectHost } from './framework/framework.ts';
import { PodInfo } from './framework/podInfo.ts';
import { SeededRandom } from './../random/seededRandom.ts';
import { defaultFramework, makeCache, makeNode, makePod } from './testKit.ts';

const arbNode = (i: number) =>
  fc
    .record({
      cpu: fc.constantFrom('1', '2', '4'),
      memory: fc.constantFrom('1Gi', '4Gi'),
      pods: fc.integer({ min: 1, max: 6 }),
      zone: fc.constantFrom('a', 'b', 'c'),
      disk: fc.constantFrom('ssd', 'hdd', undefined),
      tainted: fc.boolean(),
      cordoned: fc.boolean(),
    })
    .map((n): Node =>
      makeNode(`node-${String(i)}`, {
        cpu: n.cpu,
        memory: n.memory,
        pods: n.pods,
        labels: { 'topology.kubernetes.io/zone': n.zone, ...(n.disk ? { disk: n.disk } : {}) },
        ...(n.tainted ? { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] } : {}),
        unschedulable: n.cordoned,
      }),
    );

const arbPod = (i: number) =>
  fc
    .record({
      app: fc.constantFrom('web', 'db', 'cache'),
      cpu: fc.constantFrom('', '100m', '500m', '1500m'),
      memory: fc.constantFrom('', '256Mi', '2Gi'),
      selector: fc.constantFrom(undefined, 'ssd', 'hdd'),
      tolerates: fc.boolean(),
      anti: fc.boolean(),
      spread: fc.boolean(),
      priority: fc.constantFrom(0, 10),
    })
    .map((p): Pod => {
      const spec: NonNullable<Pod['spec']> = { containers: [] };
      if (p.selector) spec.nodeSelector = { disk: p.selector };
      if (p.tolerates) spec.tolerations = [{ key: 'dedicated', operator: 'Exists' }];
      if (p.anti)
        spec.affinity = {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                labelSelector: { matchLabels: { app: p.app } },
                topologyKey: 'kubernetes.io/hostname',
              },
            ],
          },
        };
      if (p.spread)
        spec.topologySpreadConstraints = [
          {
            maxSkew: 1,
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: 'DoNotSchedule',
            labelSelector: { matchLabels: { app: p.app } },
          },
        ];
      return makePod(`pod-${String(i)}`, {
        labels: { app: p.app },
        cpu: p.cpu,
        memory: p.memory,
        priority: p.priority,
        spec,
      });
    });

const arbCase = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 25 }), fc.integer())
  .chain(([nodes, pods, seed]) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: nodes }, (_, i) => arbNode(i))),
      fc.tuple(...Array.from({ length: pods }, (_, i) => arbPod(i))),
      fc.constant(seed),
    ),
  );

describe('scheduler properties', () => {
  it('never places a pod where a filter fails, and never overcommits a node', () => {
    fc.assert(
      fc.property(arbCase, ([nodes, pods, seed]) => {
        const framework = defaultFramework();
        const cache = makeCache(nodes);
        const random = SeededRandom.fork(seed >>> 0, 'property');
        const placed: { pod: Pod; node: string }[] = [];
        let start = 0;
        for (const pod of pods) {
          const info = new PodInfo(pod);
          const result = framework.run(info, cache, start, true);
          start = (start + result.processed) % nodes.length;
          if (result.feasible.length === 0) continue;
          const chosen = selectHost(result.feasible, result.totals, (n) => random.int(n));
          // Re-check on a cache built from scratch with the pods placed so far.
          const fresh = makeCache(nodes, placed);
          const failure = framework.fitsOn(new PodInfo(pod), fresh, fresh.nodeInfo(chosen.name)!);
          expect(failure).toBeUndefined();
          cache.addPod(info, chosen.name);
          placed.push({ pod, node: chosen.name });
        }
        for (const node of cache.nodeInfos) {
          expect(node.requested.milliCpu).toBeLessThanOrEqual(node.allocatable.milliCpu);
          expect(node.requested.memory).toBeLessThanOrEqual(node.allocatable.memory);
          expect(node.pods.size).toBeLessThanOrEqual(node.allowedPodNumber);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps incremental spreading and affinity counts equal to a rebuild', () => {
    fc.assert(
      fc.property(arbCase, ([nodes, pods]) => {
        const cache = makeCache(nodes);
        const infos = pods.map((p) => new PodInfo(p));
        infos.forEach((info, i) => {
          cache.addPod(info, nodes[i % nodes.length]?.metadata?.name ?? '');
        });
        // Warm the indexes, then remove every third pod incrementally.
        const selector = [{ key: 'app', operator: 'In' as const, values: ['web'] }];
        cache.topologyDomains('default', selector, 'web', 'topology.kubernetes.io/zone');
        expect([...cache.affinityTerms(infos[0]!)]).toBeDefined();
        infos.forEach((info, i) => {
          if (i % 3 === 0) cache.removePod(info.key);
        });
        const kept = pods.flatMap((pod, i) =>
          i % 3 === 0 ? [] : [{ pod, node: nodes[i % nodes.length]?.metadata?.name ?? '' }],
        );
        const fresh = makeCache(nodes, kept);
        const domains = (c: typeof cache) =>
          [...c.topologyDomains('default', selector, 'web', 'topology.kubernetes.io/zone')].sort();
        expect(domains(cache)).toEqual(domains(fresh));
        for (const probe of infos) {
          const terms = (c: typeof cache) =>
            [...c.affinityTerms(probe)]
              .map((t) => `${t.kind}:${JSON.stringify([...t.counts].sort())}`)
              .sort();
          expect(terms(cache)).toEqual(terms(fresh));
        }
      }),
      { numRuns: 100 },
    );
  });
});
