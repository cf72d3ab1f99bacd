/** config, events, wait, edit, replace and api-versions in one session: kubectl's lines. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index.ts';
import { Shell } from '../engine.ts';

function run(shell: Shell, line: string, stdin?: string): string {
  const r = shell.run(line, stdin);
  return `${r.stdout}${r.stderr}`;
}

describe('kubectl config', () => {
  it('switches the namespace of the current context', () => {
    const shell = new Shell(createCluster());
    expect(run(shell, 'kubectl config current-context')).toBe('kubeplay\n');
    expect(run(shell, 'kubectl config set-context --current --namespace=kube-system')).toBe(
      'Context "kubeplay" modified.\n',
    );
    expect(shell.namespace).toBe('kube-system');
    expect(run(shell, 'kubectl config get-contexts')).toBe(
      'CURRENT   NAME       CLUSTER    AUTHINFO         NAMESPACE\n*         kubeplay   kubeplay   kubeplay-admin   kube-system\n',
    );
    expect(run(shell, 'kubectl config use-context nope')).toBe(
      'error: no context exists with the name: "nope"\n',
    );
    expect(run(shell, 'kubectl config view --minify')).toContain('    namespace: kube-system\n');
  });
});

describe('kubectl wait', () => {
  it('advances virtual time until the condition holds', () => {
    const shell = new Shell(createCluster());
    run(shell, 'kubectl create deployment web --image=nginx --replicas=2');
    const before = shell.cluster.now();
    expect(run(shell, 'kubectl wait --for=condition=Available deploy/web --timeout=60s')).toBe(
      'deployment.apps/web condition met\n',
    );
    expect(shell.cluster.now()).toBeGreaterThan(before);
    expect(run(shell, "kubectl wait --for=jsonpath='{.status.readyReplicas}'=2 deploy/web")).toBe(
      'deployment.apps/web condition met\n',
    );
  });

  it('times out with kubectl words', () => {
    const shell = new Shell(createCluster());
    run(shell, 'kubectl create deployment web --image=nginx');
    expect(run(shell, 'kubectl wait --for=condition=Ready=false deploy/web --timeout=1s')).toBe(
      'error: timed out waiting for the condition on deployments.apps/web\n',
    );
    expect(run(shell, 'kubectl wait deploy/web')).toBe('error: unrecognized condition: ""\n');
  });
});

describe('kubectl edit', () => {
  it('says an editor is needed in scripts', () => {
    const shell = new Shell(createCluster());
    run(shell, 'kubectl create deployment web --image=nginx');
    expect(run(shell, 'kubectl edit deploy web')).toMatch(/^error: kubectl edit needs an editor/);
  });

  it('hands the object to the editor and applies the result', () => {
    const shell = new Shell(createCluster(), { editor: true });
    run(shell, 'kubectl create deployment web --image=nginx');
    const result = shell.run('kubectl edit deploy web');
    const session = result.edit;
    expect(session?.text.startsWith('# Please edit the object below.')).toBe(true);
    expect(session?.save(session.text).stdout).toBe('Edit cancelled, no changes made.\n');
    const edited = (session?.text ?? '').replace('replicas: 1', 'replicas: 3');
    expect(session?.save(edited).stdout).toBe('deployment.apps/web edited\n');
    expect(run(shell, 'kubectl get deploy web -o jsonpath={.spec.replicas}')).toBe('3');
  });
});

describe('kubectl events and api-versions', () => {
  it('lists events oldest first with Kind/name objects', () => {
    const shell = new Shell(createCluster());
    run(shell, 'kubectl create deployment web --image=nginx');
    const lines = run(shell, 'kubectl events').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(lines.some((l) => /ScalingReplicaSet\s+Deployment\/web\s+Scaled up/.test(l))).toBe(true);
    expect(run(shell, 'kubectl events -n kube-public')).toBe(
      'No events found in kube-public namespace.\n',
    );
  });

  it('lists served group versions with v1 last', () => {
    const lines = run(new Shell(createCluster()), 'kubectl api-versions').trimEnd().split('\n');
    expect(lines[0]).toBe('apps/v1');
    expect(lines[lines.length - 1]).toBe('v1');
  });
});

describe('kubectl replace', () => {
  it('replaces an object from a file', () => {
    const shell = new Shell(createCluster());
    run(shell, 'kubectl create configmap app --from-literal=a=1');
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: "2"\n';
    expect(run(shell, 'kubectl replace -f -', manifest)).toBe('configmap/app replaced\n');
    expect(run(shell, 'kubectl get cm app -o jsonpath={.data.a}')).toBe('2');
  });
});
