import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './main.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

function scriptFolder(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplay-cli-'));
  writeFileSync(join(dir, 'd.yaml'), DEPLOYMENT);
  writeFileSync(join(dir, 'demo.kp'), script);
  return dir;
}

function run(argv: string[], cwd: string, stdin = ''): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    argv,
    cwd,
    readStdin: () => stdin,
    write: (t) => (out += t),
    writeError: (t) => (err += t),
  };
  return { code: runCli(io), out, err };
}

describe('kubeplay run', () => {
  it('runs a script with paths relative to its folder and prints kubectl output', () => {
    const dir = scriptFolder(
      'kubectl apply -f d.yaml\nadvance 60s\n# comment\n\nkubectl get deploy web\n',
    );
    const { code, out } = run(['run', join(dir, 'demo.kp')], '/');
    expect(code).toBe(0);
    expect(out).toContain('$ kubectl apply -f d.yaml\ndeployment.apps/web created\n');
    expect(out).toMatch(/web\s+2\/2\s+2\s+2\s+60s/);
  });

  it('prints one JSON array entry per executed line, and exits 1 when a line fails', () => {
    const dir = scriptFolder('get pods\nkubectl get nope\n');
    const { code, out } = run(['run', '--json', 'demo.kp'], dir);
    expect(code).toBe(1);
    const entries = JSON.parse(out) as {
      command: string;
      exitCode: number;
      stdout: string;
      stderr: string;
    }[];
    expect(entries.map((e) => [e.command, e.exitCode])).toEqual([
      ['get pods', 0],
      ['kubectl get nope', 1],
    ]);
    expect(entries[0]?.stderr).toBe('No resources found in default namespace.\n');
  });

  it('gives identical JSON transcripts for the same seed', () => {
    const dir = scriptFolder(
      'kubectl apply -f d.yaml\nadvance 3s\nkubectl get pods -o wide\nkubectl get events\n',
    );
    const a = run(['run', '--seed', '9', '--json', 'demo.kp'], dir).out;
    const b = run(['run', '--seed=9', '--json', 'demo.kp'], dir).out;
    expect(a).toBe(b);
  });

  it('reads the script from standard input with -', () => {
    const { code, out } = run(['run', '-'], '/', 'kubectl get ns\n');
    expect(code).toBe(0);
    expect(out).toMatch(/kube-system\s+Active\s+5m/);
  });

  it('explains bad usage without a stack trace', () => {
    expect(run(['run'], '/').err).toContain('run needs a script file');
    expect(run(['run', '--seed', 'x', 'a'], '/').err).toBe(
      'kubeplay: --seed needs a whole number, got "x"\n',
    );
    expect(run(['run', 'missing.kp'], '/').err).toBe('kubeplay: cannot read script "missing.kp"\n');
    expect(run(['frobnicate'], '/').code).toBe(1);
  });

  it('works as an installed bin through tsx, with no build step', () => {
    const dir = scriptFolder('kubectl version --client\n');
    const out = execFileSync(
      process.execPath,
      [join(process.cwd(), 'bin/kubeplay.mjs'), 'run', 'demo.kp'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(out).toBe(
      '$ kubectl version --client\nClient Version: v1.32.4\nKustomize Version: v5.5.0\n',
    );
  });
});
