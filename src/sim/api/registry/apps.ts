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

function validateSelectorImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = specOf(obj).selector;
  const prev = specOf(old).selector;
  if (deepEqual(next, prev)) return [];
  return [
    { field: 'spec.selector', type: 'Invalid value', value: next, detail: 'field is immutable' },
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
  validateUpdate: validateSelectorImmutable,
};
