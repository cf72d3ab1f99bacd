import { describe, expect, it } from 'vitest';
import { runScript } from '../index.ts';
import type { Workspace } from '../command.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

const files: Record<string, string> = { 'd.yaml': DEPLOYMENT };
const workspace: Workspace = { readFile: (path) => files[path] };

const SCRIPT = `kubectl apply -f d.yaml
advance 60s
kubectl get pods
`;

describe('the first vertical slice', () => {
  it('runs every replica of an applied Deployment after a minute', () => {
    const { entries } = runScript(SCRIPT, { workspace });
    expect(entries.map((e) => e.exitCode)).toEqual([0, 0, 0]);
    expect(entries[0]?.stdout).toBe('deployment.apps/web created\n');
    const table = entries[2]?.stdout ?? '';
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines).toHaveLength(4);
    for (const line of lines.slice(1))
      expect(line).toMatch(
        /^web-[bcdfghjklmnpqrstvwxz2456789]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\s+1\/1\s+Running\s+0\s+60s$/,
      );
  });

  it('shows pods creating before their images are pulled', () => {
    const { entries } = runScript(
      'kubectl apply -f d.yaml\nkubectl get pods\nadvance 1s\nkubectl get pods\n',
      { workspace },
    );
    expect(entries[1]?.stdout).toContain('ContainerCreating');
    expect(entries[3]?.stdout).toContain('ContainerCreating');
  });

  it('reports a re-apply of the same manifest as unchanged and a change as configured', () => {
    files['d2.yaml'] = DEPLOYMENT.replace('replicas: 3', 'replicas: 4');
    const { entries } = runScript(
      'kubectl apply -f d.yaml\nkubectl apply -f d.yaml\nkubectl apply -f d2.yaml\n',
      { workspace },
    );
    expect(entries.map((e) => e.stdout)).toEqual([
      'deployment.apps/web created\n',
      'deployment.apps/web unchanged\n',
      'deployment.apps/web configured\n',
    ]);
  });
});

describe('determinism', () => {
  const script = `kubectl apply -f d.yaml\nadvance 5s\nkubectl get pods -o wide\nkubectl scale deployment web --replicas=6\nadvance 30s\nkubectl get pods -o wide\nkubectl get events\n`;

  it('gives byte-identical transcripts for the same seed', () => {
    const a = runScript(script, { workspace, cluster: { seed: 42 } }).entries;
    const b = runScript(script, { workspace, cluster: { seed: 42 } }).entries;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('draws different pod names from a different seed', () => {
    const a = runScript(script, { workspace, cluster: { seed: 1 } }).entries;
    const b = runScript(script, { workspace, cluster: { seed: 2 } }).entries;
    expect(a[2]?.stdout).not.toBe(b[2]?.stdout);
  });
});

describe('errors', () => {
  it('names an unknown resource type as kubectl does', () => {
    const { entries } = runScript('kubectl get foo\n');
    expect(entries[0]).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'error: the server doesn\'t have a resource type "foo"\n',
    });
  });

  it("rejects an unknown flag with kubectl's words", () => {
    const { entries } = runScript('kubectl get pods --foo\n');
    expect(entries[0]?.stderr).toBe(
      "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
    );
  });

  it('reports a YAML syntax error with the file and line, as go-yaml does, and applies nothing', () => {
    files['bad.yaml'] = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: {}\n';
    const { entries } = runScript('kubectl apply -f bad.yaml\nkubectl get pods\n', { workspace });
    expect(entries[0]?.exitCode).toBe(1);
    expect(entries[0]?.stderr).toBe(
      'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
    );
    expect(entries[1]?.stderr).toBe('No resources found in default namespace.\n');
  });

  it('explains a selector that does not match the template labels', () => {
    files['mismatch.yaml'] = DEPLOYMENT.replace(
      '      app: web\n  template',
      '      app: api\n  template',
    );
    const { entries } = runScript('kubectl apply -f mismatch.yaml\n', { workspace });
    expect(entries[0]?.stderr).toBe(
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`\n',
    );
  });
});

describe('the default cluster', () => {
  it('keeps every system pod Ready with no restarts, as a fresh kubeadm cluster does', () => {
    const { entries } = runScript('advance 5m\nkubectl get pods -n kube-system --no-headers\n');
    const rows = (entries[1]?.stdout ?? '').trimEnd().split('\n');
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row).toMatch(/^\S+\s+1\/1\s+Running\s+0\s+/);
  });
});
