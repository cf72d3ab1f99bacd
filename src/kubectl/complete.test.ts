import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { complete } from './complete.ts';
import { Shell } from './engine.ts';

const cluster = createCluster();
new Shell(cluster).run('kubectl create deployment web --image=nginx');

function at(line: string): { candidates: string[]; replaceFrom: number } {
  return complete(line, line.length, cluster);
}

describe('complete', () => {
  it.each([
    { line: 'kubectl g', want: ['get'] },
    { line: 'kubectl de', want: ['debug', 'delete', 'describe'] },
    { line: 'adv', want: ['advance'] },
    { line: 'kubectl get po', want: ['po', 'poddisruptionbudgets', 'pods', 'podtemplates'] },
    { line: 'kubectl get deploy', want: ['deploy', 'deployments'] },
    { line: 'kubectl get deployments w', want: ['web'] },
    { line: 'kubectl describe deploy/', want: ['deploy/web'] },
    { line: 'kubectl get pods -n kube-s', want: ['kube-system'] },
    { line: 'kubectl get pods --namespace=kube-p', want: ['--namespace=kube-public'] },
    { line: 'kubectl get pods -o y', want: ['yaml'] },
    { line: 'kubectl get pods --show-l', want: ['--show-labels'] },
    { line: 'kubectl create deployment web --ima', want: ['--image'] },
    { line: 'kubectl create secret ', want: ['docker-registry', 'generic', 'tls'] },
    { line: 'kubectl rollout st', want: ['status'] },
    { line: 'kubectl cordon node-', want: ['node-1', 'node-2', 'node-3'] },
    { line: 'kubectl config use-context k', want: ['kubeplay'] },
    { line: 'node fail node-3', want: ['node-3'] },
  ])('$line', ({ line, want }) => {
    expect(at(line).candidates).toEqual(want);
  });

  it('replaces from the start of the current word', () => {
    expect(at('kubectl get pods -n kube-s').replaceFrom).toBe('kubectl get pods -n '.length);
    expect(complete('kubectl get  pods', 'kubectl g'.length, cluster)).toEqual({
      candidates: ['get'],
      replaceFrom: 'kubectl '.length,
    });
  });

  it('lists pods by name for logs, in the namespace given', () => {
    const { candidates } = at('kubectl logs -n kube-system etcd');
    expect(candidates).toEqual(['etcd-control-plane']);
  });
});
