/** Pod spec validation (pkg/apis/core/validation ValidatePodSpec), the parts learners trip over. */
import type { FieldError } from '../statusErrors.ts';
import type { Container, PodSpec } from '../types/index.ts';
import { validateDns1123Label } from '../validation/names.ts';
import { isQuantity, milliCpu, bytes } from '../quantity.ts';

function validateContainers(
  containers: readonly Container[] | undefined,
  path: string,
  required: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!containers || containers.length === 0) {
    if (required) errors.push({ field: path, type: 'Required value' });
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
    if (!container.image) errors.push({ field: `${at}.image`, type: 'Required value' });
    const resources = container.resources ?? {};
    for (const kind of ['limits', 'requests'] as const) {
      for (const [resource, value] of Object.entries(resources[kind] ?? {})) {
        if (!isQuantity(value)) {
          errors.push({
            field: `${at}.resources.${kind}[${resource}]`,
            type: 'Invalid value',
            value,
            detail:
              "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
          });
        }
      }
    }
    for (const resource of ['cpu', 'memory'] as const) {
      const request = resources.requests?.[resource];
      const limit = resources.limits?.[resource];
      if (
        request === undefined ||
        limit === undefined ||
        !isQuantity(request) ||
        !isQuantity(limit)
      )
        continue;
      const over =
        resource === 'cpu' ? milliCpu(request) > milliCpu(limit) : bytes(request) > bytes(limit);
      if (over) {
        errors.push({
          field: `${at}.resources.requests`,
          type: 'Invalid value',
          value: request,
          detail: `must be less than or equal to ${resource} limit of ${limit}`,
        });
      }
    }
    (container.ports ?? []).forEach((port, j) => {
      const p = port.containerPort as number | undefined;
      if (p === undefined)
        errors.push({ field: `${at}.ports[${String(j)}].containerPort`, type: 'Required value' });
      else if (!Number.isInteger(p) || p < 1 || p > 65535) {
        errors.push({
          field: `${at}.ports[${String(j)}].containerPort`,
          type: 'Invalid value',
          value: p,
          detail: 'must be between 1 and 65535, inclusive',
        });
      }
    });
  });
  return errors;
}

export function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  if (!spec) return [{ field: `${path}.containers`, type: 'Required value' }];
  const errors = [
    ...validateContainers(spec.containers, `${path}.containers`, true),
    ...validateContainers(spec.initContainers, `${path}.initContainers`, false),
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
  return errors;
}
