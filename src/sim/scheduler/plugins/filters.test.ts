/**
 * Table tests for the node-level filters and their scores, each case worked out from the
 * upstream plugin's rule (named in the test).
 */
import { describe, expect, it } from 'vitest';
import { CycleState } from '../framework/interfaces.ts';
import { PodInfo } from '../framework/podInfo.ts';
import { makeCache, makeNode, makePod } from '../testKit.ts';
import {
  calculatePriority,
  imageLocality,
  normalizedImageName,
} from './imagelocality/imageLocality.ts';
import { nodeAffinity } from './nodeaffinity/nodeAffinity.ts';
import { nodePorts } from './nodeports/nodePorts.ts';
import { nodeUnschedulable } from './nodeunschedulable/nodeUnschedulable.ts';
import { taintToleration } from './tainttoleration/taintToleration.ts';

const state = () => new CycleState();
const infoOf = (node: ReturnType<typeof makeNode>) =>
  makeCache([node]).nodeInfo(node.metadata?.name ?? '')!;

describe('NodeUnschedulable (node_unschedulable.go)', () => {
  it('rejects a cordoned node as unresolvable', () => {
    const status = nodeUnschedulable.filter(
      state(),
      new PodInfo(makePod('p')),
      infoOf(makeNode('n', { unschedulable: true })),
    );
    expect(status).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) were unschedulable'],
    });
  });
  it('admits a pod tolerating node.kubernetes.io/unschedulable', () => {
    const pod = makePod('p', {
      spec: {
        tolerations: [
          { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
        ],
      },
    });
    expect(
      nodeUnschedulable.filter(
        state(),
        new PodInfo(pod),
        infoOf(makeNode('n', { unschedulable: true })),
      ).code,
    ).toBe('Success');
  });
});

describe('TaintToleration (taint_toleration.go)', () => {
  const tainted = makeNode('n', {
    taints: [
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'spot', effect: 'PreferNoSchedule' },
    ],
  });
  const cases = [
    {
      name: 'an untolerated NoSchedule taint rejects with its key and value',
      tolerations: [],
      want: ['node(s) had untolerated taint {dedicated: gpu}'],
    },
    {
      name: 'Equal with the right value tolerates',
      tolerations: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
      want: [],
    },
    {
      name: 'Exists with an empty key tolerates everything',
      tolerations: [{ operator: 'Exists' }],
      want: [],
    },
    {
      name: 'a toleration for another effect does not help',
      tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }],
      want: ['node(s) had untolerated taint {dedicated: gpu}'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pod = new PodInfo(makePod('p', { spec: { tolerations: c.tolerations } }));
      expect(taintToleration.filter(state(), pod, infoOf(tainted)).reasons).toEqual(c.want);
    });
  }
  it('scores untolerated PreferNoSchedule taints in reverse: most taints → 0, none → 100', () => {
    const s = state();
    const pod = new PodInfo(makePod('p'));
    const nodes = [makeNode('a'), tainted];
    const cache = makeCache(nodes);
    taintToleration.preScore(s, pod);
    const scores = Float64Array.from(cache.nodeInfos.map((n) => taintToleration.score(s, pod, n)));
    expect([...scores]).toEqual([0, 1]);
    taintToleration.normalizeScores(s, pod, scores, 2);
    expect([...scores]).toEqual([100, 0]);
  });
});

describe('NodeAffinity (node_affinity.go)', () => {
  const node = makeNode('n', { labels: { zone: 'a', disk: 'ssd', gen: '5' } });
  const required = (terms: object[]) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
      },
    },
  });
  const cases = [
    {
      name: 'nodeSelector labels must all match',
      spec: { nodeSelector: { zone: 'a', disk: 'hdd' } },
      fits: false,
    },
    {
      name: 'terms are ORed',
      spec: required([
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
        { matchExpressions: [{ key: 'disk', operator: 'Exists' }] },
      ]),
      fits: true,
    },
    {
      name: 'expressions in a term are ANDed',
      spec: required([
        {
          matchExpressions: [
            { key: 'zone', operator: 'In', values: ['a'] },
            { key: 'disk', operator: 'DoesNotExist' },
          ],
        },
      ]),
      fits: false,
    },
    {
      name: 'Gt compares integers',
      spec: required([{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }] }]),
      fits: true,
    },
    {
      name: 'matchFields selects by metadata.name',
      spec: required([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] }]),
      fits: true,
    },
    { name: 'an empty term matches nothing', spec: required([{}]), fits: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pod = new PodInfo(makePod('p', { spec: c.spec }));
      const status = nodeAffinity.filter(state(), pod, infoOf(node));
      expect(status.code).toBe(c.fits ? 'Success' : 'UnschedulableAndUnresolvable');
      if (!c.fits)
        expect(status.reasons).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
    });
  }
  it('sums preferred weights and normalizes by the maximum', () => {
    const pod = new PodInfo(
      makePod('p', {
        spec: {
          affinity: {
            nodeAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 30,
                  preference: {
                    matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }],
                  },
                },
                {
                  weight: 10,
                  preference: {
                    matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }],
                  },
                },
              ],
            },
          },
        },
      }),
    );
    const cache = makeCache([node, makeNode('m', { labels: { disk: 'ssd' } })]);
    const scores = Float64Array.from(
      cache.nodeInfos.map((n) => nodeAffinity.score(state(), pod, n)),
    );
    expect([...scores]).toEqual([40, 10]);
    nodeAffinity.normalizeScores(state(), pod, scores, 2);
    expect([...scores]).toEqual([100, 25]);
  });
});

describe('NodePorts (node_ports.go, HostPortInfo.CheckConflict)', () => {
  const withPort = (name: string, port: number, hostIP?: string) =>
    makePod(name, {
      spec: {
        containers: [
          {
            name: 'c',
            image: 'x',
            ports: [{ containerPort: 80, hostPort: port, ...(hostIP ? { hostIP } : {}) }],
          },
        ],
      },
    });
  const cases = [
    {
      name: 'the same port on 0.0.0.0 conflicts',
      used: withPort('a', 8080),
      want: withPort('b', 8080),
      fits: false,
    },
    {
      name: 'a specific IP conflicts with 0.0.0.0',
      used: withPort('a', 8080),
      want: withPort('b', 8080, '10.0.0.1'),
      fits: false,
    },
    {
      name: 'two different IPs do not conflict',
      used: withPort('a', 8080, '10.0.0.2'),
      want: withPort('b', 8080, '10.0.0.1'),
      fits: true,
    },
    {
      name: 'another port does not conflict',
      used: withPort('a', 8080),
      want: withPort('b', 9090),
      fits: true,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cache = makeCache([makeNode('n')], [{ pod: c.used, node: 'n' }]);
      const status = nodePorts.filter(state(), new PodInfo(c.want), cache.nodeInfo('n')!);
      expect(status.code).toBe(c.fits ? 'Success' : 'Unschedulable');
    });
  }
});

describe('ImageLocality (image_locality.go)', () => {
  it('adds :latest to untagged names only', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(normalizedImageName('nginx:1.27')).toBe('nginx:1.27');
  });
  it('scales between 23 MB and 1000 MB per container', () => {
    const MB = 1024 * 1024;
    expect(calculatePriority(10 * MB, 1)).toBe(0);
    expect(calculatePriority(1000 * MB, 1)).toBe(100);
    expect(calculatePriority(Math.round(511.5 * MB), 1)).toBe(50);
  });
  it('scores by size × spread, and does not match a short name against the full one', () => {
    const image = { names: ['docker.io/library/nginx:1.27'], sizeBytes: 500 * 1024 * 1024 };
    const cache = makeCache([makeNode('a', { images: [image] }), makeNode('b')]);
    const s = state();
    const full = new PodInfo(makePod('p', { image: 'docker.io/library/nginx:1.27' }));
    imageLocality.preScore(s, full, cache.nodeInfos, cache);
    // 500 MB × (1 node of 2) = 250 MB → (250 − 23)·100/(1000 − 23) = 23
    expect(cache.nodeInfos.map((n) => imageLocality.score(s, full, n))).toEqual([23, 0]);
    const short = new PodInfo(makePod('p', { image: 'nginx:1.27' }));
    imageLocality.preScore(s, short, cache.nodeInfos, cache);
    expect(cache.nodeInfos.map((n) => imageLocality.score(s, short, n))).toEqual([0, 0]);
  });
});
