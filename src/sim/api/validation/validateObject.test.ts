import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.ts';
import { jsonSchemaFor, kubernetesJsonSchema } from '../openapi/jsonSchema.ts';
import { validateObject } from './validateObject.ts';

const deployment = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
    },
    ...spec,
  },
});

describe('validateObject, for the editor', () => {
  const cluster = createCluster();

  it('finds nothing wrong with a valid manifest and changes nothing', () => {
    const before = cluster.api.changeLog.length;
    expect(validateObject(cluster.api, deployment({}))).toEqual([]);
    expect(cluster.api.changeLog.length).toBe(before);
  });

  it('lists every unknown field with its path', () => {
    expect(
      validateObject(cluster.api, deployment({ replica: 2, paused: false, extra: {} })),
    ).toEqual([
      { path: 'spec.extra', message: 'unknown field "spec.extra"' },
      { path: 'spec.replica', message: 'unknown field "spec.replica"' },
    ]);
  });

  it('points a type error at the exact list element', () => {
    const obj = deployment({});
    const spec = (obj.spec as { template: { spec: { containers: Record<string, unknown>[] } } })
      .template.spec;
    spec.containers[0] = { name: 'app', image: 'nginx', env: [{ name: 'A', value: true }] };
    expect(validateObject(cluster.api, obj)).toEqual([
      {
        path: 'spec.template.spec.containers[0].env[0].value',
        message:
          'json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
      },
    ]);
  });

  it('reports semantic errors with the API server field paths', () => {
    const problems = validateObject(cluster.api, deployment({ replicas: -1 }));
    expect(problems).toEqual([
      {
        path: 'spec.replicas',
        message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      },
    ]);
  });

  it('names unknown kinds and missing type information', () => {
    expect(
      validateObject(cluster.api, { apiVersion: 'extensions/v1beta1', kind: 'Deployment' }),
    ).toEqual([
      { path: 'kind', message: 'no matches for kind "Deployment" in version "extensions/v1beta1"' },
    ]);
    expect(validateObject(cluster.api, { metadata: {} })).toEqual([
      { path: 'apiVersion', message: 'apiVersion not set' },
      { path: 'kind', message: 'kind not set' },
    ]);
  });
});

describe('JSON schemas for the editor', () => {
  it('describes a Deployment with strict structs and int-or-string fields', () => {
    const schema = jsonSchemaFor('apps/v1', 'Deployment') as {
      definitions: Record<
        string,
        { properties?: Record<string, unknown>; additionalProperties?: boolean }
      >;
    };
    const spec = schema.definitions['apps.v1.DeploymentSpec'];
    expect(spec?.additionalProperties).toBe(false);
    expect(spec?.properties?.replicas).toEqual({ type: 'integer' });
    expect(schema.definitions['apps.v1.RollingUpdateDeployment']?.properties?.maxSurge).toEqual({
      anyOf: [{ type: 'integer' }, { type: 'string' }],
    });
    expect(jsonSchemaFor('stable.example.com/v1', 'Shirt')).toBeUndefined();
  });

  it('covers every kind in one schema', () => {
    const schema = kubernetesJsonSchema() as { allOf: unknown[]; definitions: object };
    expect(schema.allOf.length).toBeGreaterThan(40);
    expect(Object.keys(schema.definitions).length).toBeGreaterThan(300);
  });
});
