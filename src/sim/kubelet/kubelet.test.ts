import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster.ts';
import type { Container, Event, Pod } from '../api/types/index.ts';

function runPod(
  cluster: Cluster,
  name: string,
  spec: Partial<Pod['spec']> & { containers: Container[] },
  nodeName = 'node-1',
): void {
  cluster.api.create(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { nodeName, ...spec },
    },
    { actor: 'test' },
  );
  cluster.settle();
}

function pod(cluster: Cluster, name: string): Pod {
  return cluster.api.get('pods', 'default', name) as unknown as Pod;
}

function events(cluster: Cluster, name: string): string[] {
  return (cluster.api.list('events', 'default') as unknown as Event[])
    .filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.reason ?? ''}: ${e.message ?? ''} (x${String(e.count ?? 1)})`);
}

describe('kubelet process model', () => {
  it('runs nginx and serves HTTP with an access log line', () => {
    const cluster = createCluster();
    runPod(cluster, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    cluster.advance(10_000);
    const p = pod(cluster, 'web');
    expect(p.status?.phase).toBe('Running');
    const reply = cluster.services.podRequests.handle('default/web', 80, '/', '10.244.2.7');
    expect(reply?.status).toBe(200);
    expect(reply?.body).toContain('Welcome to nginx!');
    const logs = cluster.containerLogs('default', 'web', 'nginx');
    expect('lines' in logs && logs.lines.at(-1)?.text).toMatch(
      /^10\.244\.2\.7 - - \[02\/Jun\/2025:09:05:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"$/,
    );
  });

  it('fails to pull a tag that does not exist and backs off', () => {
    const cluster = createCluster();
    runPod(cluster, 'typo', {
      containers: [{ name: 'nginx', image: 'nginx:1.161', imagePullPolicy: 'IfNotPresent' }],
    });
    cluster.advance(1_600);
    expect(pod(cluster, 'typo').status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe(
      'ErrImagePull',
    );
    cluster.advance(2_000);
    expect(pod(cluster, 'typo').status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe(
      'ImagePullBackOff',
    );
    cluster.advance(60_000);
    const ev = events(cluster, 'typo');
    expect(ev).toContain(
      'Failed: Failed to pull image "nginx:1.161": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found (x3)',
    );
  });

  it('restarts a crashing container with CrashLoopBackOff delays of 10s, 20s, 40s', () => {
    const cluster = createCluster();
    runPod(cluster, 'crash', {
      containers: [
        {
          name: 'c',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'echo starting; sleep 2; exit 3'],
        },
      ],
    });
    const restarts: [number, number][] = [];
    const t0 = cluster.now();
    let last = 0;
    for (let t = 0; t < 400_000; t += 500) {
      cluster.advance(500);
      const cs = pod(cluster, 'crash').status?.containerStatuses?.[0];
      if ((cs?.restartCount ?? 0) !== last) {
        last = cs?.restartCount ?? 0;
        restarts.push([last, cluster.now() - t0]);
      }
    }
    const gaps = restarts.slice(1).map(([, t], i) => t - (restarts[i]?.[1] ?? 0));
    // Each run lasts 2s (+150ms to start); the back-off, counted from the exit, doubles on top.
    const backoffs = gaps.slice(0, 5).map((g) => g - 2_150);
    [10_000, 20_000, 40_000, 80_000, 160_000].forEach((want, i) => {
      expect(Math.abs((backoffs[i] ?? 0) - want)).toBeLessThanOrEqual(500);
    });
    const cs = pod(cluster, 'crash').status?.containerStatuses?.[0];
    expect(cs?.lastState?.terminated?.exitCode).toBe(3);
    expect(cs?.lastState?.terminated?.reason).toBe('Error');
    const logs = cluster.containerLogs('default', 'crash', 'c', true);
    expect('lines' in logs && logs.lines.map((l) => l.text)).toEqual(['starting']);
  });

  it('takes the full grace period to delete a pod whose PID 1 ignores SIGTERM', () => {
    const cluster = createCluster();
    runPod(cluster, 'sleeper', {
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      terminationGracePeriodSeconds: 30,
    });
    runPod(cluster, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    cluster.advance(10_000);
    cluster.api.delete('pods', 'default', 'sleeper', { actor: 'test' });
    cluster.api.delete('pods', 'default', 'web', { actor: 'test' });
    cluster.settle();
    cluster.advance(1_000);
    expect(cluster.api.get('pods', 'default', 'web')).toBeUndefined();
    cluster.advance(28_000);
    expect(cluster.api.get('pods', 'default', 'sleeper')).toBeDefined();
    cluster.advance(1_500);
    expect(cluster.api.get('pods', 'default', 'sleeper')).toBeUndefined();
  });

  it('kills a container whose liveness probe fails (the docs example)', () => {
    const cluster = createCluster();
    runPod(cluster, 'liveness-exec', {
      containers: [
        {
          name: 'liveness',
          image: 'registry.k8s.io/busybox:1.24',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: {
            exec: { command: ['cat', '/tmp/healthy'] },
            initialDelaySeconds: 5,
            periodSeconds: 5,
          },
        },
      ],
    });
    cluster.advance(35_000);
    expect(pod(cluster, 'liveness-exec').status?.containerStatuses?.[0]?.restartCount).toBe(0);
    cluster.advance(20_000);
    expect(events(cluster, 'liveness-exec')).toContain(
      "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory (x3)",
    );
    expect(events(cluster, 'liveness-exec')).toContain(
      'Killing: Container liveness failed liveness probe, will be restarted (x1)',
    );
    cluster.advance(40_000);
    expect(pod(cluster, 'liveness-exec').status?.containerStatuses?.[0]?.restartCount).toBe(1);
  });

  it('OOM-kills a container that allocates past its memory limit', () => {
    const cluster = createCluster();
    runPod(cluster, 'memory-demo-2', {
      containers: [
        {
          name: 'memory-demo-2-ctr',
          image: 'polinux/stress',
          resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } },
          command: ['stress'],
          args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
        },
      ],
    });
    cluster.advance(15_000);
    const cs = pod(cluster, 'memory-demo-2').status?.containerStatuses?.[0];
    const term = cs?.state?.terminated ?? cs?.lastState?.terminated;
    expect(term?.reason).toBe('OOMKilled');
    expect(term?.exitCode).toBe(137);
  });

  it('runs init containers first and exec sees the pod environment', () => {
    const cluster = createCluster();
    runPod(cluster, 'init', {
      initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3'] }],
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sleep', 'infinity'],
          env: [{ name: 'GREETING', value: 'hi' }],
        },
      ],
    });
    cluster.advance(2_000);
    expect(pod(cluster, 'init').status?.initContainerStatuses?.[0]?.state?.running).toBeDefined();
    cluster.advance(5_000);
    expect(pod(cluster, 'init').status?.phase).toBe('Running');
    const r = cluster.exec('default', 'init', 'app', [
      'sh',
      '-c',
      'echo $GREETING from $(hostname); cat /etc/hostname',
    ]);
    expect(r).toEqual({ stdout: 'hi from init\ninit\n', stderr: '', exitCode: 0 });
  });
});

describe('node failure', () => {
  it('marks a silent node NotReady after the grace period and evicts its pods after 300s', () => {
    const cluster = createCluster();
    runPod(cluster, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    cluster.api.create(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'tolerant', namespace: 'default' },
        spec: {
          nodeName: 'node-1',
          containers: [{ name: 'nginx', image: 'nginx:1.27' }],
          tolerations: [
            { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
          ],
        },
      } as never,
      { actor: 'test' },
    );
    cluster.advance(10_000);
    cluster.failNode('node-1');
    const t0 = cluster.now();
    const readyStatus = (): string | undefined =>
      (
        cluster.api.get('nodes', '', 'node-1') as unknown as {
          status: { conditions: { type: string; status: string }[] };
        }
      ).status.conditions.find((c) => c.type === 'Ready')?.status;
    let unknownAt = 0;
    for (let t = 0; t < 70_000 && unknownAt === 0; t += 1_000) {
      cluster.advance(1_000);
      if (readyStatus() === 'Unknown') unknownAt = cluster.now() - t0;
    }
    expect(unknownAt).toBeGreaterThanOrEqual(40_000);
    expect(unknownAt).toBeLessThanOrEqual(56_000);
    const taints = (
      cluster.api.get('nodes', '', 'node-1') as unknown as {
        spec: { taints: { key: string; effect: string }[] };
      }
    ).spec.taints;
    expect(taints.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    expect(pod(cluster, 'web').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe(
      'False',
    );
    cluster.advance(299_000 - (cluster.now() - t0 - unknownAt));
    expect(pod(cluster, 'web').metadata?.deletionTimestamp).toBeUndefined();
    cluster.advance(2_000);
    expect(pod(cluster, 'web').metadata?.deletionTimestamp).toBeDefined();
    expect(events(cluster, 'web')).toContain(
      'TaintManagerEviction: Marking for deletion Pod default/web (x1)',
    );
    cluster.advance(600_000);
    expect(pod(cluster, 'web')).toBeDefined(); // Terminating until the kubelet confirms
    expect(pod(cluster, 'tolerant').metadata?.deletionTimestamp).toBeUndefined();
    cluster.recoverNode('node-1');
    cluster.advance(15_000);
    expect(cluster.api.get('pods', 'default', 'web')).toBeUndefined();
    expect(readyStatus()).toBe('True');
    expect(
      (cluster.api.get('nodes', '', 'node-1') as unknown as { spec: { taints?: unknown[] } }).spec
        .taints,
    ).toBeUndefined();
  });
});

describe('sidecar containers', () => {
  it('starts a restartable init container and keeps it running beside the app', () => {
    const cluster = createCluster();
    runPod(cluster, 'with-sidecar', {
      initContainers: [
        {
          name: 'logger',
          image: 'busybox:1.36',
          restartPolicy: 'Always',
          command: ['sh', '-c', 'while true; do echo tick; sleep 5; done'],
        },
      ],
      containers: [{ name: 'app', image: 'nginx:1.27' }],
    });
    cluster.advance(20_000);
    const p = pod(cluster, 'with-sidecar');
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.initContainerStatuses?.[0]?.state?.running).toBeDefined();
    expect(p.status?.containerStatuses?.[0]?.ready).toBe(true);
    expect(p.status?.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
  });
});
