import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster, type KubeObject, type Pod } from '../../index.ts';

const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }],
      },
    },
  },
};
const SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
};

interface SliceEndpoint {
  targetRef?: { name?: string };
  conditions?: { ready?: boolean; terminating?: boolean };
}

/** What the slices say, and what a from-scratch look at the pods says they should say. */
function compare(cluster: Cluster): { slices: string[]; pods: string[] } {
  const slices = cluster.api
    .list('endpointslices.discovery.k8s.io', 'default')
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')
    .flatMap((s) => (s as KubeObject & { endpoints?: SliceEndpoint[] }).endpoints ?? [])
    .map(
      (e) =>
        `${e.targetRef?.name ?? ''}:${String(e.conditions?.ready)}:${String(e.conditions?.terminating)}`,
    )
    .sort();
  const pods = cluster.api
    .list('pods', 'default')
    .map((obj) => obj as KubeObject & Pod)
    .filter((p) => p.metadata.labels?.app === 'web' && p.status?.podIP)
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .map((p) => {
      const terminating = p.metadata.deletionTimestamp !== undefined;
      const ready = (p.status?.conditions ?? []).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
      return `${p.metadata.name ?? ''}:${String(ready && !terminating)}:${String(terminating)}`;
    })
    .sort();
  return { slices, pods };
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('relabel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 100, max: 20_000 }) }),
);

describe('the EndpointSlice controller', () => {
  it('always agrees with a from-scratch look at the selected pods', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 99 }),
        (ops, seed) => {
          const cluster = createCluster({ seed });
          cluster.api.create(DEPLOYMENT, { actor: 'test' });
          cluster.api.create(SERVICE, { actor: 'test' });
          cluster.advance(20_000);
          for (const step of ops) {
            const pods = cluster.api
              .list('pods', 'default')
              .filter((p) => p.metadata.labels?.app === 'web');
            const target =
              pods.length > 0 ? pods[('pick' in step ? step.pick : 0) % pods.length] : undefined;
            if (step.kind === 'scale')
              cluster.api.mutate(
                'deployments.apps',
                'default',
                'web',
                (d) => {
                  (d.spec as { replicas: number }).replicas = step.replicas;
                },
                { actor: 'test' },
              );
            else if (step.kind === 'relabel' && target)
              cluster.api.mutate(
                'pods',
                'default',
                target.metadata.name ?? '',
                (d) => {
                  d.metadata.labels = { app: 'debug' };
                },
                { actor: 'test' },
              );
            else if (step.kind === 'delete' && target)
              cluster.api.delete('pods', 'default', target.metadata.name ?? '', { actor: 'test' });
            cluster.advance(step.kind === 'wait' ? step.ms : 0);
            const { slices, pods: expected } = compare(cluster);
            expect(slices).toEqual(expected);
          }
        },
      ),
      { numRuns: 8 },
    );
  }, 60_000);
});
