import { describe, expect, it } from 'vitest';
import { createPlaygroundStore } from './createPlaygroundStore.ts';
import { selectEventRows, selectNodeViews, selectPodViews } from './selectors.ts';
import { createSimDriver, type DriverHost } from './simDriver.ts';
import { STARTER_DEPLOYMENT, STARTER_FILE_NAME } from './workspace.ts';

const webPods = (store: ReturnType<typeof createPlaygroundStore>) =>
  selectPodViews(store.getState().cluster).filter((p) => p.name.startsWith('web-'));

describe('createPlaygroundStore', () => {
  it('applies the starter file and the pods turn Running as time passes', () => {
    const store = createPlaygroundStore({ seed: 7, playing: false });
    const result = store.getState().actions.applyManifest(STARTER_DEPLOYMENT, STARTER_FILE_NAME);
    expect(result).toEqual({
      fileName: 'deployment.yaml',
      ok: true,
      lines: [{ text: 'deployment.apps/web created', error: false }],
    });
    expect(webPods(store)).toHaveLength(3);
    store.getState().actions.advanceBy(60_000);
    expect(webPods(store).map((p) => p.status)).toEqual(['Running', 'Running', 'Running']);
    expect(webPods(store).every((p) => p.owner.startsWith('ReplicaSet/web-'))).toBe(true);
    const transcript = store.getState().transcript;
    expect(transcript.at(-1)).toMatchObject({
      source: 'editor',
      command: 'kubectl apply -f deployment.yaml',
      exitCode: 0,
    });
  });

  it('rebuilds only the kinds that changed; unchanged maps keep their identity', () => {
    const store = createPlaygroundStore({ playing: false });
    const before = store.getState().cluster;
    store.getState().actions.runCommand('kubectl get pods');
    const after = store.getState().cluster;
    expect(after.objects.pods).toBe(before.objects.pods);
    store.getState().actions.runCommand('kubectl create namespace demo');
    store
      .getState()
      .actions.applyManifest(
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n',
        'ns.yaml',
      );
    const later = store.getState().cluster;
    expect(later.objects.namespaces).not.toBe(before.objects.namespaces);
    expect(later.objects.deployments).toBe(before.objects.deployments);
    expect(later.objects.namespaces.has('demo')).toBe(true);
  });

  it('keeps the learner text when apply fails, and reports the error', () => {
    const store = createPlaygroundStore({ playing: false });
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [\n';
    const result = store.getState().actions.applyManifest(broken, 'broken.yaml');
    expect(result.ok).toBe(false);
    expect(result.lines.some((l) => l.error)).toBe(true);
    expect(store.getState().files.find((f) => f.name === 'broken.yaml')?.text).toBe(broken);
  });

  it('announces scheduling for screen readers', () => {
    const store = createPlaygroundStore({ seed: 3, playing: false });
    store.getState().actions.applyManifest(STARTER_DEPLOYMENT, STARTER_FILE_NAME);
    expect(store.getState().announcement.text).toMatch(
      /^Pod web-[a-z0-9]+-[a-z0-9]{5} scheduled to node-\d/,
    );
  });

  it('shows nodes with kubectl status and requested resources', () => {
    const store = createPlaygroundStore({ playing: false });
    store.getState().actions.applyManifest(STARTER_DEPLOYMENT, STARTER_FILE_NAME);
    const nodes = selectNodeViews(store.getState().cluster);
    expect(nodes.map((n) => n.name)).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(nodes[0]?.taints).toEqual(['node-role.kubernetes.io/control-plane:NoSchedule']);
    expect(nodes.every((n) => n.status === 'Ready')).toBe(true);
    const workers = nodes.slice(1);
    expect(workers.every((n) => n.cpuAllocatableMilli === 4000)).toBe(true);
    const webCpu = workers.reduce((sum, n) => sum + n.cpuRequestedMilli, 0);
    // 3 × 250m for web plus the system pods' requests (kube-proxy has none, coredns 100m each).
    expect(webCpu).toBeGreaterThanOrEqual(750);
  });

  it('lists events newest first with kubectl OBJECT names', () => {
    const store = createPlaygroundStore({ playing: false });
    store.getState().actions.applyManifest(STARTER_DEPLOYMENT, STARTER_FILE_NAME);
    store.getState().actions.advanceBy(10_000);
    const rows = selectEventRows(store.getState().cluster);
    expect(
      rows.some((r) => r.reason === 'ScalingReplicaSet' && r.object === 'deployment/web'),
    ).toBe(true);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i - 1]!.lastSeenMs).toBeGreaterThanOrEqual(rows[i]!.lastSeenMs);
  });

  it('manages editor files: new, rename, delete, with plain messages for bad names', () => {
    const store = createPlaygroundStore({ playing: false });
    const a = store.getState().actions;
    expect(a.newFile('svc.yaml', 'x')).toBeUndefined();
    expect(a.newFile('svc.yaml')).toBe('A file named "svc.yaml" already exists.');
    expect(a.newFile('bad name.yaml')).toMatch(/letters, digits/);
    expect(a.renameFile('svc.yaml', 'service.yaml')).toBeUndefined();
    expect(store.getState().activeFile).toBe('service.yaml');
    a.deleteFile('service.yaml');
    a.deleteFile('deployment.yaml');
    expect(store.getState().files).toEqual([{ name: 'untitled.yaml', text: '' }]);
  });

  it('is deterministic: the same seed and actions give identical transcripts', () => {
    const run = () => {
      const store = createPlaygroundStore({ seed: 42, playing: false });
      store.getState().actions.applyManifest(STARTER_DEPLOYMENT, STARTER_FILE_NAME);
      store.getState().actions.advanceBy(30_000);
      store.getState().actions.runCommand('kubectl get pods -o wide');
      return store.getState().transcript.map((e) => [e.command, e.stdout, e.stderr]);
    };
    expect(run()).toEqual(run());
  });

  it('completes commands, resource types and names (the engine), plus terminal built-ins', () => {
    const store = createPlaygroundStore({ playing: false });
    const complete = store.getState().actions.complete;
    expect(complete('kub')).toEqual(['kubectl']);
    expect(complete('hel')).toEqual(['help']);
    expect(complete('kubectl get pods -o=ya')).toEqual(['-o=yaml']);
    expect(complete('kubectl ge')).toEqual(['get']);
    expect(complete('kubectl get deploy')).toEqual(['deploy', 'deployments']);
    expect(complete('kubectl cordon node-')).toEqual(['node-1', 'node-2', 'node-3']);
  });
});

describe('streams and kubectl edit', () => {
  it('keeps a terminal stream (get -w) open, polls it as time runs, and stops it', () => {
    const store = createPlaygroundStore({ playing: false });
    const a = store.getState().actions;
    const entry = a.runCommand('kubectl get pods -w');
    expect(entry.exitCode).toBe(0);
    expect(store.getState().stream).toBeDefined();
    a.applyManifest(STARTER_DEPLOYMENT, STARTER_FILE_NAME);
    a.advanceBy(10_000);
    expect(store.getState().streamOutput.text).toMatch(/web-/);
    a.stopStream();
    expect(store.getState().stream).toBeUndefined();
  });

  it('opens kubectl edit in the editor and saves it back', () => {
    const store = createPlaygroundStore({ playing: false });
    const a = store.getState().actions;
    a.applyManifest(STARTER_DEPLOYMENT, STARTER_FILE_NAME);
    a.runCommand('kubectl edit deployment web');
    const session = store.getState().editSession;
    expect(session).toBeDefined();
    expect(store.getState().activeFile).toBe(session?.fileName);
    const text = store.getState().files.find((f) => f.name === session?.fileName)?.text ?? '';
    expect(text).toContain('kind: Deployment');
    a.setFileText(session!.fileName, text.replace('replicas: 3', 'replicas: 5'));
    const saved = a.saveEdit();
    expect(saved?.stdout).toBe('deployment.apps/web edited\n');
    expect(store.getState().editSession).toBeUndefined();
    a.advanceBy(1000);
    expect(
      selectPodViews(store.getState().cluster).filter((p) => p.name.startsWith('web-')),
    ).toHaveLength(5);
  });
});

describe('createSimDriver', () => {
  function fakeHost() {
    let now = 0;
    const frames: ((t: number) => void)[] = [];
    let hidden = false;
    const listeners: (() => void)[] = [];
    const host: DriverHost = {
      requestFrame: (cb) => frames.push(cb),
      cancelFrame: () => undefined,
      now: () => now,
      isHidden: () => hidden,
      onVisibilityChange: (l) => {
        listeners.push(l);
        return () => undefined;
      },
    };
    return {
      host,
      /** Runs the pending frame at wall time `t`. */
      tick(t: number) {
        now = t;
        frames.shift()?.(t);
      },
      setHidden(value: boolean) {
        hidden = value;
        for (const l of listeners) l();
      },
      pending: () => frames.length,
    };
  }

  it('advances speed × elapsed while playing and nothing while paused', () => {
    const store = createPlaygroundStore({ playing: true });
    const fake = fakeHost();
    const driver = createSimDriver(store, fake.host, { budgetMs: 1e9 });
    const t0 = store.getState().cluster.simTimeMs;
    driver.start();
    fake.tick(0);
    fake.tick(16);
    expect(store.getState().cluster.simTimeMs - t0).toBe(16);
    store.getState().actions.setSpeed(60);
    fake.tick(32);
    expect(store.getState().cluster.simTimeMs - t0).toBe(16 + 960);
    store.getState().actions.pause();
    fake.tick(48);
    expect(store.getState().cluster.simTimeMs - t0).toBe(976);
    driver.stop();
  });

  it('stops requesting frames while the tab is hidden', () => {
    const store = createPlaygroundStore({ playing: true });
    const fake = fakeHost();
    const driver = createSimDriver(store, fake.host);
    driver.start();
    fake.tick(0);
    fake.setHidden(true);
    fake.tick(16);
    expect(fake.pending()).toBe(0);
    fake.setHidden(false);
    expect(fake.pending()).toBe(1);
    driver.stop();
  });
});
