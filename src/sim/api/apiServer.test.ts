import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VirtualClock } from '../clock/virtualClock.ts';
import { SeededRandom } from '../random/seededRandom.ts';
import { registerAdmission } from './admission/index.ts';
import { ApiServer } from './apiServer.ts';
import { registerStrategies } from './registry/index.ts';
import { isApiError } from './statusErrors.ts';
import type { KubeObject } from './types/index.ts';
import type { WatchEvent } from './watch.ts';

function newApi(): ApiServer {
  const api = new ApiServer({
    clock: new VirtualClock(0),
    random: new SeededRandom(1),
    freezeObjects: true,
  });
  registerStrategies(api, new SeededRandom(2));
  registerAdmission(api);
  for (const name of ['default', 'kube-system'])
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { actor: 'test' });
  return api;
}

const pod = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
  ...extra,
});

describe('ApiServer', () => {
  it('assigns uid, resourceVersion, creationTimestamp and defaults on create', () => {
    const api = newApi();
    const created = api.create(pod('web'), { actor: 'kubectl' });
    expect(created.metadata.uid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(created.metadata.creationTimestamp).toBe('1970-01-01T00:00:00Z');
    const spec = created.spec as {
      restartPolicy: string;
      schedulerName: string;
      tolerations: unknown[];
    };
    expect(spec.restartPolicy).toBe('Always');
    expect(spec.schedulerName).toBe('default-scheduler');
    expect(spec.tolerations).toHaveLength(2);
    expect((created.status as { phase: string }).phase).toBe('Pending');
  });

  it('stores frozen objects, so a component that mutates one fails at once', () => {
    const api = newApi();
    const created = api.create(pod('web'), { actor: 'kubectl' });
    expect(() => {
      created.metadata.name = 'other';
    }).toThrow(TypeError);
  });

  it('rejects duplicates and missing namespaces with the API errors', () => {
    const api = newApi();
    api.create(pod('web'), { actor: 'kubectl' });
    expect(() => api.create(pod('web'), { actor: 'kubectl' })).toThrow('pods "web" already exists');
    expect(() =>
      api.create({ ...pod('x'), metadata: { name: 'x', namespace: 'dev' } }, { actor: 'kubectl' }),
    ).toThrow('namespaces "dev" not found');
  });

  it('writes nothing for an update that changes nothing', () => {
    const api = newApi();
    const created = api.create(pod('web'), { actor: 'kubectl' });
    const before = api.changeLog.length;
    const same = api.update(structuredClone(created), { actor: 'kubectl' });
    expect(same).toBe(created);
    expect(api.changeLog.length).toBe(before);
  });

  it('refuses a stale resourceVersion (optimistic concurrency)', () => {
    const api = newApi();
    const created = api.create(
      pod('web', { metadata: { name: 'web', namespace: 'default', labels: { a: '1' } } }),
      { actor: 'kubectl' },
    );
    api.mutate('pods', 'default', 'web', (d) => (d.metadata.labels = { a: '2' }), {
      actor: 'other',
    });
    const stale = structuredClone(created);
    stale.metadata.labels = { a: '3' };
    expect(() => api.update(stale, { actor: 'kubectl' })).toThrow(/the object has been modified/);
  });

  it('generates names from generateName with five characters of the safe alphabet', () => {
    const api = newApi();
    const template: KubeObject = {
      ...pod(''),
      metadata: { generateName: 'web-', namespace: 'default' },
    };
    const created = api.create(template, { actor: 'replicaset-controller' });
    expect(created.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('deletes an unscheduled pod at once and a scheduled pod gracefully', () => {
    const api = newApi();
    api.create(pod('pending'), { actor: 'kubectl' });
    api.delete('pods', 'default', 'pending', { actor: 'kubectl' });
    expect(api.get('pods', 'default', 'pending')).toBeUndefined();
    api.create(pod('bound'), { actor: 'kubectl' });
    api.bind('default', 'bound', 'node-1', { actor: 'default-scheduler' });
    api.delete('pods', 'default', 'bound', { actor: 'kubectl' });
    const terminating = api.get('pods', 'default', 'bound');
    expect(terminating?.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(terminating?.metadata.deletionTimestamp).toBe('1970-01-01T00:00:30Z');
    api.delete('pods', 'default', 'bound', { actor: 'kubelet/node-1', gracePeriodSeconds: 0 });
    expect(api.get('pods', 'default', 'bound')).toBeUndefined();
  });

  it('delivers ADDED, MODIFIED and DELETED to watchers with the previous object', () => {
    const api = newApi();
    const seen: WatchEvent[] = [];
    api.watch('configmaps', (e) => seen.push(e));
    api.create(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', namespace: 'default' },
        data: { a: '1' },
      },
      { actor: 't' },
    );
    api.mutate('configmaps', 'default', 'c', (d) => (d.data = { a: '2' }), { actor: 't' });
    api.delete('configmaps', 'default', 'c', { actor: 't' });
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect((seen[1]?.previous as unknown as { data: unknown }).data).toEqual({ a: '1' });
  });

  it('records every write in the change log with actor, verb and time', () => {
    const api = newApi();
    const start = api.changeLog.length;
    api.create(pod('web'), { actor: 'kubectl' });
    api.bind('default', 'web', 'node-1', { actor: 'default-scheduler' });
    const entries = api.changeLog.since(start);
    expect(entries.map((e) => [e.actor, e.verb, e.subresource ?? ''])).toEqual([
      ['kubectl', 'create', ''],
      ['default-scheduler', 'update', 'binding'],
    ]);
  });
});

describe('ApiServer invariants (property)', () => {
  const arbitraryName = fc.oneof(fc.constantFrom('web', 'api', 'db'), fc.string({ maxLength: 12 }));
  const arbitraryOp = fc.oneof(
    fc.record({
      op: fc.constant('create' as const),
      name: arbitraryName,
      image: fc.option(fc.constantFrom('nginx', ''), { nil: undefined }),
      label: fc.string({ maxLength: 70 }),
    }),
    fc.record({ op: fc.constant('delete' as const), name: arbitraryName }),
    fc.record({
      op: fc.constant('label' as const),
      name: arbitraryName,
      label: fc.string({ maxLength: 70 }),
    }),
  );

  it('keeps resourceVersions increasing, and a rejected request changes nothing', () => {
    fc.assert(
      fc.property(fc.array(arbitraryOp, { maxLength: 40 }), (ops) => {
        const api = newApi();
        let lastRv = api.revision;
        for (const op of ops) {
          const snapshot = JSON.stringify(api.list('pods'));
          const logLength = api.changeLog.length;
          try {
            if (op.op === 'create') {
              api.create(
                {
                  apiVersion: 'v1',
                  kind: 'Pod',
                  metadata: { name: op.name, namespace: 'default', labels: { tier: op.label } },
                  spec: {
                    containers: [
                      { name: 'app', ...(op.image === undefined ? {} : { image: op.image }) },
                    ],
                  },
                },
                { actor: 'prop' },
              );
            } else if (op.op === 'delete') {
              api.delete('pods', 'default', op.name, { actor: 'prop' });
            } else {
              api.mutate(
                'pods',
                'default',
                op.name,
                (d) => (d.metadata.labels = { tier: op.label }),
                { actor: 'prop' },
              );
            }
          } catch (error) {
            if (!isApiError(error)) throw error;
            if (JSON.stringify(api.list('pods')) !== snapshot || api.changeLog.length !== logLength)
              return false;
          }
          if (api.revision < lastRv) return false;
          lastRv = api.revision;
        }
        const rvs = api.changeLog.all().map((e) => Number(e.resourceVersion));
        return rvs.every((rv, i) => i === 0 || rv > (rvs[i - 1] ?? 0));
      }),
    );
  });
});
