/**
 * The objects of a fresh kubeadm cluster: namespaces, the kubernetes and kube-dns Services, the
 * default StorageClass, built-in PriorityClasses, the control-plane static pods, kube-proxy and
 * CoreDNS with their real images and requests.
 */
import type { KubeObject } from './api/types/index.ts';
import { KUBELET_VERSION } from './kubelet/nodeStatus.ts';

export const CONTROL_PLANE_NODE = 'control-plane';
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3';
export const KUBE_PROXY_IMAGE = `registry.k8s.io/kube-proxy:${KUBELET_VERSION}`;
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

const obj = (
  apiVersion: string,
  kind: string,
  metadata: KubeObject['metadata'],
  rest: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion,
  kind,
  metadata,
  ...rest,
});

export function namespaces(): KubeObject[] {
  return ['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((name) =>
    obj('v1', 'Namespace', { name }),
  );
}

export function clusterObjects(): KubeObject[] {
  return [
    obj(
      'v1',
      'Service',
      {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      {
        spec: {
          clusterIP: '10.96.0.1',
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
          type: 'ClusterIP',
        },
      },
    ),
    obj(
      'v1',
      'Service',
      {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: {
          'k8s-app': 'kube-dns',
          'kubernetes.io/cluster-service': 'true',
          'kubernetes.io/name': 'CoreDNS',
        },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      {
        spec: {
          clusterIP: '10.96.0.10',
          selector: { 'k8s-app': 'kube-dns' },
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
            { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
          ],
        },
      },
    ),
    obj(
      'storage.k8s.io/v1',
      'StorageClass',
      {
        name: 'standard',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      {
        provisioner: 'rancher.io/local-path',
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
    ),
    obj(
      'scheduling.k8s.io/v1',
      'PriorityClass',
      { name: 'system-cluster-critical' },
      {
        value: 2000000000,
        description:
          'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
        preemptionPolicy: 'PreemptLowerPriority',
      },
    ),
    obj(
      'scheduling.k8s.io/v1',
      'PriorityClass',
      { name: 'system-node-critical' },
      {
        value: 2000001000,
        description:
          'Used for system critical pods that must not be moved from their current node.',
        preemptionPolicy: 'PreemptLowerPriority',
      },
    ),
    kubeProxyDaemonSet(),
    coreDnsDeployment(),
  ];
}

function kubeProxyDaemonSet(): KubeObject {
  return obj(
    'apps/v1',
    'DaemonSet',
    { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    {
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-proxy' } },
          spec: {
            containers: [
              {
                name: 'kube-proxy',
                image: KUBE_PROXY_IMAGE,
                command: [
                  '/usr/local/bin/kube-proxy',
                  '--config=/var/lib/kube-proxy/config.conf',
                  '--hostname-override=$(NODE_NAME)',
                ],
                securityContext: { privileged: true },
              },
            ],
            hostNetwork: true,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'kube-proxy',
            tolerations: [{ operator: 'Exists' }],
          },
        },
      },
    },
  );
}

function coreDnsDeployment(): KubeObject {
  return obj(
    'apps/v1',
    'Deployment',
    { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    {
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  {
                    weight: 100,
                    podAffinityTerm: {
                      labelSelector: {
                        matchExpressions: [
                          { key: 'k8s-app', operator: 'In', values: ['kube-dns'] },
                        ],
                      },
                      topologyKey: 'kubernetes.io/hostname',
                    },
                  },
                ],
              },
            },
            containers: [
              {
                name: 'coredns',
                image: COREDNS_IMAGE,
                args: ['-conf', '/etc/coredns/Corefile'],
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
                resources: {
                  limits: { memory: '170Mi' },
                  requests: { cpu: '100m', memory: '70Mi' },
                },
                livenessProbe: {
                  httpGet: { path: '/health', port: 8080 },
                  initialDelaySeconds: 60,
                  timeoutSeconds: 5,
                  successThreshold: 1,
                  failureThreshold: 5,
                },
                readinessProbe: { httpGet: { path: '/ready', port: 8181 } },
              },
            ],
            dnsPolicy: 'Default',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
            ],
          },
        },
      },
    },
  );
}

interface StaticPodSpec {
  readonly component: string;
  readonly image: string;
  readonly cpu: string;
  readonly memory?: string;
  readonly command: string[];
}

const STATIC_PODS: readonly StaticPodSpec[] = [
  {
    component: 'etcd',
    image: 'registry.k8s.io/etcd:3.5.16-0',
    cpu: '100m',
    memory: '100Mi',
    command: [
      'etcd',
      '--advertise-client-urls=https://172.18.0.2:2379',
      '--data-dir=/var/lib/etcd',
    ],
  },
  {
    component: 'kube-apiserver',
    image: `registry.k8s.io/kube-apiserver:${KUBELET_VERSION}`,
    cpu: '250m',
    command: [
      'kube-apiserver',
      '--advertise-address=172.18.0.2',
      '--service-cluster-ip-range=10.96.0.0/12',
    ],
  },
  {
    component: 'kube-controller-manager',
    image: `registry.k8s.io/kube-controller-manager:${KUBELET_VERSION}`,
    cpu: '200m',
    command: [
      'kube-controller-manager',
      '--allocate-node-cidrs=true',
      '--cluster-cidr=10.244.0.0/16',
    ],
  },
  {
    component: 'kube-scheduler',
    image: `registry.k8s.io/kube-scheduler:${KUBELET_VERSION}`,
    cpu: '100m',
    command: [
      'kube-scheduler',
      '--bind-address=127.0.0.1',
      '--kubeconfig=/etc/kubernetes/scheduler.conf',
    ],
  },
];

export const STATIC_POD_IMAGES = STATIC_PODS.map((p) => p.image);

/** Mirror pods the control-plane kubelet creates for its static pod manifests. */
export function staticPods(nodeUid: string): KubeObject[] {
  return STATIC_PODS.map((p) =>
    obj(
      'v1',
      'Pod',
      {
        name: `${p.component}-${CONTROL_PLANE_NODE}`,
        namespace: 'kube-system',
        labels: { component: p.component, tier: 'control-plane' },
        annotations: {
          'kubernetes.io/config.mirror': `mirror-${p.component}`,
          'kubernetes.io/config.source': 'file',
        },
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Node',
            name: CONTROL_PLANE_NODE,
            uid: nodeUid,
            controller: true,
          },
        ],
      },
      {
        spec: {
          nodeName: CONTROL_PLANE_NODE,
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          priority: 2000001000,
          tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
          containers: [
            {
              name: p.component,
              image: p.image,
              command: p.command,
              resources: { requests: { cpu: p.cpu, ...(p.memory ? { memory: p.memory } : {}) } },
            },
          ],
        },
      },
    ),
  );
}
