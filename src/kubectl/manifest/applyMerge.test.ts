/** Client-side apply merges keyed lists (containers by name) instead of replacing them. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index.ts';
import { Shell } from '../engine.ts';

const deployment = (image: string, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
${extra}`;

describe('apply with keyed lists', () => {
  it('keeps server defaults and fields others set on a container it merges', () => {
    const shell = new Shell(createCluster());
    shell.run('kubectl apply -f -', deployment('nginx'));
    shell.run('kubectl set env deploy/web MODE=prod');
    const r = shell.run('kubectl apply -f -', deployment('nginx:1.27'));
    expect(r.stdout).toBe('deployment.apps/web configured\n');
    const get = (path: string): string =>
      shell.run(`kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].${path}}`)
        .stdout;
    expect(get('image')).toBe('nginx:1.27');
    expect(get('imagePullPolicy')).toBe('Always');
    expect(get('env[0].value')).toBe('prod');
  });

  it('adds and removes containers by name', () => {
    const shell = new Shell(createCluster());
    const sidecar = '      - name: log\n        image: busybox\n';
    shell.run('kubectl apply -f -', deployment('nginx', sidecar));
    shell.run('kubectl apply -f -', deployment('nginx'));
    const names = shell.run(
      "kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[*].name}'",
    ).stdout;
    expect(names).toBe('nginx');
  });
});
