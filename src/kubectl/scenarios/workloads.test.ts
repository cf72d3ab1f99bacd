import { describe, expect, it } from 'vitest';
import type { Workspace } from '../command.ts';
import { runScript } from '../index.ts';

function workspaceOf(files: Record<string, string>): Workspace {
  return { readFile: (path) => files[path] };
}

const POD = (name: string, image: string, extra = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: main
    image: ${image}
${extra}`;

describe('kubectl logs and exec', () => {
  it('shows what a command prints, with timestamps in virtual time', () => {
    const files = {
      'p.yaml': POD(
        'counter',
        'busybox:1.36',
        `    args: [/bin/sh, -c, 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']\n`,
      ),
    };
    const { entries } = runScript(
      'kubectl apply -f p.yaml\nadvance 10s\nkubectl logs counter --tail=2\nkubectl logs counter --tail=1 --timestamps\n',
      { workspace: workspaceOf(files) },
    );
    expect(entries[2]?.stdout).toMatch(
      /^7: Mon Jun {2}2 09:05:08 UTC 2025\n8: Mon Jun {2}2 09:05:09 UTC 2025\n$/,
    );
    expect(entries[3]?.stdout).toMatch(
      /^2025-06-02T09:05:09\.\d{3}000000Z 8: Mon Jun {2}2 09:05:09 UTC 2025\n$/,
    );
  });

  it('runs commands in a container and reports exit codes', () => {
    const files = { 'p.yaml': POD('web', 'nginx:1.27') };
    const { entries } = runScript(
      'kubectl apply -f p.yaml\nadvance 10s\nkubectl exec web -- cat /etc/hostname\nkubectl exec web -- printenv NGINX_VERSION\nkubectl exec web -- sh -c "exit 3"\nkubectl exec web\nkubectl exec nope -- ls\n',
      { workspace: workspaceOf(files) },
    );
    expect(entries[2]?.stdout).toBe('web\n');
    expect(entries[3]?.stdout).toBe('1.27.5\n');
    expect(entries[4]).toMatchObject({
      exitCode: 3,
      stderr: 'command terminated with exit code 3\n',
    });
    expect(entries[5]?.stderr).toBe(
      'error: you must specify at least one command for the container\n',
    );
    expect(entries[6]?.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('explains why a waiting container has no logs yet', () => {
    const files = { 'p.yaml': POD('typo', 'nginx:1.161') };
    const { entries } = runScript('kubectl apply -f p.yaml\nadvance 5s\nkubectl logs typo\n', {
      workspace: workspaceOf(files),
    });
    expect(entries[2]?.stderr).toBe(
      'Error from server (BadRequest): container "main" in pod "typo" is waiting to start: trying and failing to pull image\n',
    );
  });
});

describe('crashes and restarts', () => {
  it('goes Error → CrashLoopBackOff with growing restart counts, and keeps the previous log', () => {
    const files = {
      'p.yaml': POD('crash', 'busybox:1.36', `    command: [sh, -c, 'echo boom; exit 1']\n`),
    };
    const { entries } = runScript(
      'kubectl apply -f p.yaml\nadvance 3s\nkubectl get pod crash\nadvance 2s\nkubectl get pod crash\nadvance 60s\nkubectl get pod crash\nkubectl logs crash --previous\n',
      { workspace: workspaceOf(files) },
    );
    expect(entries[2]?.stdout).toMatch(/crash\s+0\/1\s+Error\s+1 \(\ds ago\)\s+3s/);
    expect(entries[4]?.stdout).toMatch(/crash\s+0\/1\s+CrashLoopBackOff\s+1 \(\ds ago\)\s+5s/);
    expect(entries[6]?.stdout).toMatch(
      /crash\s+0\/1\s+(CrashLoopBackOff|Error)\s+3 \(\d+s ago\)\s+65s/,
    );
    expect(entries[7]?.stdout).toBe('boom\n');
  });

  it('restarts a crashed nginx through the pod crash directive', () => {
    const files = { 'p.yaml': POD('web', 'nginx:1.27') };
    const { entries } = runScript(
      'kubectl apply -f p.yaml\nadvance 10s\npod crash web\nkubectl get pod web\nadvance 2s\nkubectl get pod web\n',
      { workspace: workspaceOf(files) },
    );
    expect(entries[2]?.stdout).toBe('pod/web: container main exited with code 1\n');
    expect(entries[3]?.stdout).toMatch(/web\s+0\/1\s+Error\s+0\s+10s/);
    expect(entries[5]?.stdout).toMatch(/web\s+1\/1\s+Running\s+1 \(2s ago\)\s+12s/);
  });
});
