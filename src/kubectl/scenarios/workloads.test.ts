import { describe, expect, it } from 'vitest';
import type { Workspace } from '../command.ts';
import { runLines, runScript } from '../index.ts';

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

  it('follows a log with -f while virtual time passes', () => {
    const files = {
      'p.yaml': POD(
        'ticker',
        'busybox:1.36',
        `    command: [sh, -c, 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 2; done']\n`,
      ),
    };
    const { entries } = runScript(
      'kubectl apply -f p.yaml\nadvance 4s\nkubectl logs -f ticker\nadvance 4s\n',
      {
        workspace: workspaceOf(files),
      },
    );
    expect(entries[2]?.stdout).toBe('tick 0\ntick 1\n');
    expect(entries[3]?.stdout).toBe('tick 2\ntick 3\n');
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

  it('has no bash in busybox', () => {
    const files = { 'p.yaml': POD('bb', 'busybox:1.36', '    command: [sleep, infinity]\n') };
    const { entries } = runScript(
      'kubectl apply -f p.yaml\nadvance 5s\nkubectl exec -it bb -- bash\nkubectl exec bb -- sh -c "echo ok"\n',
      {
        workspace: workspaceOf(files),
      },
    );
    expect(entries[2]?.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/,
    );
    expect(entries[3]?.stdout).toBe('ok\n');
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

const JOB = (
  name: string,
  spec: string,
  command: string,
  policy = 'Never',
): string => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}  template:
    spec:
      restartPolicy: ${policy}
      containers:
      - name: main
        image: busybox:1.36
        command: ${command}
`;

describe('jobs', () => {
  it('runs the pi Job to completion', () => {
    const files = {
      'pi.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
`,
    };
    const { entries, shell } = runScript(
      'kubectl apply -f pi.yaml\nadvance 30s\nkubectl get pods\n',
      {
        workspace: workspaceOf(files),
      },
    );
    expect(entries[0]?.stdout).toBe('job.batch/pi created\n');
    expect(entries[2]?.stdout).toMatch(/pi-[a-z0-9]{5}\s+0\/1\s+Completed\s+0\s+30s/);
    const job = shell.cluster.api.get('jobs.batch', 'default', 'pi') as unknown as {
      status: { succeeded: number; conditions: { type: string }[] };
    };
    expect(job.status.succeeded).toBe(1);
    expect(job.status.conditions.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    const pod = shell.cluster.api.list('pods', 'default')[0];
    const logs = shell.cluster.containerLogs('default', pod?.metadata.name ?? '', 'pi');
    expect(
      'lines' in logs &&
        logs.lines[0]?.text.startsWith('3.14159265358979323846264338327950288419716939937510'),
    ).toBe(true);
  });

  it('runs completions with parallelism', () => {
    const files = {
      'j.yaml': JOB('work', '  completions: 5\n  parallelism: 2\n', '["sh", "-c", "sleep 5"]'),
    };
    const { shell } = runScript('kubectl apply -f j.yaml\nadvance 3s\n', {
      workspace: workspaceOf(files),
    });
    const pods = () => shell.cluster.api.list('pods', 'default');
    expect(pods()).toHaveLength(2);
    shell.cluster.advance(5_000);
    expect(pods()).toHaveLength(4);
    shell.cluster.advance(30_000);
    expect(pods()).toHaveLength(5);
    const job = shell.cluster.api.get('jobs.batch', 'default', 'work') as unknown as {
      status: { succeeded: number };
    };
    expect(job.status.succeeded).toBe(5);
  });

  it('fails after backoffLimit with pod back-off delays', () => {
    const files = { 'j.yaml': JOB('fail', '  backoffLimit: 2\n', '["sh", "-c", "exit 1"]') };
    const { shell } = runScript('kubectl apply -f j.yaml\nadvance 5s\n', {
      workspace: workspaceOf(files),
    });
    const count = () => shell.cluster.api.list('pods', 'default').length;
    expect(count()).toBe(1);
    shell.cluster.advance(5_000);
    expect(count()).toBe(1);
    shell.cluster.advance(3_000);
    expect(count()).toBe(2);
    shell.cluster.advance(60_000);
    expect(count()).toBe(3);
    const job = shell.cluster.api.get('jobs.batch', 'default', 'fail') as unknown as {
      status: { failed: number; conditions: { type: string; reason: string }[] };
    };
    expect(job.status.failed).toBe(3);
    expect(job.status.conditions.map((c) => `${c.type}/${c.reason}`)).toEqual([
      'FailureTarget/BackoffLimitExceeded',
      'Failed/BackoffLimitExceeded',
    ]);
  });

  it('deletes a finished Job after ttlSecondsAfterFinished', () => {
    const files = { 'j.yaml': JOB('ttl', '  ttlSecondsAfterFinished: 20\n', '["true"]') };
    const { shell } = runScript('kubectl apply -f j.yaml\nadvance 10s\n', {
      workspace: workspaceOf(files),
    });
    expect(shell.cluster.api.get('jobs.batch', 'default', 'ttl')).toBeDefined();
    shell.cluster.advance(25_000);
    expect(shell.cluster.api.get('jobs.batch', 'default', 'ttl')).toBeUndefined();
    expect(shell.cluster.api.list('pods', 'default')).toHaveLength(0);
  });

  it('rejects a Job whose pods would restart Always', () => {
    const files = { 'j.yaml': JOB('bad', '', '["true"]', 'Always') };
    const { entries } = runScript('kubectl apply -f j.yaml\n', { workspace: workspaceOf(files) });
    expect(entries[0]?.stderr).toBe(
      'The Job "bad" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"\n',
    );
  });
});

const DEPLOY = (image: string, replicas = 4, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${extra}spec:
  replicas: ${String(replicas)}
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
        image: ${image}
`;

describe('rollouts', () => {
  it('never drops below replicas - maxUnavailable nor exceeds replicas + maxSurge', () => {
    const files = { 'v1.yaml': DEPLOY('nginx:1.27', 8), 'v2.yaml': DEPLOY('nginx:1.28', 8) };
    const { shell } = runScript(
      'kubectl apply -f v1.yaml\nadvance 30s\nkubectl apply -f v2.yaml\n',
      {
        workspace: workspaceOf(files),
      },
    );
    const cluster = shell.cluster;
    // 8 replicas, 25%/25%: surge 2, unavailable 2.
    let steps = 0;
    for (; steps < 600; steps++) {
      const sets = cluster.api.list('replicasets.apps', 'default') as unknown as {
        spec: { replicas: number };
        status: { availableReplicas?: number };
      }[];
      const total = sets.reduce((n, rs) => n + rs.spec.replicas, 0);
      const available = sets.reduce((n, rs) => n + (rs.status.availableReplicas ?? 0), 0);
      expect(total).toBeLessThanOrEqual(10);
      expect(available).toBeGreaterThanOrEqual(6);
      const d = cluster.api.get('deployments.apps', 'default', 'web') as unknown as {
        status: { updatedReplicas?: number; availableReplicas?: number; replicas?: number };
      };
      if (
        d.status.updatedReplicas === 8 &&
        d.status.availableReplicas === 8 &&
        d.status.replicas === 8
      )
        break;
      cluster.advance(100);
    }
    expect(steps).toBeLessThan(600);
  });

  it('watches a rollout with rollout status and keeps history for undo', () => {
    const files = {
      'v1.yaml': DEPLOY('nginx:1.27', 3),
      'v2.yaml': DEPLOY(
        'nginx:1.28',
        3,
        '  annotations:\n    kubernetes.io/change-cause: image 1.28\n',
      ),
    };
    const { entries } = runScript(
      [
        'kubectl apply -f v1.yaml',
        'kubectl rollout status deployment/web',
        'kubectl apply -f v2.yaml',
        'kubectl rollout status deploy web',
        'kubectl rollout history deployment/web',
        'kubectl rollout undo deployment/web',
        'kubectl rollout status deployment/web --timeout=2m',
        'kubectl rollout history deployment/web',
        'kubectl rollout undo deployment/web --to-revision=9',
        'kubectl rollout pause deployment/web',
        'kubectl rollout pause deployment/web',
        'kubectl rollout resume deployment/web',
        'kubectl rollout restart deployment/web',
      ].join('\n'),
      { workspace: workspaceOf(files) },
    );
    expect(entries[1]?.stdout).toMatch(
      /^Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available\.\.\.\n(.*\n)*deployment "web" successfully rolled out\n$/,
    );
    expect(entries[3]?.stdout).toContain(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
    );
    expect(entries[3]?.stdout).toContain(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n',
    );
    expect(entries[3]?.stdout.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
    expect(entries[4]?.stdout).toBe(
      'deployment.apps/web\nREVISION  CHANGE-CAUSE\n1         <none>\n2         image 1.28\n\n',
    );
    expect(entries[5]?.stdout).toBe('deployment.apps/web rolled back\n');
    expect(entries[7]?.stdout).toBe(
      'deployment.apps/web\nREVISION  CHANGE-CAUSE\n2         image 1.28\n3         <none>\n\n',
    );
    expect(entries[8]?.stderr).toBe('error: unable to find specified revision 9 in history\n');
    expect(entries[9]?.stdout).toBe('deployment.apps/web paused\n');
    expect(entries[10]?.stderr).toBe('error: deployments.apps "web" is already paused\n');
    expect(entries[11]?.stdout).toBe('deployment.apps/web resumed\n');
    expect(entries[12]?.stdout).toBe('deployment.apps/web restarted\n');
  });

  it('scales a stuck rollout proportionally (the docs example: 10 → 15 replicas)', () => {
    const strategy =
      '  strategy:\n    rollingUpdate:\n      maxSurge: 3\n      maxUnavailable: 2\n';
    const withStrategy = (yaml: string): string =>
      yaml.replace('  selector:', `${strategy}  selector:`);
    const files = {
      'v1.yaml': withStrategy(DEPLOY('nginx:1.27', 10)),
      'v2.yaml': withStrategy(DEPLOY('nginx:sometag', 10)),
    };
    const { shell } = runScript(
      'kubectl apply -f v1.yaml\nadvance 60s\nkubectl apply -f v2.yaml\nadvance 60s\nkubectl scale deployment/web --replicas=15\n',
      { workspace: workspaceOf(files) },
    );
    const sizes = (
      shell.cluster.api.list('replicasets.apps', 'default') as unknown as {
        spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
      }[]
    ).map(
      (rs) => `${rs.spec.template.spec.containers[0]?.image ?? ''}=${String(rs.spec.replicas)}`,
    );
    expect(sizes.sort()).toEqual(['nginx:1.27=11', 'nginx:sometag=7']);
  });

  it('reports an exceeded progress deadline', () => {
    const files = {
      'v1.yaml': DEPLOY('nginx:1.27', 2),
      'v2.yaml': DEPLOY('nginx:1.161', 2).replace(
        '  replicas: 2',
        '  replicas: 2\n  progressDeadlineSeconds: 30',
      ),
    };
    const { entries } = runScript(
      'kubectl apply -f v1.yaml\nadvance 20s\nkubectl apply -f v2.yaml\nkubectl rollout status deployment/web\n',
      { workspace: workspaceOf(files) },
    );
    expect(entries[3]?.stdout).toBe(
      'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n',
    );
    expect(entries[3]?.stderr).toBe('error: deployment "web" exceeded its progress deadline\n');
    expect(entries[3]?.exitCode).toBe(1);
  });

  it('stalls on a bad image with the old pods still serving', () => {
    const files = { 'v1.yaml': DEPLOY('nginx:1.27', 3), 'v2.yaml': DEPLOY('nginx:1.161', 3) };
    const { entries } = runScript(
      'kubectl apply -f v1.yaml\nadvance 30s\nkubectl apply -f v2.yaml\nadvance 60s\nkubectl get pods\nkubectl rollout status deployment/web --timeout=10s\n',
      { workspace: workspaceOf(files) },
    );
    const rows = (entries[4]?.stdout ?? '').trim().split('\n').slice(1);
    expect(rows.filter((r) => /1\/1\s+Running/.test(r))).toHaveLength(3);
    expect(rows.filter((r) => /0\/1\s+(ImagePullBackOff|ErrImagePull)/.test(r))).toHaveLength(1);
    expect(entries[5]?.stdout).toBe(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
    );
    expect(entries[5]?.stderr).toBe('error: timed out waiting for the condition\n');
  });
});

describe('drain', () => {
  it('cordons, evicts through the Eviction API and honours a PodDisruptionBudget', () => {
    const files = {
      'd.yaml': DEPLOY('nginx:1.27', 3),
      'pdb.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: 3
  selector:
    matchLabels:
      app: web
`,
    };
    const { entries, shell } = runScript(
      'kubectl apply -f d.yaml\nkubectl apply -f pdb.yaml\nadvance 30s\nkubectl drain node-1 --timeout=20s\nkubectl drain node-1 --ignore-daemonsets --timeout=20s\n',
      { workspace: workspaceOf(files) },
    );
    const onNode1 = shell.cluster.api
      .list('pods', 'default')
      .filter((p) => (p.spec as { nodeName?: string }).nodeName === 'node-1');
    expect(entries[3]?.stdout).toBe('node/node-1 cordoned\n');
    expect(entries[3]?.stderr).toMatch(
      /^error: unable to drain node "node-1" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kube-proxy-\w{5}, continuing command\.\.\.\n/,
    );
    expect(entries[4]?.stdout).toMatch(
      /^node\/node-1 already cordoned\nevicting pod default\/web-/,
    );
    expect(entries[4]?.stderr).toMatch(
      /^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w{5}\n/,
    );
    expect(entries[4]?.stderr).toContain(
      `(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`,
    );
    expect(entries[4]?.exitCode).toBe(1);
    expect(onNode1.length).toBeGreaterThan(0);
  });

  it('drains when the budget allows one disruption at a time', () => {
    const files = {
      'd.yaml': DEPLOY('nginx:1.27', 3),
      'pdb.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
`,
    };
    const { entries } = runScript(
      'kubectl apply -f d.yaml\nkubectl apply -f pdb.yaml\nadvance 30s\nkubectl drain node-2 --ignore-daemonsets\nkubectl get pods -o wide\n',
      { workspace: workspaceOf(files) },
    );
    expect(entries[3]?.exitCode).toBe(0);
    expect(entries[3]?.stdout).toMatch(/evicted\nnode\/node-2 drained\n$/);
    expect(entries[4]?.stdout).not.toContain('node-2');
  });
});

const STS = (image: string, replicas: number, extra = ''): string => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: ${String(replicas)}
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: ${image}
${extra}`;

describe('statefulsets', () => {
  it('creates pods in order, each after the previous one is ready, and scales down from the top', () => {
    const files = {
      's.yaml': STS('registry.k8s.io/nginx-slim:0.27', 3),
      's2.yaml': STS('registry.k8s.io/nginx-slim:0.27', 1),
    };
    const { shell } = runScript('kubectl apply -f s.yaml\n', { workspace: workspaceOf(files) });
    const cluster = shell.cluster;
    const names = () =>
      cluster.api
        .list('pods', 'default')
        .map((p) => p.metadata.name)
        .sort();
    const created: string[] = [];
    for (let t = 0; t < 60_000; t += 100) {
      for (const n of names())
        if (n && !created.includes(n)) {
          // Every earlier ordinal is Running and Ready when the next one appears.
          for (const prev of created) {
            const p = cluster.api.get('pods', 'default', prev) as unknown as {
              status: { conditions?: { type: string; status: string }[] };
            };
            expect(p.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
          }
          created.push(n);
        }
      cluster.advance(100);
    }
    expect(created).toEqual(['web-0', 'web-1', 'web-2']);
    const pod = cluster.api.get('pods', 'default', 'web-1') as unknown as {
      spec: { hostname: string; subdomain: string };
    };
    expect(pod.spec.hostname).toBe('web-1');
    expect(pod.spec.subdomain).toBe('nginx');
    runLines(shell, 'kubectl apply -f s2.yaml\n');
    const gone: string[] = [];
    for (let t = 0; t < 10_000; t += 50) {
      for (const n of ['web-2', 'web-1'])
        if (!names().includes(n) && !gone.includes(n)) gone.push(n);
      cluster.advance(50);
    }
    expect(gone).toEqual(['web-2', 'web-1']);
    expect(names()).toEqual(['web-0']);
  });

  it('keeps a claim per ordinal from volumeClaimTemplates', () => {
    const claims = `  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`;
    const files = { 's.yaml': STS('nginx:1.27', 2, claims) };
    const { shell } = runScript('kubectl apply -f s.yaml\nadvance 60s\n', {
      workspace: workspaceOf(files),
    });
    const pvcs = shell.cluster.api
      .list('persistentvolumeclaims', 'default')
      .map((p) => p.metadata.name);
    expect(pvcs).toContain('www-web-0');
    const pod = shell.cluster.api.get('pods', 'default', 'web-0') as unknown as {
      spec: { volumes: unknown[] };
    };
    expect(pod.spec.volumes).toContainEqual({
      name: 'www',
      persistentVolumeClaim: { claimName: 'www-web-0' },
    });
  });
});

describe('cronjobs', () => {
  const CRON = (policy: string, command: string): string => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  concurrencyPolicy: ${policy}
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            command: ${command}
          restartPolicy: OnFailure
`;

  it('creates a Job every minute named after the scheduled minute and keeps three', () => {
    const files = {
      'c.yaml': CRON('Allow', `["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"]`),
    };
    const { shell } = runScript('kubectl apply -f c.yaml\nadvance 5m30s\n', {
      workspace: workspaceOf(files),
    });
    const jobs = shell.cluster.api.list('jobs.batch', 'default').map((j) => j.metadata.name ?? '');
    const firstMinute = Math.floor((shell.cluster.now() - 330_000) / 60_000) + 1;
    expect(jobs).toEqual([3, 4, 5].map((i) => `hello-${String(firstMinute + i - 1)}`));
    const pod = shell.cluster.api.list('pods', 'default').at(-1);
    const logs = shell.cluster.containerLogs('default', pod?.metadata.name ?? '', 'hello');
    expect('lines' in logs && logs.lines.map((l) => l.text)[1]).toBe(
      'Hello from the Kubernetes cluster',
    );
  });

  it('skips a run while the previous Job is still active under Forbid', () => {
    const files = { 'c.yaml': CRON('Forbid', `["sleep", "90"]`) };
    const { shell } = runScript('kubectl apply -f c.yaml\nadvance 3m5s\n', {
      workspace: workspaceOf(files),
    });
    expect(shell.cluster.api.list('jobs.batch', 'default')).toHaveLength(2);
  });
});

describe('daemonsets', () => {
  const DS = (image: string): string => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: ${image}
`;

  it('rolls a new template out one node at a time', () => {
    const files = { 'v1.yaml': DS('nginx:1.27'), 'v2.yaml': DS('nginx:1.28') };
    const { entries } = runScript(
      'kubectl apply -f v1.yaml\nadvance 30s\nkubectl apply -f v2.yaml\nkubectl rollout status daemonset/agent\nnode add node-4\nadvance 30s\nkubectl get pods -o wide\n',
      { workspace: workspaceOf(files) },
    );
    expect(entries[3]?.stdout).toContain(
      'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...\n',
    );
    expect(entries[3]?.stdout.endsWith('daemon set "agent" successfully rolled out\n')).toBe(true);
    const rows = (entries[6]?.stdout ?? '').trim().split('\n').slice(1);
    expect(rows).toHaveLength(4);
    expect(rows.some((r) => r.includes('node-4'))).toBe(true);
  });
});

describe('node failure', () => {
  it('shows NotReady after ~50s, Terminating pods after 5 more minutes, replacements elsewhere', () => {
    const files = { 'd.yaml': DEPLOY('nginx:1.27', 6) };
    const { entries, shell } = runScript(
      [
        'kubectl apply -f d.yaml',
        'advance 30s',
        'node fail node-1',
        'advance 40s',
        'kubectl get node node-1',
        'advance 20s',
        'kubectl get node node-1',
        'advance 320s',
        'kubectl get pods -o wide',
        'node recover node-1',
        'advance 20s',
        'kubectl get nodes node-1',
      ].join('\n'),
      { workspace: workspaceOf(files) },
    );
    expect(entries[4]?.stdout).toMatch(/node-1\s+Ready\s/);
    expect(entries[6]?.stdout).toMatch(/node-1\s+NotReady\s/);
    const rows = (entries[8]?.stdout ?? '').trim().split('\n').slice(1);
    const onNode1 = rows.filter((r) => r.includes('node-1'));
    expect(onNode1.length).toBeGreaterThan(0);
    for (const r of onNode1) expect(r).toMatch(/Terminating/);
    expect(rows.filter((r) => /1\/1\s+Running/.test(r) && !r.includes('node-1'))).toHaveLength(6);
    expect(entries[11]?.stdout).toMatch(/node-1\s+Ready\s/);
    const left = shell.cluster.api
      .list('pods', 'default')
      .filter((p) => (p.spec as { nodeName?: string }).nodeName === 'node-1');
    expect(left).toHaveLength(0);
  });

  it('garbage-collects the pods of a deleted node', () => {
    const files = { 'd.yaml': DEPLOY('nginx:1.27', 6) };
    const { shell } = runScript(
      'kubectl apply -f d.yaml\nadvance 30s\nnode fail node-2\nkubectl delete node node-2\nadvance 70s\n',
      {
        workspace: workspaceOf(files),
      },
    );
    const pods = shell.cluster.api.list('pods', 'default');
    expect(
      pods.filter((p) => (p.spec as { nodeName?: string }).nodeName === 'node-2'),
    ).toHaveLength(0);
    expect(pods).toHaveLength(6);
  });
});

describe('what kubectl get pods shows', () => {
  it('renders Init:0/1, OOMKilled and readiness failures as kubectl does', () => {
    const files = {
      'init.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  initContainers:
  - name: wait
    image: busybox:1.36
    command: [sh, -c, 'sleep 20']
  containers:
  - name: main
    image: nginx:1.27
`,
      'oom.yaml': POD(
        'oom',
        'polinux/stress',
        `    command: [stress]
    args: [--vm, '1', --vm-bytes, 250M, --vm-hang, '1']
    resources:
      limits:
        memory: 100Mi
`,
      ),
      'ready.yaml': POD(
        'unready',
        'nginx:1.27',
        `    readinessProbe:
      httpGet:
        path: /
        port: 8080
`,
      ),
    };
    const { entries, shell } = runScript(
      'kubectl apply -f init.yaml\nkubectl apply -f oom.yaml\nkubectl apply -f ready.yaml\nadvance 6s\nkubectl get pods\n',
      { workspace: workspaceOf(files) },
    );
    const out = entries[4]?.stdout ?? '';
    expect(out).toMatch(/init-demo\s+0\/1\s+Init:0\/1\s+0\s+6s/);
    expect(out).toMatch(/oom\s+0\/1\s+CrashLoopBackOff\s+1 \(\ds ago\)\s+6s/);
    const oom = shell.cluster.api.get('pods', 'default', 'oom') as unknown as {
      status: {
        containerStatuses: { lastState: { terminated: { reason: string; exitCode: number } } }[];
      };
    };
    expect(oom.status.containerStatuses[0]?.lastState.terminated).toMatchObject({
      reason: 'OOMKilled',
      exitCode: 137,
    });
    expect(out).toMatch(/unready\s+0\/1\s+Running\s+0\s+6s/);
    const events = shell.cluster.api
      .list('events', 'default')
      .map((e) => (e as unknown as { message: string }).message);
    expect(
      events.some((m) =>
        /^Readiness probe failed: Get "http:\/\/10\.244\.\d+\.\d+:8080\/": dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused$/.test(
          m,
        ),
      ),
    ).toBe(true);
  });

  it('gives byte-identical transcripts for the same seed', () => {
    const files = {
      'd.yaml': DEPLOY('nginx:1.27', 3),
      'j.yaml': JOB('work', '  completions: 3\n', '["sh", "-c", "echo done; sleep 2"]'),
    };
    const script =
      'kubectl apply -f d.yaml\nkubectl apply -f j.yaml\nadvance 20s\nkubectl get pods -o wide\nkubectl get events\nnode fail node-1\nadvance 6m\nkubectl get pods -o wide\n';
    const a = runScript(script, { workspace: workspaceOf(files), cluster: { seed: 7 } }).entries;
    const b = runScript(script, { workspace: workspaceOf(files), cluster: { seed: 7 } }).entries;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
