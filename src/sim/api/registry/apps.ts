/** Strategies for apps/v1 workloads (pkg/apis/apps/v1/defaults.go and apps/validation). */
import type { LabelSelector } from '../types/index.ts';
import type { FieldError } from '../statusErrors.ts';
import type { KubeObject, PodTemplateSpec } from '../types/index.ts';
import { labelSelectorMatches } from '../labels.ts';
import { deepEqual } from '../../util/objects.ts';
import { defaultPodSpec } from './podDefaults.ts';
import { validatePodSpec } from './podValidation.ts';
import { validateLabelSelector, validateLabels } from '../validation/labelSelector.ts';
import { validateDeploymentSpec } from './deploymentValidation.ts';
import type { ResourceStrategy } from './strategy.ts';

interface WorkloadSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  [field: string]: unknown;
}

const specOf = (obj: KubeObject): WorkloadSpec => (obj.spec ?? {}) as WorkloadSpec;

function defaultTemplate(spec: WorkloadSpec): void {
  if (spec.template) {
    spec.template.metadata ??= {};
    spec.template.metadata.creationTimestamp = null as unknown as string;
    if (spec.template.spec) defaultPodSpec(spec.template.spec);
  }
}

function validateWorkload(
  obj: KubeObject,
  options: { replicas: boolean; restartAlwaysOnly: boolean },
): FieldError[] {
  const spec = specOf(obj);
  const errors: FieldError[] = [];
  if (options.replicas && spec.replicas !== undefined && spec.replicas < 0) {
    errors.push({
      field: 'spec.replicas',
      type: 'Invalid value',
      value: spec.replicas,
      detail: 'must be greater than or equal to 0',
    });
  }
  const selector = spec.selector;
  const templateLabels = spec.template?.metadata?.labels ?? {};
  if (!selector) {
    errors.push({ field: 'spec.selector', type: 'Required value' });
  } else if (
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  ) {
    errors.push({
      field: 'spec.selector',
      type: 'Invalid value',
      value: selector,
      detail: `empty selector is invalid for ${obj.kind.toLowerCase()}`,
    });
  }
  errors.push(...validateLabelSelector(selector, 'spec.selector'));
  errors.push(...validateLabels(templateLabels, 'spec.template.metadata.labels'));
  if (!labelSelectorMatches(selector, templateLabels)) {
    errors.push({
      field: 'spec.template.metadata.labels',
      type: 'Invalid value',
      value: templateLabels,
      detail: '`selector` does not match template `labels`',
    });
  }
  if (!spec.template) {
    errors.push({ field: 'spec.template.spec.containers', type: 'Required value' });
    return errors;
  }
  // A StatefulSet's containers may mount its volumeClaimTemplates by name.
  const claims = ((spec.volumeClaimTemplates ?? []) as { metadata?: { name?: string } }[])
    .map((claim) => claim.metadata?.name ?? '')
    .filter((name) => name !== '');
  errors.push(...validatePodSpec(spec.template.spec, 'spec.template.spec', claims));
  const policy = spec.template.spec?.restartPolicy;
  if (options.restartAlwaysOnly && policy !== undefined && policy !== 'Always') {
    errors.push({
      field: 'spec.template.spec.restartPolicy',
      type: 'Unsupported value',
      value: policy,
      detail: 'supported values: "Always"',
    });
  }
  return errors;
}

/** A LabelSelector as Go's %#v prints it, which is how this error shows the value before v1.34. */
export function goLabelSelector(selector: LabelSelector | undefined): string {
  const q = (v: string): string => JSON.stringify(v);
  const labels = selector?.matchLabels;
  const map = labels
    ? `map[string]string{${Object.keys(labels)
        .sort()
        .map((k) => `${q(k)}:${q(labels[k] ?? '')}`)
        .join(', ')}}`
    : 'map[string]string(nil)';
  const expressions = selector?.matchExpressions;
  const list = expressions
    ? `[]v1.LabelSelectorRequirement{${expressions
        .map((e) => {
          const values = e.values ? `[]string{${e.values.map(q).join(', ')}}` : '[]string(nil)';
          return `v1.LabelSelectorRequirement{Key:${q(e.key)}, Operator:${q(e.operator)}, Values:${values}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${map}, MatchExpressions:${list}}`;
}

function validateSelectorImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = specOf(obj).selector;
  const prev = specOf(old).selector;
  if (deepEqual(next, prev)) return [];
  // The value is Go syntax, so it goes in the detail (a value would be rendered as JSON).
  return [
    {
      field: 'spec.selector',
      type: 'Invalid value',
      detail: `${goLabelSelector(next)}: field is immutable`,
    },
  ];
}

/** Fields of a StatefulSet spec an update may change (ValidateStatefulSetUpdate). */
const STATEFULSET_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
] as const;

function validateStatefulSetUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next: Record<string, unknown> = { ...specOf(obj) };
  const prev: Record<string, unknown> = { ...specOf(old) };
  for (const field of STATEFULSET_MUTABLE) {
    delete next[field];
    delete prev[field];
  }
  if (deepEqual(next, prev)) return [];
  return [
    {
      field: 'spec',
      type: 'Forbidden',
      detail:
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    },
  ];
}

export const deploymentStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  defaults(obj) {
    obj.spec ??= {};
    const spec = obj.spec as WorkloadSpec & {
      strategy?: {
        type?: string;
        rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
      };
      revisionHistoryLimit?: number;
      progressDeadlineSeconds?: number;
    };
    spec.replicas ??= 1;
    spec.strategy ??= {};
    spec.strategy.type ??= 'RollingUpdate';
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {};
      spec.strategy.rollingUpdate.maxSurge ??= '25%';
      spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    defaultTemplate(spec);
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  validate: (obj) => [
    ...validateWorkload(obj, { replicas: true, restartAlwaysOnly: true }),
    ...validateDeploymentSpec(obj.spec),
  ],
  validateUpdate: validateSelectorImmutable,
};

export const replicaSetStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  defaults(obj) {
    obj.spec ??= {};
    const spec = obj.spec as WorkloadSpec;
    spec.replicas ??= 1;
    defaultTemplate(spec);
  },
  prepareForCreate(obj) {
    obj.status = { replicas: 0 };
  },
  validate: (obj) => validateWorkload(obj, { replicas: true, restartAlwaysOnly: true }),
  validateUpdate: validateSelectorImmutable,
};

export const daemonSetStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  defaults(obj) {
    obj.spec ??= {};
    const spec = obj.spec as WorkloadSpec & {
      updateStrategy?: {
        type?: string;
        rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
      };
      revisionHistoryLimit?: number;
    };
    spec.updateStrategy ??= {};
    spec.updateStrategy.type ??= 'RollingUpdate';
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    defaultTemplate(spec);
  },
  prepareForCreate(obj) {
    obj.status = {
      currentNumberScheduled: 0,
      desiredNumberScheduled: 0,
      numberMisscheduled: 0,
      numberReady: 0,
    };
  },
  validate: (obj) => validateWorkload(obj, { replicas: false, restartAlwaysOnly: true }),
  validateUpdate: validateSelectorImmutable,
};

export const statefulSetStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  defaults(obj) {
    obj.spec ??= {};
    const spec = obj.spec as WorkloadSpec & {
      podManagementPolicy?: string;
      updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
      revisionHistoryLimit?: number;
      persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
    };
    spec.replicas ??= 1;
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.updateStrategy ??= {};
    spec.updateStrategy.type ??= 'RollingUpdate';
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.partition ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
    defaultTemplate(spec);
  },
  prepareForCreate(obj) {
    obj.status = { replicas: 0, availableReplicas: 0 };
  },
  validate: (obj) => validateWorkload(obj, { replicas: true, restartAlwaysOnly: true }),
  validateUpdate: validateStatefulSetUpdate,
};
