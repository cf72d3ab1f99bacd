/**
 * Pod spec validation (pkg/apis/core/validation ValidatePodSpec): containers, volumes, policies,
 * tolerations and node selectors, with the API server's field paths and messages.
 */
import type { FieldError } from '../statusErrors.ts';
import type { Container, PodSpec } from '../types/index.ts';
import { validateLabels } from '../validation/labelSelector.ts';
import { validateDns1123Label } from '../validation/names.ts';
import { validateContainer } from './containerValidation.ts';

const supported = (values: readonly string[]): string =>
  `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`;

function validateContainers(
  containers: readonly Container[] | undefined,
  path: string,
  volumes: ReadonlySet<string>,
  init: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!containers || containers.length === 0) {
    if (!init) errors.push({ field: path, type: 'Required value' });
    return errors;
  }
  const seen = new Set<string>();
  containers.forEach((container, i) => {
    const at = `${path}[${String(i)}]`;
    const name = container.name as string | undefined;
    if (!name) errors.push({ field: `${at}.name`, type: 'Required value' });
    else {
      for (const detail of validateDns1123Label(name))
        errors.push({ field: `${at}.name`, type: 'Invalid value', value: name, detail });
      if (seen.has(name))
        errors.push({ field: `${at}.name`, type: 'Duplicate value', value: name });
      seen.add(name);
    }
    // Sidecars (init containers with restartPolicy Always) may have probes; other init containers not.
    const probes = !init || container.restartPolicy === 'Always';
    errors.push(...validateContainer(container, at, volumes, { probes }));
  });
  return errors;
}

const VOLUME_SOURCES_IGNORED = new Set(['name']);

/** Volume names (DNS labels, unique) and exactly one source each (ValidateVolumes). */
function validateVolumes(
  spec: PodSpec,
  path: string,
): { errors: FieldError[]; names: Set<string> } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  (spec.volumes ?? []).forEach((volume, i) => {
    const at = `${path}[${String(i)}]`;
    const name = volume.name as string | undefined;
    if (!name) errors.push({ field: `${at}.name`, type: 'Required value' });
    else {
      for (const detail of validateDns1123Label(name))
        errors.push({ field: `${at}.name`, type: 'Invalid value', value: name, detail });
      if (names.has(name))
        errors.push({ field: `${at}.name`, type: 'Duplicate value', value: name });
      names.add(name);
    }
    const sources = Object.keys(volume).filter(
      (k) => !VOLUME_SOURCES_IGNORED.has(k) && (volume as Record<string, unknown>)[k] != null,
    );
    if (sources.length === 0)
      errors.push({ field: at, type: 'Required value', detail: 'must specify a volume type' });
    for (const extra of sources.slice(1))
      errors.push({
        field: `${at}.${extra}`,
        type: 'Forbidden',
        detail: 'may not specify more than 1 volume type',
      });
  });
  return { errors, names };
}

function validateTolerations(spec: PodSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  (spec.tolerations ?? []).forEach((t, i) => {
    const at = `${path}[${String(i)}]`;
    if (t.operator !== undefined && !['Equal', 'Exists'].includes(t.operator))
      errors.push({
        field: `${at}.operator`,
        type: 'Unsupported value',
        value: t.operator,
        detail: supported(['Equal', 'Exists']),
      });
    if (t.operator === 'Exists' && t.value)
      errors.push({
        field: `${at}.operator`,
        type: 'Invalid value',
        value: t.value,
        detail: "value must be empty when `operator` is 'Exists'",
      });
    if (!t.key && t.operator !== 'Exists')
      errors.push({
        field: `${at}.operator`,
        type: 'Invalid value',
        value: t.operator ?? '',
        detail:
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      });
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect))
      errors.push({
        field: `${at}.effect`,
        type: 'Unsupported value',
        value: t.effect,
        detail: supported(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
      });
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errors.push({
        field: `${at}.effect`,
        type: 'Invalid value',
        value: t.effect ?? '',
        detail: "effect must be 'NoExecute' when `tolerationSeconds` is set",
      });
  });
  return errors;
}

export function validatePodSpec(
  spec: PodSpec | undefined,
  path: string,
  claimTemplates: readonly string[] = [],
): FieldError[] {
  if (!spec) return [{ field: `${path}.containers`, type: 'Required value' }];
  const volumes = validateVolumes(spec, `${path}.volumes`);
  for (const claim of claimTemplates) volumes.names.add(claim);
  const errors = [
    ...volumes.errors,
    ...validateContainers(spec.containers, `${path}.containers`, volumes.names, false),
    ...validateContainers(spec.initContainers, `${path}.initContainers`, volumes.names, true),
  ];
  const policy = spec.restartPolicy;
  if (policy !== undefined && !['Always', 'OnFailure', 'Never'].includes(policy)) {
    errors.push({
      field: `${path}.restartPolicy`,
      type: 'Unsupported value',
      value: policy,
      detail: 'supported values: "Always", "OnFailure", "Never"',
    });
  }
  const dns = spec.dnsPolicy;
  const dnsPolicies = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
  if (dns !== undefined && !dnsPolicies.includes(dns))
    errors.push({
      field: `${path}.dnsPolicy`,
      type: 'Unsupported value',
      value: dns,
      detail: supported(dnsPolicies),
    });
  errors.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  errors.push(...validateTolerations(spec, `${path}.tolerations`));
  return errors;
}
