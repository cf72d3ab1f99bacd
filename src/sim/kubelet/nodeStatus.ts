/** The Node object a kubelet registers, and its heartbeat conditions (pkg/kubelet/nodestatus). */
import type { Node, NodeCondition, Taint } from '../api/types/index.ts';
import { formatRfc3339 } from '../clock/timeFormat.ts';

export const KUBELET_VERSION = 'v1.32.4';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';
export const OS_IMAGE = 'Ubuntu 24.04.1 LTS';
export const KERNEL_VERSION = '6.8.0-51-generic';

export interface NodeConfig {
  readonly name: string;
  readonly cpu: string;
  readonly memory: string;
  readonly pods: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly internalIP: string;
  readonly podCIDR: string;
  readonly machineId: string;
}

export function nodeConditions(
  ready: boolean,
  nowMs: number,
  previous: readonly NodeCondition[],
  heartbeat: boolean,
): NodeCondition[] {
  const now = formatRfc3339(nowMs);
  const make = (type: string, status: string, reason: string, message: string): NodeCondition => {
    const prev = previous.find((c) => c.type === type);
    return {
      type,
      status,
      lastHeartbeatTime: heartbeat || !prev ? now : prev.lastHeartbeatTime,
      lastTransitionTime: prev?.status === status ? (prev.lastTransitionTime ?? now) : now,
      reason,
      message,
    };
  };
  return [
    make(
      'MemoryPressure',
      'False',
      'KubeletHasSufficientMemory',
      'kubelet has sufficient memory available',
    ),
    make('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    make('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready
      ? make('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
      : make(
          'Ready',
          'False',
          'KubeletNotReady',
          'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
        ),
  ];
}

export function registrationNode(
  config: NodeConfig,
  nowMs: number,
  ready: boolean,
): Node & { apiVersion: string; kind: string } {
  const capacity = {
    cpu: config.cpu,
    'ephemeral-storage': '100Gi',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: config.memory,
    pods: String(config.pods),
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: config.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': config.name,
        'kubernetes.io/os': 'linux',
        ...config.labels,
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: config.podCIDR,
      podCIDRs: [config.podCIDR],
      ...(config.taints.length > 0 ? { taints: [...config.taints] } : {}),
    },
    status: {
      capacity,
      allocatable: { ...capacity },
      conditions: nodeConditions(ready, nowMs, [], true),
      addresses: [
        { type: 'InternalIP', address: config.internalIP },
        { type: 'Hostname', address: config.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: config.machineId,
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kernelVersion: KERNEL_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: config.machineId.replace(/-/g, ''),
        operatingSystem: 'linux',
        osImage: OS_IMAGE,
        systemUUID: config.machineId,
      },
    },
  };
}
