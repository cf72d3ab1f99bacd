import { describe, expect, it } from 'vitest';
import { JsonPathError, selectAll, selectOne } from './jsonPath.ts';

const pod = {
  metadata: { name: 'web-1', labels: { app: 'web', 'app.kubernetes.io/name': 'shop' } },
  spec: {
    containers: [
      { name: 'a', image: 'nginx:1.27' },
      { name: 'b', image: 'busybox' },
    ],
  },
  status: {
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'False' },
    ],
  },
};

describe('jsonPath', () => {
  const cases: { name: string; path: string; want: unknown }[] = [
    { name: 'a plain field', path: '.metadata.name', want: 'web-1' },
    { name: 'kubectl braces', path: '{.metadata.name}', want: 'web-1' },
    { name: 'no leading dot', path: 'metadata.name', want: 'web-1' },
    {
      name: 'a quoted key with dots',
      path: ".metadata.labels['app.kubernetes.io/name']",
      want: 'shop',
    },
    { name: 'an index', path: '.spec.containers[1].image', want: 'busybox' },
    { name: 'a negative index', path: '.spec.containers[-1].name', want: 'b' },
    { name: 'a wildcard', path: '.spec.containers[*].name', want: ['a', 'b'] },
    {
      name: 'a filter',
      path: '.status.conditions[?(@.type=="Ready")].status',
      want: 'False',
    },
    { name: 'an absent field', path: '.status.podIP', want: undefined },
    { name: 'an index past the end', path: '.spec.containers[5].name', want: undefined },
  ];
  for (const c of cases)
    it(`selects ${c.name}`, () => {
      expect(selectOne(pod, c.path)).toEqual(c.want);
    });

  it('returns every match as a list', () => {
    expect(selectAll(pod, '.status.conditions[*].type')).toEqual(['PodScheduled', 'Ready']);
  });

  it('rejects what it cannot parse with the path in the message', () => {
    expect(() => selectAll(pod, '.spec..containers')).toThrow(JsonPathError);
    expect(() => selectAll(pod, '.spec.containers[?(x)]')).toThrow(/\.spec\.containers\[\?\(x\)\]/);
  });
});
