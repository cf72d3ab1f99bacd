import { describe, expect, it } from 'vitest';
import { deployment, playground } from './networkingHarness.ts';

describe('kubectl top', () => {
  it('waits for two metric scrapes, then prints usage with every column padded', () => {
    const p = playground();
    p.ok('kubectl apply -f -', deployment('web', 2));
    expect(p.run('kubectl top pods').stderr).toBe('error: metrics not available yet\n');
    p.ok('advance 40s');
    const pods = p.ok('kubectl top pods');
    expect(pods).toMatch(
      /^NAME {18}CPU\(cores\) {3}MEMORY\(bytes\) {3}\n(web-\S+ {3}\d+m +\d+Mi +\n){2}$/,
    );
    expect(p.ok('kubectl top pods --containers')).toMatch(
      /^POD +NAME +CPU\(cores\) +MEMORY\(bytes\) +\n/,
    );
    const nodes = p.ok('kubectl top nodes');
    expect(nodes).toMatch(
      /^NAME {12}CPU\(cores\) {3}CPU\(%\) {3}MEMORY\(bytes\) {3}MEMORY\(%\) {3}\n/,
    );
    expect(nodes.trimEnd().split('\n')).toHaveLength(5);
    expect(nodes).toMatch(/\nnode-1 +\d+m +\d+% +\d+Mi +\d+% +\n/);
  });

  it('answers for a named pod, a missing pod and a pod too new to have metrics', () => {
    const p = playground();
    expect(p.run('kubectl top pod nope')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
    });
    p.ok('kubectl run solo --image=nginx:1.27');
    p.ok('advance 5s');
    expect(p.run('kubectl top pod solo').stderr).toBe(
      'error: Metrics not available for pod default/solo, age: 5s\n',
    );
    p.ok('advance 40s');
    expect(p.ok('kubectl top pod solo --no-headers')).toMatch(/^solo {3}\d+m +\d+Mi {3}\n$/);
  });
});
