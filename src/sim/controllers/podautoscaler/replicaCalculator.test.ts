import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types/index.ts';
import { formatRfc3339 } from '../../clock/timeFormat.ts';
import {
  getResourceReplicas,
  ReplicaCalculationError,
  type PodMetric,
} from './replicaCalculator.ts';

const NOW = 1_000_000_000;
const LONG_AGO = formatRfc3339(NOW - 3_600_000);

function pod(
  name: string,
  options: { phase?: string; ready?: boolean; request?: string | null } = {},
): Pod {
  return {
    metadata: { name },
    spec: {
      containers: [
        {
          name: 'app',
          ...(options.request === null
            ? {}
            : { resources: { requests: { cpu: options.request ?? '200m' } } }),
        },
      ],
    },
    status: {
      phase: options.phase ?? 'Running',
      startTime: LONG_AGO,
      conditions: [
        {
          type: 'Ready',
          status: options.ready === false ? 'False' : 'True',
          lastTransitionTime: LONG_AGO,
        },
      ],
    },
  };
}

function metrics(values: Record<string, number>): Map<string, PodMetric> {
  return new Map(
    Object.entries(values).map(([name, valueMilli]) => [
      name,
      { valueMilli, timestampMs: NOW, windowMs: 15_000 },
    ]),
  );
}

describe('getResourceReplicas', () => {
  const cases: {
    name: string;
    pods: Pod[];
    usage: Record<string, number>;
    current: number;
    want: number;
    utilization?: number;
  }[] = [
    {
      name: 'scales up by the usage ratio, rounding up',
      pods: [pod('a'), pod('b')],
      usage: { a: 300, b: 270 },
      current: 2,
      want: 6,
      utilization: 142,
    },
    {
      name: 'keeps the size within the 0.1 tolerance',
      pods: [pod('a'), pod('b')],
      usage: { a: 105, b: 105 },
      current: 2,
      want: 2,
      utilization: 52,
    },
    {
      name: 'scales down when usage is low',
      pods: [pod('a'), pod('b'), pod('c'), pod('d')],
      usage: { a: 10, b: 10, c: 10, d: 10 },
      current: 4,
      want: 1,
      utilization: 5,
    },
    {
      name: 'assumes a missing pod uses its full request on scale-down',
      pods: [pod('a'), pod('b'), pod('c')],
      usage: { a: 20, b: 20 },
      current: 3,
      want: 3,
    },
    {
      name: 'holds when counting a pending pod as idle would flip a scale-up',
      pods: [pod('a'), pod('b', { phase: 'Pending' })],
      usage: { a: 120 },
      current: 2,
      want: 2,
    },
    {
      name: 'still scales up past unready pods when the load is high enough',
      pods: [pod('a'), pod('b', { phase: 'Pending' })],
      usage: { a: 800 },
      current: 2,
      want: 8,
    },
    {
      name: 'ignores failed pods',
      pods: [pod('a'), pod('b', { phase: 'Failed' })],
      usage: { a: 100, b: 900 },
      current: 2,
      want: 2,
    },
  ];

  for (const c of cases)
    it(c.name, () => {
      const result = getResourceReplicas({
        currentReplicas: c.current,
        resource: 'cpu',
        pods: c.pods,
        metrics: metrics(c.usage),
        nowMs: NOW,
        target: { utilization: 50 },
      });
      expect(result.replicas).toBe(c.want);
      if (c.utilization !== undefined) expect(result.utilization).toBe(c.utilization);
    });

  it('fails with the upstream words when metrics or requests are missing', () => {
    const input = {
      currentReplicas: 1,
      resource: 'cpu' as const,
      nowMs: NOW,
      target: { utilization: 50 },
    };
    expect(() => getResourceReplicas({ ...input, pods: [pod('a')], metrics: new Map() })).toThrow(
      'unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    );
    expect(() =>
      getResourceReplicas({
        ...input,
        pods: [pod('a', { request: null })],
        metrics: metrics({ a: 5 }),
      }),
    ).toThrow(new ReplicaCalculationError('missing request for cpu in container app of Pod a'));
  });
});
