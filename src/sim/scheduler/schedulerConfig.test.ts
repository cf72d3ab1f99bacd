import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types/index.ts';
import { numFeasibleNodesToFind } from './framework/framework.ts';
import { settingsFromConfig } from './schedulerConfig.ts';

const config = (body: object): KubeObject => ({
  apiVersion: 'kubescheduler.config.k8s.io/v1',
  kind: 'KubeSchedulerConfiguration',
  metadata: { name: 'c' },
  ...body,
});

describe('KubeSchedulerConfiguration → profile (default_plugins.go, mergePlugins)', () => {
  it('defaults to the v1.32 score weights', () => {
    const score = settingsFromConfig(undefined).profile.points.score.map(
      (p) => `${p.plugin.name}=${String(p.weight)}`,
    );
    expect(score).toEqual([
      'TaintToleration=3',
      'NodeAffinity=2',
      'NodeResourcesFit=1',
      'PodTopologySpread=2',
      'InterPodAffinity=2',
      'NodeResourcesBalancedAllocation=1',
      'ImageLocality=1',
    ]);
  });

  it('disables, re-weights in place and reports unknown plugins', () => {
    const s = settingsFromConfig(
      config({
        podMaxBackoffSeconds: 30,
        profiles: [
          {
            plugins: {
              score: {
                disabled: [{ name: 'ImageLocality' }],
                enabled: [{ name: 'NodeResourcesFit', weight: 5 }, { name: 'NoSuchPlugin' }],
              },
              filter: { disabled: [{ name: '*' }], enabled: [{ name: 'NodeResourcesFit' }] },
            },
          },
        ],
      }),
    );
    expect(s.profile.points.score.map((p) => p.plugin.name)).not.toContain('ImageLocality');
    expect(s.profile.points.score.find((p) => p.plugin.name === 'NodeResourcesFit')?.weight).toBe(
      5,
    );
    expect(s.profile.points.filter.map((p) => p.plugin.name)).toEqual(['NodeResourcesFit']);
    expect(s.maxBackoffMs).toBe(30_000);
    expect(s.errors).toEqual(['plugin "NoSuchPlugin" does not exist']);
  });

  it('rejects an unknown scoring strategy with the config validation wording', () => {
    const s = settingsFromConfig(
      config({
        profiles: [
          {
            pluginConfig: [
              { name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'Random' } } },
            ],
          },
        ],
      }),
    );
    expect(s.errors).toEqual([
      'NodeResourcesFit: scoringStrategy.type: Unsupported value: "Random"',
    ]);
    expect(s.profile.args.fit.scoringStrategy).toBe('LeastAllocated');
  });
});

describe('numFeasibleNodesToFind (schedule_one.go)', () => {
  it('evaluates every node below 100, then an adaptive share with a floor of 100 nodes', () => {
    expect(numFeasibleNodesToFind(99)).toBe(99);
    expect(numFeasibleNodesToFind(100)).toBe(100); // 50 − 0 = 50% → 50, floor 100
    expect(numFeasibleNodesToFind(1000)).toBe(420); // 50 − 8 = 42%
    expect(numFeasibleNodesToFind(5000)).toBe(500); // 50 − 40 = 10%
    expect(numFeasibleNodesToFind(10_000)).toBe(500); // max(5, 50 − 80) = 5%
    expect(numFeasibleNodesToFind(1000, 10)).toBe(100);
  });
});
