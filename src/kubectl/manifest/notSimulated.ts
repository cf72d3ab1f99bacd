/**
 * Kinds a real cluster knows but Kubeplay does not serve, and API versions Kubernetes removed, so
 * that refusing a manifest always says which kind is missing and why.
 * Removals follow the "Deprecated API Migration Guide" (kubernetes.io/docs/reference/using-api/
 * deprecation-guide/).
 */

/** Groups (and some kinds) a v1.32 cluster serves that the simulation leaves out, with the reason. */
const NOT_SIMULATED: readonly { group: string; kinds?: readonly string[]; why: string }[] = [
  {
    group: 'admissionregistration.k8s.io',
    why: "Kubeplay's API server runs only its built-in admission plugins; webhooks and admission policies are not part of the simulated cluster",
  },
  {
    group: 'apiextensions.k8s.io',
    why: 'custom resources and the controllers behind them are not part of the simulated cluster',
  },
  { group: 'apiregistration.k8s.io', why: 'API aggregation is not part of the simulated cluster' },
  {
    group: 'resource.k8s.io',
    why: 'dynamic resource allocation (devices such as GPUs) is not part of the simulated cluster',
  },
  {
    group: 'flowcontrol.apiserver.k8s.io',
    why: 'API Priority and Fairness is not simulated: the simulated API server serves every request at once',
  },
  {
    group: 'certificates.k8s.io',
    why: 'the simulated cluster has no certificate authority to sign requests',
  },
  { group: 'authentication.k8s.io', why: 'authentication is not simulated' },
  { group: 'authorization.k8s.io', why: 'review requests are not simulated' },
  { group: 'node.k8s.io', why: 'the simulated nodes have a single container runtime' },
  {
    group: 'storage.k8s.io',
    kinds: [
      'CSIDriver',
      'CSINode',
      'CSIStorageCapacity',
      'VolumeAttachment',
      'VolumeAttributesClass',
    ],
    why: 'CSI drivers are not simulated; simulated volumes come from a built-in provisioner',
  },
  {
    group: 'autoscaling',
    kinds: ['HorizontalPodAutoscaler'],
    why: 'Kubeplay serves HorizontalPodAutoscalers as autoscaling/v2 only (the same object, with its target in spec.metrics)',
  },
  {
    group: 'networking.k8s.io',
    kinds: ['IPAddress', 'ServiceCIDR'],
    why: 'the simulated service IP range is fixed',
  },
];

/** Tool and component configuration files: read from disk by a program, never sent to the API. */
const COMPONENT_CONFIG: Readonly<Record<string, string>> = {
  'apiserver.config.k8s.io': 'kube-apiserver',
  'apiserver.k8s.io': 'kube-apiserver',
  'audit.k8s.io': 'kube-apiserver (its audit policy)',
  'kubelet.config.k8s.io': 'the kubelet',
  'kubeproxy.config.k8s.io': 'kube-proxy',
  'kubescheduler.config.k8s.io': 'kube-scheduler',
  'kubeadm.k8s.io': 'kubeadm',
  'kind.x-k8s.io': 'kind (Kubernetes in Docker)',
  'pod-security.admission.config.k8s.io': 'the PodSecurity admission plugin',
};

/** apiVersion/kind pairs removed from Kubernetes, with the release that removed them. */
const REMOVED: readonly {
  versions: readonly string[];
  kinds: readonly string[];
  release: string;
}[] = [
  {
    versions: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'],
    kinds: ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'NetworkPolicy'],
    release: 'v1.16',
  },
  {
    versions: ['extensions/v1beta1', 'networking.k8s.io/v1beta1'],
    kinds: ['Ingress', 'IngressClass'],
    release: 'v1.22',
  },
  {
    versions: [
      'rbac.authorization.k8s.io/v1beta1',
      'scheduling.k8s.io/v1beta1',
      'storage.k8s.io/v1beta1',
    ],
    kinds: [
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
      'PriorityClass',
      'StorageClass',
    ],
    release: 'v1.22',
  },
  {
    versions: [
      'batch/v1beta1',
      'policy/v1beta1',
      'discovery.k8s.io/v1beta1',
      'autoscaling/v2beta1',
    ],
    kinds: ['CronJob', 'PodDisruptionBudget', 'EndpointSlice', 'HorizontalPodAutoscaler'],
    release: 'v1.25',
  },
  { versions: ['autoscaling/v2beta2'], kinds: ['HorizontalPodAutoscaler'], release: 'v1.26' },
];

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function plural(kind: string): string {
  if (/(s|ss|x|ch|sh)$/.test(kind)) return `${kind}es`;
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return `${kind}s`;
}

/** Why Kubeplay refuses a kind a real cluster serves, or undefined if it is not such a kind. */
export function notSimulatedReason(apiVersion: string, kind: string): string | undefined {
  const group = groupOf(apiVersion);
  const entry = NOT_SIMULATED.find(
    (e) => e.group === group && (e.kinds === undefined || e.kinds.includes(kind)),
  );
  if (!entry) return undefined;
  return `Kubeplay does not simulate ${plural(kind)} (${apiVersion}) yet: ${entry.why}`;
}

/**
 * A note that follows kubectl's `no matches for kind` error: why the version is unknown and what a
 * learner should write instead. `served` lists the apiVersions the simulation serves for the kind.
 */
export function noMatchHint(
  apiVersion: string,
  kind: string,
  served: readonly string[],
): string | undefined {
  if (kind === 'PodSecurityPolicy') {
    return 'PodSecurityPolicy was removed in Kubernetes v1.25; Pod Security Admission (namespace labels pod-security.kubernetes.io/*) replaces it';
  }
  const component = COMPONENT_CONFIG[groupOf(apiVersion)];
  if (component) {
    return `this is a configuration file for ${component}, not an API object: the program reads it at startup, it is never applied with kubectl`;
  }
  const use = served.length > 0 ? `; use apiVersion: ${served.join(' or ')}` : '';
  if (isRemoved(apiVersion, kind)) {
    const release = REMOVED.find((r) => r.versions.includes(apiVersion))?.release ?? '';
    return `${kind} in ${apiVersion} was removed in Kubernetes ${release}${use}`;
  }
  if (served.length > 0)
    return `Kubernetes v1.32 serves ${kind} as apiVersion: ${served.join(' or ')}`;
  return undefined;
}

export function isRemoved(apiVersion: string, kind: string): boolean {
  return REMOVED.some((r) => r.versions.includes(apiVersion) && r.kinds.includes(kind));
}
