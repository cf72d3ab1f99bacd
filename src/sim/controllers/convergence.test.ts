/**
 * Self-healing as a property: whatever sequence of scaling, image updates, pod deletions, crashes
 * and waiting happens, once the chaos stops the Deployment converges to its desired state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import type { Deployment, KubeObject, Pod } from '../api/types/index.ts';

type Op =
  | { kind: 'scale'; replicas: number }
  | { kind: 'image'; tag: string }
  | { kind: 'delete'; pick: number }
  | { kind: 'crash'; pick: number }
  | { kind: 'wait'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('image' as const), tag: fc.constantFrom('1.26', '1.27', '1.28') }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('crash' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 20_000 }) }),
);

function deployment(replicas: number, tag: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: `nginx:${tag}` }] },
      },
    },
  };
}

describe('self-healing', () => {
  it('converges to the desired state once the chaos stops', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(op, { maxLength: 12 }),
        (seed, ops) => {
          const cluster = createCluster({ seed });
          const actor = { actor: 'test' };
          cluster.api.create(deployment(3, '1.27'), actor);
          cluster.settle();
          let replicas = 3;
          let tag = '1.27';
          const pods = (): (KubeObject & Pod)[] =>
            cluster.api.list('pods', 'default') as (KubeObject & Pod)[];
          for (const o of ops) {
            if (o.kind === 'scale' || o.kind === 'image') {
              if (o.kind === 'scale') replicas = o.replicas;
              else tag = o.tag;
              cluster.api.mutate(
                'deployments.apps',
                'default',
                'web',
                (d) => {
                  const next = deployment(replicas, tag).spec as Deployment['spec'];
                  (d.spec as Deployment['spec'] & object).replicas = next?.replicas ?? 0;
                  (d.spec as Deployment['spec'] & object).template = next?.template ?? {
                    metadata: {},
                  };
                },
                actor,
              );
            } else if (o.kind === 'delete' || o.kind === 'crash') {
              const live = pods().filter((p) => !p.metadata.deletionTimestamp);
              const victim = live[o.pick % Math.max(1, live.length)];
              if (victim?.metadata.name) {
                if (o.kind === 'delete')
                  cluster.api.delete('pods', 'default', victim.metadata.name, actor);
                else cluster.crashContainer('default', victim.metadata.name);
              }
            } else cluster.advance(o.ms);
            cluster.settle();
          }
          cluster.advance(3 * 60_000);
          const d = cluster.api.get('deployments.apps', 'default', 'web') as KubeObject &
            Deployment;
          const running = pods().filter(
            (p) =>
              !p.metadata.deletionTimestamp &&
              p.status?.phase === 'Running' &&
              (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
          );
          expect(running).toHaveLength(replicas);
          expect(pods()).toHaveLength(replicas);
          for (const p of running) expect(p.spec?.containers[0]?.image).toBe(`nginx:${tag}`);
          expect(d.status?.replicas ?? 0).toBe(replicas);
          expect(d.status?.updatedReplicas ?? 0).toBe(replicas);
          expect(d.status?.availableReplicas ?? 0).toBe(replicas);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
