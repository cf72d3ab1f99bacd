/**
 * PodTopologySpread, InterPodAffinity and VolumeBinding against small clusters, with the
 * expected outcome worked out from the upstream rule named in each test.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types/index.ts';
import { CycleState } from '../framework/interfaces.ts';
import { PodInfo } from '../framework/podInfo.ts';
import { filterAll, makeCache, makeNode, makePod } from '../testKit.ts';
import { createPodTopologySpread } from './podtopologyspread/podTopologySpread.ts';
import { createInterPodAffinity } from './interpodaffinity/interPodAffinity.ts';

const zoneNodes = [
  makeNode('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
  makeNode('a2', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
  makeNode('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }),
  makeNode('nolabel'),
];
const web = (name: string) => makePod(name, { labels: { app: 'web' } });
const spread = (whenUnsatisfiable: string, maxSkew = 1) => ({
  topologySpreadConstraints: [
    {
      maxSkew,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable,
      labelSelector: { matchLabels: { app: 'web' } },
    },
  ],
});

describe('PodTopologySpread filter (filtering.go)', () => {
  it('rejects domains whose skew would exceed maxSkew and nodes missing the key', () => {
    const cache = makeCache(zoneNodes, [
      { pod: web('w1'), node: 'a1' },
      { pod: web('w2'), node: 'b1' },
      { pod: web('w3'), node: 'a2' },
    ]);
    const pod = makePod('p', { labels: { app: 'web' }, spec: spread('DoNotSchedule') });
    // zone a has 2, zone b has 1 (the minimum): a → 2 + 1 − 1 = 2 > 1; b → 1 + 1 − 1 = 1.
    expect(Object.fromEntries(filterAll(cache, pod))).toEqual({
      a1: "PodTopologySpread: node(s) didn't match pod topology spread constraints",
      a2: "PodTopologySpread: node(s) didn't match pod topology spread constraints",
      b1: undefined,
      nolabel:
        "PodTopologySpread: node(s) didn't match pod topology spread constraints (missing required label)",
    });
  });

  it('does not count the pod itself when it does not match its own selector', () => {
    const cache = makeCache(zoneNodes, [{ pod: web('w1'), node: 'a1' }]);
    const pod = makePod('p', { labels: { app: 'other' }, spec: spread('DoNotSchedule', 1) });
    // a: 1 + 0 − 0 = 1 ≤ 1, so every labelled node fits.
    expect(filterAll(cache, pod).get('a1')).toBeUndefined();
  });

  it('treats minDomains above the domain count as a global minimum of 0', () => {
    const cache = makeCache(zoneNodes, [
      { pod: web('w1'), node: 'a1' },
      { pod: web('w2'), node: 'b1' },
    ]);
    const s = spread('DoNotSchedule');
    const withMin = {
      topologySpreadConstraints: [{ ...s.topologySpreadConstraints[0]!, minDomains: 3 }],
    };
    const pod = makePod('p', { labels: { app: 'web' }, spec: withMin });
    // Each zone has 1; with min 0 the skew is 1 + 1 − 0 = 2 > 1 everywhere.
    expect([...filterAll(cache, pod).values()].every((v) => v !== undefined)).toBe(true);
  });
});

describe('PodTopologySpread score (scoring.go)', () => {
  it('spreads a ReplicaSet’s pods by the system default constraints', () => {
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-1', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } } },
    };
    const owner = { kind: 'ReplicaSet', name: 'web-1', apiVersion: 'apps/v1' };
    const nodes = [makeNode('n1'), makeNode('n2')];
    const cache = makeCache(
      nodes,
      [{ pod: makePod('w1', { labels: { app: 'web' }, owner }), node: 'n1' }],
      [rs],
    );
    const plugin = createPodTopologySpread();
    const pod = new PodInfo(makePod('p', { labels: { app: 'web' }, owner }));
    const s = new CycleState();
    expect(plugin.preScore(s, pod, cache.nodeInfos, cache).code).toBe('Success');
    // hostname: count × log(2 + 2) + (3 − 1); zone label absent → not scored.
    const raw = Float64Array.from(cache.nodeInfos.map((n) => plugin.score(s, pod, n)));
    expect([...raw]).toEqual([Math.round(Math.log(4) + 2), 2]);
    plugin.normalizeScores!(s, pod, raw, 2);
    // 100 × (max + min − s) / max: n1 = 100·(3+2−3)/3 = 66, n2 = 100.
    expect([...raw]).toEqual([66, 100]);
  });

  it('skips scoring for a bare pod nothing selects', () => {
    const cache = makeCache([makeNode('n1')]);
    const plugin = createPodTopologySpread();
    expect(
      plugin.preScore(new CycleState(), new PodInfo(makePod('p')), cache.nodeInfos, cache).code,
    ).toBe('Skip');
  });
});

describe('InterPodAffinity (filtering.go, scoring.go)', () => {
  const affinity = (
    kind: 'podAffinity' | 'podAntiAffinity',
    app: string,
    key = 'kubernetes.io/hostname',
  ) => ({
    affinity: {
      [kind]: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { app } }, topologyKey: key },
        ],
      },
    },
  });
  const nodes = [makeNode('n1'), makeNode('n2')];

  it('lets the first pod of a self-affine group go anywhere', () => {
    const pod = makePod('p', { labels: { app: 'db' }, spec: affinity('podAffinity', 'db') });
    expect([...filterAll(makeCache(nodes), pod).values()]).toEqual([undefined, undefined]);
  });

  it('requires a matching pod in the domain once one exists (unresolvable otherwise)', () => {
    const cache = makeCache(nodes, [{ pod: makePod('db', { labels: { app: 'db' } }), node: 'n2' }]);
    const pod = makePod('p', { labels: { app: 'web' }, spec: affinity('podAffinity', 'db') });
    expect(Object.fromEntries(filterAll(cache, pod))).toEqual({
      n1: "InterPodAffinity: node(s) didn't match pod affinity rules",
      n2: undefined,
    });
  });

  it('rejects a node holding a pod the incoming pod is anti-affine to', () => {
    const cache = makeCache(nodes, [{ pod: makePod('db', { labels: { app: 'db' } }), node: 'n1' }]);
    const pod = makePod('p', { spec: affinity('podAntiAffinity', 'db') });
    expect(filterAll(cache, pod).get('n1')).toBe(
      "InterPodAffinity: node(s) didn't match pod anti-affinity rules",
    );
  });

  it('honours existing pods’ anti-affinity against the incoming pod', () => {
    const cache = makeCache(nodes, [
      {
        pod: makePod('db', { labels: { app: 'db' }, spec: affinity('podAntiAffinity', 'web') }),
        node: 'n1',
      },
    ]);
    const pod = makePod('p', { labels: { app: 'web' } });
    expect(Object.fromEntries(filterAll(cache, pod))).toEqual({
      n1: "InterPodAffinity: node(s) didn't satisfy existing pods anti-affinity rules",
      n2: undefined,
    });
  });

  it('scores preferred terms and existing hard affinity, normalized min–max', () => {
    const cache = makeCache(nodes, [
      { pod: makePod('cache', { labels: { app: 'cache' } }), node: 'n1' },
      { pod: makePod('fan', { spec: affinity('podAffinity', 'web') }), node: 'n2' },
    ]);
    const pod = new PodInfo(
      makePod('p', {
        labels: { app: 'web' },
        spec: {
          affinity: {
            podAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 5,
                  podAffinityTerm: {
                    labelSelector: { matchLabels: { app: 'cache' } },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                },
              ],
            },
          },
        },
      }),
    );
    const plugin = createInterPodAffinity();
    const s = new CycleState();
    expect(plugin.preScore(s, pod, cache.nodeInfos, cache).code).toBe('Success');
    // n1: +5 (preferred term matches "cache"); n2: +1 (fan's required affinity matches us, hardPodAffinityWeight 1).
    const raw = Float64Array.from(cache.nodeInfos.map((n) => plugin.score(s, pod, n)));
    expect([...raw]).toEqual([5, 1]);
    plugin.normalizeScores!(s, pod, raw, 2);
    expect([...raw]).toEqual([100, 0]);
  });
});

describe('VolumeBinding (volume_binding.go)', () => {
  const withClaim = makePod('p', {
    spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] },
  });
  const pvc = (spec: object): KubeObject => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'default' },
    spec,
  });
  const sc = (mode: string, provisioner = 'kubernetes.io/no-provisioner'): KubeObject => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'local' },
    provisioner,
    volumeBindingMode: mode,
  });

  it('rejects in PreFilter when the claim does not exist', () => {
    expect(filterAll(makeCache([makeNode('n')]), withClaim).get('n')).toBe(
      'VolumeBinding: persistentvolumeclaim "data" not found',
    );
  });
  it('waits for an unbound claim of an Immediate class', () => {
    const cache = makeCache(
      [makeNode('n')],
      [],
      [pvc({ storageClassName: 'local' }), sc('Immediate')],
    );
    expect(filterAll(cache, withClaim).get('n')).toBe(
      'VolumeBinding: pod has unbound immediate PersistentVolumeClaims',
    );
  });
  it('needs a matching volume on the node for WaitForFirstConsumer without a provisioner', () => {
    const pv: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv1' },
      spec: {
        storageClassName: 'local',
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'kubernetes.io/hostname', operator: 'In', values: ['n2'] },
                ],
              },
            ],
          },
        },
      },
    };
    const claim = pvc({
      storageClassName: 'local',
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '5Gi' } },
    });
    const cache = makeCache(
      [makeNode('n1'), makeNode('n2')],
      [],
      [claim, sc('WaitForFirstConsumer'), pv],
    );
    expect(Object.fromEntries(filterAll(cache, withClaim))).toEqual({
      n1: "VolumeBinding: node(s) didn't find available persistent volumes to bind",
      n2: undefined,
    });
  });
});
