/** The describer for each resource (describe.go describerMap), generic for the rest. */
import type { Describer } from './context.ts';
import {
  describeBinding,
  describeConfigMap,
  describeEndpoints,
  describeGeneric,
  describeHpa,
  describeIngress,
  describeNamespace,
  describePdb,
  describePriorityClass,
  describePvc,
  describeQuota,
  describeRole,
  describeSecret,
  describeService,
  describeServiceAccount,
} from './describeMisc.ts';
import { describeNode } from './describeNode.ts';
import { describePod } from './describePod.ts';
import {
  describeCronJob,
  describeDaemonSet,
  describeDeployment,
  describeJob,
  describeReplicaSet,
  describeStatefulSet,
} from './describeWorkloads.ts';

const DESCRIBERS: Record<string, Describer> = {
  pods: describePod,
  nodes: describeNode,
  namespaces: describeNamespace,
  services: describeService,
  endpoints: describeEndpoints,
  configmaps: describeConfigMap,
  secrets: describeSecret,
  serviceaccounts: describeServiceAccount,
  persistentvolumeclaims: describePvc,
  resourcequotas: describeQuota,
  'deployments.apps': describeDeployment,
  'replicasets.apps': describeReplicaSet,
  'daemonsets.apps': describeDaemonSet,
  'statefulsets.apps': describeStatefulSet,
  'jobs.batch': describeJob,
  'cronjobs.batch': describeCronJob,
  'ingresses.networking.k8s.io': describeIngress,
  'horizontalpodautoscalers.autoscaling': describeHpa,
  'roles.rbac.authorization.k8s.io': describeRole,
  'clusterroles.rbac.authorization.k8s.io': describeRole,
  'rolebindings.rbac.authorization.k8s.io': describeBinding,
  'clusterrolebindings.rbac.authorization.k8s.io': describeBinding,
  'priorityclasses.scheduling.k8s.io': describePriorityClass,
  'poddisruptionbudgets.policy': describePdb,
};

export function describerFor(resource: string): Describer {
  return DESCRIBERS[resource] ?? describeGeneric;
}
