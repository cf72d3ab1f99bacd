/** label, annotate, taint, cordon, patch and set: kubectl's lines and errors, in one session. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index.ts';
import { Shell } from '../engine.ts';

const SESSION: [string, string][] = [
  ['kubectl create deployment web --image=nginx --replicas=2', 'deployment.apps/web created\n'],
  ['kubectl label deploy web tier=front', 'deployment.apps/web labeled\n'],
  [
    'kubectl label deploy web tier=back',
    "error: 'tier' already has a value (front), and --overwrite is false\n",
  ],
  ['kubectl label deploy web tier=back --overwrite', 'deployment.apps/web labeled\n'],
  ['kubectl label deploy web tier=back', 'deployment.apps/web not labeled\n'],
  ['kubectl label deploy web tier-', 'deployment.apps/web unlabeled\n'],
  ['kubectl label deploy web', 'error: at least one label update is required\n'],
  ['kubectl annotate deploy web note=hi', 'deployment.apps/web annotated\n'],
  [
    'kubectl annotate deploy web note=bye',
    "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n",
  ],
  ['kubectl taint nodes node-1 dedicated=gpu:NoSchedule', 'node/node-1 tainted\n'],
  [
    'kubectl taint nodes node-1 dedicated=gpu:NoSchedule',
    'error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
  ],
  ['kubectl taint nodes node-1 dedicated:NoSchedule-', 'node/node-1 untainted\n'],
  [
    'kubectl taint nodes node-1 dedicated:NoSchedule-',
    'error: taint "dedicated:NoSchedule" not found\n',
  ],
  [
    'kubectl taint nodes node-1 foo=bar:Bogus',
    'error: invalid taint effect: Bogus, unsupported taint effect\n',
  ],
  ['kubectl cordon node-1', 'node/node-1 cordoned\n'],
  ['kubectl cordon node-1', 'node/node-1 already cordoned\n'],
  ['kubectl uncordon node-1', 'node/node-1 uncordoned\n'],
  ['kubectl cordon nope', 'Error from server (NotFound): nodes "nope" not found\n'],
  [`kubectl patch deploy web -p '{"spec":{"replicas":3}}'`, 'deployment.apps/web patched\n'],
  [
    `kubectl patch deploy web -p '{"spec":{"replicas":3}}'`,
    'deployment.apps/web patched (no change)\n',
  ],
  [
    `kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`,
    'deployment.apps/web patched\n',
  ],
  [
    `kubectl patch deploy web --type=foo -p '{}'`,
    'error: --type must be one of [json merge strategic], not "foo"\n',
  ],
  ['kubectl set image deploy/web nginx=nginx:1.27', 'deployment.apps/web image updated\n'],
  ['kubectl set image deploy/web foo=x', 'error: unable to find container named "foo"\n'],
  ['kubectl set env deploy/web B=2', 'deployment.apps/web env updated\n'],
  ['kubectl set env deploy/web --list', '# Deployment web, container nginx\nB=2\n'],
  [
    'kubectl set resources deploy/web --limits=cpu=200m',
    'deployment.apps/web resource requirements updated\n',
  ],
  ['kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}', 'nginx:1.27'],
];

describe('mutating commands', () => {
  it('print kubectl lines and errors', () => {
    const shell = new Shell(createCluster());
    for (const [line, want] of SESSION) {
      const r = shell.run(line);
      expect(`${r.stdout}${r.stderr}`, line).toBe(want);
    }
  });

  it('merges containers by name in a strategic merge patch', () => {
    const shell = new Shell(createCluster());
    shell.run('kubectl create deployment web --image=nginx --image=busybox');
    shell.run(
      `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"busybox","image":"busybox:1.36"}]}}}}'`,
    );
    const r = shell.run(
      `kubectl get deploy web -o jsonpath='{range .spec.template.spec.containers[*]}{.name}={.image}{" "}{end}'`,
    );
    expect(r.stdout).toBe('nginx=nginx busybox=busybox:1.36 ');
  });
});

describe('create --save-config', () => {
  it('stores what kubectl built, in Go field order, as the last-applied configuration', () => {
    const shell = new Shell(createCluster());
    shell.run('kubectl create deployment web --image=nginx --save-config');
    const r = shell.run(
      `kubectl get deploy web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`,
    );
    expect(r.stdout).toBe(
      '{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},"strategy":{}},"status":{}}\n',
    );
  });
});
