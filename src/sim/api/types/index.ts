/**
 * API object types. The shapes are the official Kubernetes ones (kubernetes-types, generated from the
 * OpenAPI spec); `KubeObject` is the common envelope every stored object has.
 */
import type * as meta from 'kubernetes-types/meta/v1';
import type * as core from 'kubernetes-types/core/v1';
import type * as apps from 'kubernetes-types/apps/v1';
import type * as batch from 'kubernetes-types/batch/v1';
import type * as coordination from 'kubernetes-types/coordination/v1';
import type * as storage from 'kubernetes-types/storage/v1';
import type * as scheduling from 'kubernetes-types/scheduling/v1';

/**
 * kubernetes-types marks server-owned fields readonly; the API server and the components that own
 * those fields write them, so the sim works with writable versions of the same shapes.
 */
export type DeepMutable<T> = T extends (infer U)[]
  ? DeepMutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;

export type ObjectMeta = DeepMutable<meta.ObjectMeta>;
export type OwnerReference = DeepMutable<meta.OwnerReference>;
export type LabelSelector = DeepMutable<meta.LabelSelector>;
export type Condition = DeepMutable<meta.Condition>;

export type Pod = DeepMutable<core.Pod>;
export type PodSpec = DeepMutable<core.PodSpec>;
export type PodStatus = DeepMutable<core.PodStatus>;
export type PodTemplateSpec = DeepMutable<core.PodTemplateSpec>;
export type PodCondition = DeepMutable<core.PodCondition>;
export type Container = DeepMutable<core.Container>;
export type ContainerStatus = DeepMutable<core.ContainerStatus>;
export type ContainerState = DeepMutable<core.ContainerState>;
export type Node = DeepMutable<core.Node>;
export type NodeSpec = DeepMutable<core.NodeSpec>;
export type NodeStatus = DeepMutable<core.NodeStatus>;
export type NodeCondition = DeepMutable<core.NodeCondition>;
export type Taint = DeepMutable<core.Taint>;
export type Toleration = DeepMutable<core.Toleration>;
export type Namespace = DeepMutable<core.Namespace>;
export type Service = DeepMutable<core.Service>;
export type ServicePort = DeepMutable<core.ServicePort>;
export type Event = DeepMutable<core.Event>;
export type ConfigMap = DeepMutable<core.ConfigMap>;
export type Secret = DeepMutable<core.Secret>;
export type ServiceAccount = DeepMutable<core.ServiceAccount>;
export type ResourceRequirements = DeepMutable<core.ResourceRequirements>;
export type Affinity = DeepMutable<core.Affinity>;
export type NodeSelectorTerm = DeepMutable<core.NodeSelectorTerm>;
export type NodeSelectorRequirement = DeepMutable<core.NodeSelectorRequirement>;
export type PersistentVolume = DeepMutable<core.PersistentVolume>;
export type PersistentVolumeClaim = DeepMutable<core.PersistentVolumeClaim>;
export type Deployment = DeepMutable<apps.Deployment>;
export type DeploymentStatus = DeepMutable<apps.DeploymentStatus>;
export type DeploymentCondition = DeepMutable<apps.DeploymentCondition>;
export type ReplicaSet = DeepMutable<apps.ReplicaSet>;
export type DaemonSet = DeepMutable<apps.DaemonSet>;
export type DaemonSetStatus = DeepMutable<apps.DaemonSetStatus>;
export type StatefulSet = DeepMutable<apps.StatefulSet>;
export type Job = DeepMutable<batch.Job>;
export type CronJob = DeepMutable<batch.CronJob>;
export type Lease = DeepMutable<coordination.Lease>;
export type StorageClass = DeepMutable<storage.StorageClass>;
export type PriorityClass = DeepMutable<scheduling.PriorityClass>;

/** Any stored API object. Specific kinds are read through the interfaces above. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** Identifies a stored object. `namespace` is '' for cluster-scoped kinds. */
export interface ObjectRef {
  resource: string;
  namespace: string;
  name: string;
}
