/**
 * Scheduling scenarios as kubeplay scripts: what a learner sees when the default scheduler places,
 * parks and preempts pods. Expected messages follow kube-scheduler v1.32 (framework.FitError,
 * DefaultPreemption) as written down in k8s-fidelity.md §1.3–1.4.
 */
import { describe, expect, it } from 'vitest';
import type { Cluster, KubeObject, Node, Pod } from '../../sim/index.ts';
import type { Workspace } from '../command.ts';
import { runLines, runScript } from '../index.ts';

function workspaceOf(files: Record<string, string>): Workspace {
  return { readFile: (path) => files[path] };
}

function podsOf(cluster: Cluster, prefix = ''): (KubeObject & Pod)[] {
  return cluster
    .list('pods', 'default')
    .filter((p) => (p.metadata.name ?? '').startsWith(prefix)) as (KubeObject & Pod)[];
}

function eventMessages(cluster: Cluster, name: string, reason?: string): string[] {
  return cluster
    .list('events', 'default')
    .filter(
      (e) =>
        (e.involvedObject as { name?: string }).name === name &&
        (reason === undefined || e.reason === reason),
    )
    .map((e) => e.message as string);
}

function setNode(cluster: Cluster, name: string, edit: (node: KubeObject & Node) => void): void {
  cluster.api.mutate<KubeObject & Node>('nodes', '', name, edit, { actor: 'test' });
  cluster.settle();
}

function pod(name: string, extra: string, cpu = '100m'): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
${extra}  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: ${cpu}
`;
}

function deployment(name: string, replicas: number, podSpecExtra: string, cpu = '100m'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${String(replicas)}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${podSpecExtra}      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests:
            cpu: ${cpu}
`;
}

const CONTROL_PLANE_TAINT =
  '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

describe('capacity exhaustion', () => {
  it('leaves a pod that fits nowhere Pending with kube-scheduler’s exact message', () => {
    const files = { 'big.yaml': pod('big', '', '5') };
    const { entries, shell } = runScript(
      'kubectl apply -f big.yaml\nadvance 5s\nkubectl get pods\n',
      {
        workspace: workspaceOf(files),
      },
    );
    expect(entries[2]?.stdout).toMatch(/^big\s+0\/1\s+Pending\s+0\s+5s$/m);
    const message = `0/4 nodes are available: ${CONTROL_PLANE_TAINT}, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..`;
    expect(eventMessages(shell.cluster, 'big', 'FailedScheduling')).toEqual([message]);
    const condition = podsOf(shell.cluster, 'big')[0]?.status?.conditions?.find(
      (c) => c.type === 'PodScheduled',
    );
    expect(condition).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
  });

  it('retries a parked pod only when the 5-minute flush comes, and aggregates the event', () => {
    const files = { 'big.yaml': pod('big', '', '5') };
    const { shell } = runScript('kubectl apply -f big.yaml\nadvance 4m\n', {
      workspace: workspaceOf(files),
    });
    const count = (): unknown =>
      shell.cluster.list('events', 'default').find((e) => e.reason === 'FailedScheduling')?.count;
    expect(count()).toBe(1);
    runLines(shell, 'advance 90s\n');
    expect(count()).toBe(2);
  });

  it('schedules a pending pod as soon as a node that fits joins', () => {
    const files = { 'big.yaml': pod('big', '', '5') };
    const { shell } = runScript(
      'kubectl apply -f big.yaml\nadvance 5s\nnode add node-4 --cpu 8 --memory 16Gi\nadvance 5s\n',
      { workspace: workspaceOf(files) },
    );
    expect(podsOf(shell.cluster, 'big')[0]?.spec?.nodeName).toBe('node-4');
    expect(eventMessages(shell.cluster, 'big', 'Scheduled')).toEqual([
      'Successfully assigned default/big to node-4',
    ]);
  });
});

describe('taints', () => {
  it('keeps pods off NoSchedule nodes and away from PreferNoSchedule ones', () => {
    const files = { 'd.yaml': deployment('web', 4, '') };
    const { shell } = runScript('', { workspace: workspaceOf(files) });
    setNode(shell.cluster, 'node-1', (n) => {
      n.spec = { ...n.spec, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] };
    });
    setNode(shell.cluster, 'node-2', (n) => {
      n.spec = { ...n.spec, taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] };
    });
    runLines(shell, 'kubectl apply -f d.yaml\nadvance 10s\n');
    const nodes = podsOf(shell.cluster, 'web').map((p) => p.spec?.nodeName);
    expect(nodes).toEqual(['node-3', 'node-3', 'node-3', 'node-3']);
  });

  it('reports an untolerated NoExecute taint like a NoSchedule one', () => {
    const files = { 'p.yaml': pod('p', '  nodeSelector:\n    kubernetes.io/hostname: node-1\n') };
    const { shell } = runScript('', { workspace: workspaceOf(files) });
    setNode(shell.cluster, 'node-1', (n) => {
      n.spec = { ...n.spec, taints: [{ key: 'maintenance', value: 'now', effect: 'NoExecute' }] };
    });
    runLines(shell, 'kubectl apply -f p.yaml\nadvance 1s\n');
    expect(eventMessages(shell.cluster, 'p', 'FailedScheduling')[0]).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {maintenance: now}, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..",
    );
  });

  it('wakes a parked pod when the taint that blocked it is removed', () => {
    const files = { 'p.yaml': pod('p', '  nodeSelector:\n    kubernetes.io/hostname: node-1\n') };
    const { shell } = runScript('', { workspace: workspaceOf(files) });
    setNode(shell.cluster, 'node-1', (n) => {
      n.spec = { ...n.spec, taints: [{ key: 'maintenance', effect: 'NoSchedule' }] };
    });
    runLines(shell, 'kubectl apply -f p.yaml\nadvance 20s\n');
    setNode(shell.cluster, 'node-1', (n) => {
      if (n.spec) delete n.spec.taints;
    });
    runLines(shell, 'advance 1s\n');
    expect(podsOf(shell.cluster, 'p')[0]?.spec?.nodeName).toBe('node-1');
  });
});

describe('nodeSelector and node affinity', () => {
  it('places a pod only on a node with the selected label', () => {
    const files = { 'p.yaml': pod('p', '  nodeSelector:\n    disktype: ssd\n') };
    const { shell } = runScript('kubectl apply -f p.yaml\nadvance 1s\n', {
      workspace: workspaceOf(files),
    });
    expect(eventMessages(shell.cluster, 'p', 'FailedScheduling')).toEqual([
      `0/4 nodes are available: ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..`,
    ]);
    setNode(shell.cluster, 'node-2', (n) => {
      n.metadata.labels = { ...n.metadata.labels, disktype: 'ssd' };
    });
    runLines(shell, 'advance 2s\n');
    expect(podsOf(shell.cluster, 'p')[0]?.spec?.nodeName).toBe('node-2');
  });

  it('prefers the node matching a preferred term', () => {
    const affinity = `      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            preference:
              matchExpressions:
              - key: kubernetes.io/hostname
                operator: In
                values: [node-3]
`;
    const files = { 'd.yaml': deployment('web', 2, affinity) };
    const { shell } = runScript('kubectl apply -f d.yaml\nadvance 5s\n', {
      workspace: workspaceOf(files),
    });
    expect(podsOf(shell.cluster, 'web').map((p) => p.spec?.nodeName)).toEqual(['node-3', 'node-3']);
  });
});

describe('pod anti-affinity and topology spread', () => {
  it('puts one replica per node and leaves the fourth Pending', () => {
    const anti = `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels:
                app: web
            topologyKey: kubernetes.io/hostname
`;
    const files = { 'd.yaml': deployment('web', 4, anti) };
    const { shell } = runScript('kubectl apply -f d.yaml\nadvance 5s\n', {
      workspace: workspaceOf(files),
    });
    const pods = podsOf(shell.cluster, 'web');
    const placed = pods
      .map((p) => p.spec?.nodeName)
      .filter(Boolean)
      .sort();
    expect(placed).toEqual(['node-1', 'node-2', 'node-3']);
    const pending = pods.find((p) => !p.spec?.nodeName);
    expect(eventMessages(shell.cluster, pending?.metadata.name ?? '', 'FailedScheduling')).toEqual([
      `0/4 nodes are available: ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..`,
    ]);
  });

  it('keeps zone skew within maxSkew with a DoNotSchedule constraint', () => {
    const spread = `      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: web
`;
    const files = { 'd.yaml': deployment('web', 6, spread) };
    const { shell } = runScript('', { workspace: workspaceOf(files) });
    const zones: Record<string, string> = { 'node-1': 'a', 'node-2': 'a', 'node-3': 'b' };
    for (const [name, zone] of Object.entries(zones))
      setNode(shell.cluster, name, (n) => {
        n.metadata.labels = { ...n.metadata.labels, 'topology.kubernetes.io/zone': zone };
      });
    runLines(shell, 'kubectl apply -f d.yaml\nadvance 5s\n');
    const byZone = { a: 0, b: 0 };
    for (const p of podsOf(shell.cluster, 'web'))
      byZone[zones[p.spec?.nodeName ?? ''] as 'a' | 'b']++;
    expect(byZone).toEqual({ a: 3, b: 3 });
  });

  it('spreads a Deployment over the nodes by the default soft constraints', () => {
    const files = { 'd.yaml': deployment('web', 6, '') };
    const { shell } = runScript('kubectl apply -f d.yaml\nadvance 5s\n', {
      workspace: workspaceOf(files),
    });
    const perNode = new Map<string, number>();
    for (const p of podsOf(shell.cluster, 'web'))
      perNode.set(p.spec?.nodeName ?? '', (perNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
    expect([...perNode.values()].sort()).toEqual([2, 2, 2]);
  });
});

describe('priority and preemption', () => {
  const files = {
    'pc.yaml': `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
`,
    'filler.yaml': deployment('filler', 3, '', '3'),
    'vip.yaml': pod('vip', '  priorityClassName: high\n', '3'),
  };

  it('evicts a lower-priority pod, nominates its node and schedules there once it is gone', () => {
    const { shell } = runScript(
      'kubectl apply -f pc.yaml\nkubectl apply -f filler.yaml\nadvance 10s\nkubectl apply -f vip.yaml\n',
      { workspace: workspaceOf(files) },
    );
    const cluster = shell.cluster;
    const vip = podsOf(cluster, 'vip')[0];
    const nominated = vip?.status?.nominatedNodeName;
    expect(nominated).toMatch(/^node-[123]$/);
    expect(eventMessages(cluster, 'vip', 'FailedScheduling')).toEqual([
      `0/4 nodes are available: ${CONTROL_PLANE_TAINT}, 3 Insufficient cpu.`,
    ]);
    const victim = podsOf(cluster, 'filler').find((p) => p.metadata.deletionTimestamp);
    expect(victim?.spec?.nodeName).toBe(nominated);
    expect(victim?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    expect(eventMessages(cluster, victim?.metadata.name ?? '', 'Preempted')).toEqual([
      `Preempted by pod ${vip?.metadata.uid ?? ''} on node ${nominated ?? ''}`,
    ]);
    runLines(shell, 'advance 40s\n');
    expect(podsOf(cluster, 'vip')[0]?.spec?.nodeName).toBe(nominated);
    const replacement = podsOf(cluster, 'filler').filter((p) => !p.spec?.nodeName);
    expect(replacement).toHaveLength(1);
  });

  it('does not preempt for a pod with preemptionPolicy Never', () => {
    const never = {
      ...files,
      'pc.yaml': files['pc.yaml'] + 'preemptionPolicy: Never\n',
    };
    const { shell } = runScript(
      'kubectl apply -f pc.yaml\nkubectl apply -f filler.yaml\nadvance 10s\nkubectl apply -f vip.yaml\n',
      { workspace: workspaceOf(never) },
    );
    expect(eventMessages(shell.cluster, 'vip', 'FailedScheduling')).toEqual([
      `0/4 nodes are available: ${CONTROL_PLANE_TAINT}, 3 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..`,
    ]);
    expect(podsOf(shell.cluster, 'filler').some((p) => p.metadata.deletionTimestamp)).toBe(false);
  });
});

describe('bin-packing with a KubeSchedulerConfiguration', () => {
  it('switches from spreading to packing with MostAllocated', () => {
    const config = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
metadata:
  name: bin-packing
profiles:
- schedulerName: default-scheduler
  plugins:
    score:
      disabled:
      - name: PodTopologySpread
      - name: NodeResourcesBalancedAllocation
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: MostAllocated
`;
    const files = { 'c.yaml': config, 'd.yaml': deployment('web', 4, '', '500m') };
    const { entries, shell } = runScript(
      'kubectl apply -f c.yaml\nkubectl apply -f d.yaml\nadvance 5s\n',
      {
        workspace: workspaceOf(files),
      },
    );
    expect(entries[0]?.stdout).toBe(
      'kubeschedulerconfiguration.kubescheduler.config.k8s.io/bin-packing created\n',
    );
    const nodes = new Set(podsOf(shell.cluster, 'web').map((p) => p.spec?.nodeName));
    expect(nodes.size).toBe(1);
  });
});

describe('bind pacing', () => {
  it('binds through a 50 QPS, burst 100 client: 100 at once, then 50 a second', () => {
    const files = { 'd.yaml': deployment('many', 200, '', '1m') };
    const { shell } = runScript('kubectl apply -f d.yaml\n', { workspace: workspaceOf(files) });
    const bound = (): number =>
      podsOf(shell.cluster, 'many').filter((p) => p.spec?.nodeName).length;
    expect(podsOf(shell.cluster, 'many')).toHaveLength(200);
    expect(bound()).toBe(100);
    expect(shell.cluster.scheduler.bindsInFlight).toBe(100);
    runLines(shell, 'advance 1s\n');
    expect(bound()).toBe(150);
    runLines(shell, 'advance 1s\n');
    expect(bound()).toBe(200);
  }, 30_000);
});

describe('explanations', () => {
  it('records why each node was rejected or how it scored, and what would help', () => {
    const files = { 'big.yaml': pod('big', '', '5'), 'small.yaml': pod('small', '') };
    const { shell } = runScript('kubectl apply -f big.yaml\nkubectl apply -f small.yaml\n', {
      workspace: workspaceOf(files),
    });
    const cluster = shell.cluster;
    const uid = (name: string): string => podsOf(cluster, name)[0]?.metadata.uid ?? '';
    const pending = cluster.scheduler.records.latest(uid('big'));
    expect(pending?.chosenNode).toBeUndefined();
    expect(pending?.nodes.map((n) => [n.node, n.rejectedBy?.plugin])).toEqual([
      ['control-plane', 'TaintToleration'],
      ['node-1', 'NodeResourcesFit'],
      ['node-2', 'NodeResourcesFit'],
      ['node-3', 'NodeResourcesFit'],
    ]);
    const placed = cluster.scheduler.records.latest(uid('small'));
    const chosen = placed?.nodes.find((n) => n.node === placed.chosenNode);
    expect(chosen?.scores?.map((s) => `${s.plugin}×${String(s.weight)}`)).toEqual([
      'TaintToleration×3',
      'NodeResourcesFit×1',
      'NodeResourcesBalancedAllocation×1',
      'ImageLocality×1',
    ]);
    expect(chosen?.total).toBe(chosen?.scores?.reduce((sum, s) => sum + s.weighted, 0));
    const help = cluster.scheduler.explain('default', 'big');
    expect(help.map((s) => s.kind)).toEqual(['lowerRequests', 'addNode']);
    expect(help[0]?.sentence).toMatch(
      /^Lower the pod's cpu request from 5 to \d+m or less: that is what node-\d has left\.$/,
    );
    expect(help[1]?.sentence).toBe(
      'Add a node with 5 CPU and 8Gi memory like the others (node add new-node --cpu 5 --memory 8Gi).',
    );
  });
});

describe('DaemonSet pods', () => {
  it('evaluate only their own node (NodeAffinity PreFilterResult) and say so for the rest', () => {
    const ds = `apiVersion: apps/v1
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
        image: busybox:1.36
        resources:
          requests:
            cpu: "5"
`;
    const { shell } = runScript('kubectl apply -f ds.yaml\nadvance 2s\n', {
      workspace: workspaceOf({ 'ds.yaml': ds }),
    });
    const pods = podsOf(shell.cluster, 'agent');
    expect(pods).toHaveLength(3);
    for (const p of pods)
      expect(eventMessages(shell.cluster, p.metadata.name ?? '', 'FailedScheduling')).toEqual([
        "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling..",
      ]);
  });
});
