/**
 * The kinds this API server serves, with the names kubectl resolves (plural, singular, short names,
 * categories). Mirrors `kubectl api-resources` on a v1.32 cluster for the kinds Kubeplay simulates.
 */
export interface ResourceType {
  /** Plural resource name, e.g. `deployments`. */
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  /** API group; '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
}

const t = (
  plural: string,
  kind: string,
  group: string,
  version: string,
  namespaced: boolean,
  shortNames: readonly string[] = [],
  categories: readonly string[] = [],
): ResourceType => ({
  plural,
  singular: kind.toLowerCase(),
  kind,
  group,
  version,
  namespaced,
  shortNames,
  categories,
});

export const RESOURCE_TYPES: readonly ResourceType[] = [
  t('bindings', 'Binding', '', 'v1', true),
  t('componentstatuses', 'ComponentStatus', '', 'v1', false, ['cs']),
  t('configmaps', 'ConfigMap', '', 'v1', true, ['cm']),
  t('endpoints', 'Endpoints', '', 'v1', true, ['ep']),
  t('events', 'Event', '', 'v1', true, ['ev']),
  t('limitranges', 'LimitRange', '', 'v1', true, ['limits']),
  t('namespaces', 'Namespace', '', 'v1', false, ['ns']),
  t('nodes', 'Node', '', 'v1', false, ['no']),
  t('persistentvolumeclaims', 'PersistentVolumeClaim', '', 'v1', true, ['pvc']),
  t('persistentvolumes', 'PersistentVolume', '', 'v1', false, ['pv']),
  t('pods', 'Pod', '', 'v1', true, ['po'], ['all']),
  t('podtemplates', 'PodTemplate', '', 'v1', true),
  t('replicationcontrollers', 'ReplicationController', '', 'v1', true, ['rc'], ['all']),
  t('resourcequotas', 'ResourceQuota', '', 'v1', true, ['quota']),
  t('secrets', 'Secret', '', 'v1', true),
  t('serviceaccounts', 'ServiceAccount', '', 'v1', true, ['sa']),
  t('services', 'Service', '', 'v1', true, ['svc'], ['all']),
  t('controllerrevisions', 'ControllerRevision', 'apps', 'v1', true),
  t('daemonsets', 'DaemonSet', 'apps', 'v1', true, ['ds'], ['all']),
  t('deployments', 'Deployment', 'apps', 'v1', true, ['deploy'], ['all']),
  t('replicasets', 'ReplicaSet', 'apps', 'v1', true, ['rs'], ['all']),
  t('statefulsets', 'StatefulSet', 'apps', 'v1', true, ['sts'], ['all']),
  t(
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    'autoscaling',
    'v2',
    true,
    ['hpa'],
    ['all'],
  ),
  t('cronjobs', 'CronJob', 'batch', 'v1', true, ['cj'], ['all']),
  t('jobs', 'Job', 'batch', 'v1', true, [], ['all']),
  t('leases', 'Lease', 'coordination.k8s.io', 'v1', true),
  t('endpointslices', 'EndpointSlice', 'discovery.k8s.io', 'v1', true),
  t('events', 'Event', 'events.k8s.io', 'v1', true, ['ev']),
  t(
    'kubeproxyconfigurations',
    'KubeProxyConfiguration',
    'kubeproxy.config.k8s.io',
    'v1alpha1',
    false,
  ),
  t('ingressclasses', 'IngressClass', 'networking.k8s.io', 'v1', false),
  t('ingresses', 'Ingress', 'networking.k8s.io', 'v1', true, ['ing']),
  t('networkpolicies', 'NetworkPolicy', 'networking.k8s.io', 'v1', true, ['netpol']),
  t('poddisruptionbudgets', 'PodDisruptionBudget', 'policy', 'v1', true, ['pdb']),
  t('clusterrolebindings', 'ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', false),
  t('clusterroles', 'ClusterRole', 'rbac.authorization.k8s.io', 'v1', false),
  t('rolebindings', 'RoleBinding', 'rbac.authorization.k8s.io', 'v1', true),
  t('roles', 'Role', 'rbac.authorization.k8s.io', 'v1', true),
  t('priorityclasses', 'PriorityClass', 'scheduling.k8s.io', 'v1', false, ['pc']),
  t('storageclasses', 'StorageClass', 'storage.k8s.io', 'v1', false, ['sc']),
  // Not served by a real API server (it is kube-scheduler's config file); applying one here
  // reconfigures the simulated scheduler's profile.
  t(
    'kubeschedulerconfigurations',
    'KubeSchedulerConfiguration',
    'kubescheduler.config.k8s.io',
    'v1',
    false,
  ),
];

/** `deployments.apps`, or `pods` for the core group: the name kubectl prints in errors. */
export function qualifiedResource(type: ResourceType): string {
  return type.group === '' ? type.plural : `${type.plural}.${type.group}`;
}

export function apiVersionOf(type: ResourceType): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

/** The storage key of a resource type; the events.k8s.io Event shares storage with core events. */
export function storageKeyOf(type: ResourceType): string {
  return type.plural === 'events' ? 'events' : qualifiedResource(type);
}

/** Finds the type for an apiVersion + kind; undefined means `no matches for kind`. */
export function resourceTypeForKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((type) => apiVersionOf(type) === apiVersion && type.kind === kind);
}

export function resourceTypeByKey(key: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((type) => qualifiedResource(type) === key);
}

/** Served versions that are not the preferred one but that older manifests still use. */
export function knownGroupsForKind(kind: string): readonly ResourceType[] {
  return RESOURCE_TYPES.filter((type) => type.kind === kind);
}
