/** Strategies for batch/v1 Job and CronJob (pkg/apis/batch/v1/defaults.go, batch/validation). */
import type { CronJob, Job, KubeObject, PodTemplateSpec } from '../types/index.ts';
import type { FieldError } from '../statusErrors.ts';
import { defaultPodSpec } from './podDefaults.ts';
import { validatePodSpec } from './podValidation.ts';
import type { ResourceStrategy } from './strategy.ts';

export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

type JobSpec = NonNullable<Job['spec']>;

function defaultJobSpec(spec: JobSpec): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.manualSelector ??= undefined;
  if (spec.manualSelector === undefined) delete spec.manualSelector;
  if (!spec.podFailurePolicy) spec.podReplacementPolicy ??= 'TerminatingOrFailed';
  defaultTemplate(spec.template);
}

function defaultTemplate(template: PodTemplateSpec | undefined): void {
  if (!template) return;
  template.metadata ??= {};
  template.metadata.creationTimestamp = null as unknown as string;
  if (template.spec) defaultPodSpec(template.spec);
}

function validateJobTemplate(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  if (!template?.spec) return [{ field: `${path}.spec.containers`, type: 'Required value' }];
  const errors = validatePodSpec(template.spec, `${path}.spec`);
  const policy = template.spec.restartPolicy;
  if (policy !== 'OnFailure' && policy !== 'Never') {
    errors.push({
      field: `${path}.spec.restartPolicy`,
      type: 'Unsupported value',
      value: policy,
      detail: 'supported values: "OnFailure", "Never"',
    });
  }
  return errors;
}

function validateJobSpec(spec: JobSpec | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of [
    'parallelism',
    'completions',
    'backoffLimit',
    'activeDeadlineSeconds',
    'ttlSecondsAfterFinished',
  ] as const) {
    const value = spec?.[field];
    if (value !== undefined && value < (field === 'activeDeadlineSeconds' ? 1 : 0))
      errors.push({
        field: `${path}.${field}`,
        type: 'Invalid value',
        value,
        detail: `must be greater than or equal to ${field === 'activeDeadlineSeconds' ? '1' : '0'}`,
      });
  }
  if (spec?.completionMode === 'Indexed' && spec.completions === undefined)
    errors.push({
      field: `${path}.completions`,
      type: 'Required value',
      detail: 'when completion mode is Indexed',
    });
  return errors;
}

/** The selector and labels the API server generates for a Job (manualSelector unset). */
function generateSelector(obj: KubeObject): void {
  const spec = obj.spec as JobSpec | undefined;
  if (!spec || spec.manualSelector === true) return;
  const uid = obj.metadata.uid ?? '';
  const name = obj.metadata.name ?? '';
  spec.selector = { matchLabels: { [JOB_CONTROLLER_UID_LABEL]: uid } };
  spec.template.metadata ??= {};
  spec.template.metadata.labels = {
    ...(spec.template.metadata.labels ?? {}),
    [JOB_CONTROLLER_UID_LABEL]: uid,
    [JOB_NAME_LABEL]: name,
    'controller-uid': uid,
    'job-name': name,
  };
}

export const jobStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  defaults(obj) {
    obj.spec ??= {};
    defaultJobSpec(obj.spec as JobSpec);
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  afterUid: generateSelector,
  validate(obj) {
    const spec = obj.spec as JobSpec | undefined;
    return [
      ...validateJobSpec(spec, 'spec'),
      ...validateJobTemplate(spec?.template, 'spec.template'),
    ];
  },
  validateUpdate(obj, old) {
    const a = (obj.spec as JobSpec | undefined)?.template;
    const b = (old.spec as JobSpec | undefined)?.template;
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    return [
      { field: 'spec.template', type: 'Invalid value', value: a, detail: 'field is immutable' },
    ];
  },
};

type CronJobSpec = NonNullable<CronJob['spec']>;

const CRON_FIELD =
  /^(\*|\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?)*$/;

export function isValidCronSchedule(schedule: string): boolean {
  const trimmed = schedule.trim();
  if (trimmed.startsWith('@'))
    return (
      ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].includes(
        trimmed,
      ) || trimmed.startsWith('@every ')
    );
  const fields = trimmed.replace(/^(CRON_)?TZ=\S+\s+/, '').split(/\s+/);
  return fields.length === 5 && fields.every((f) => CRON_FIELD.test(f));
}

export const cronJobStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  defaults(obj) {
    obj.spec ??= {};
    const spec = obj.spec as CronJobSpec;
    spec.concurrencyPolicy ??= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const jobSpec = spec.jobTemplate.spec;
    if (jobSpec) {
      // The job template keeps unset completions/parallelism: only the template's pod spec is defaulted.
      jobSpec.backoffLimit ??= 6;
      jobSpec.completionMode ??= 'NonIndexed';
      jobSpec.suspend ??= false;
      if (!jobSpec.podFailurePolicy) jobSpec.podReplacementPolicy ??= 'TerminatingOrFailed';
      defaultTemplate(jobSpec.template);
    }
    spec.jobTemplate.metadata ??= {};
    spec.jobTemplate.metadata.creationTimestamp = null as unknown as string;
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  validate(obj) {
    const spec = obj.spec as CronJobSpec | undefined;
    const errors: FieldError[] = [];
    if (!spec?.schedule) errors.push({ field: 'spec.schedule', type: 'Required value' });
    else if (!isValidCronSchedule(spec.schedule))
      errors.push({
        field: 'spec.schedule',
        type: 'Invalid value',
        value: spec.schedule,
        detail: `expected exactly 5 fields, found ${String(spec.schedule.trim().split(/\s+/).length)}: [${spec.schedule.trim()}]`,
      });
    errors.push(...validateJobSpec(spec?.jobTemplate.spec, 'spec.jobTemplate.spec'));
    errors.push(
      ...validateJobTemplate(spec?.jobTemplate.spec?.template, 'spec.jobTemplate.spec.template'),
    );
    return errors;
  },
};
