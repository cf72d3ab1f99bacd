/** metadata validation common to every kind (ValidateObjectMeta). */
import type { FieldError } from '../statusErrors.ts';
import type { KubeObject } from '../types/index.ts';
import {
  validateDns1035Label,
  validateDns1123Label,
  validateDns1123Subdomain,
  validateLabelValue,
  validateQualifiedName,
} from './names.ts';

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path-segment';

/** Which name rule a kind uses (ValidateXName in pkg/apis/*\/validation). */
export function nameRuleFor(kind: string): NameRule {
  switch (kind) {
    case 'Namespace':
      return 'label';
    case 'Service':
      return 'dns1035';
    case 'Role':
    case 'ClusterRole':
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return 'path-segment';
    default:
      return 'subdomain';
  }
}

function nameErrors(rule: NameRule, name: string): string[] {
  switch (rule) {
    case 'label':
      return validateDns1123Label(name);
    case 'dns1035':
      return validateDns1035Label(name);
    case 'subdomain':
      return validateDns1123Subdomain(name);
    case 'path-segment':
      if (name === '.' || name === '..') return [`may not be '${name}'`];
      return /[/%]/.test(name) ? [`may not contain '${name.includes('/') ? '/' : '%'}'`] : [];
  }
}

export function validateObjectMeta(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const meta = obj.metadata;
  const name = meta.name ?? '';
  if (name === '') {
    errors.push({
      field: 'metadata.name',
      type: 'Required value',
      detail: 'name or generateName is required',
    });
  } else {
    for (const detail of nameErrors(nameRuleFor(obj.kind), name)) {
      errors.push({ field: 'metadata.name', type: 'Invalid value', value: name, detail });
    }
  }
  for (const [key, value] of Object.entries(meta.labels ?? {})) {
    for (const detail of validateQualifiedName(key)) {
      errors.push({ field: 'metadata.labels', type: 'Invalid value', value: key, detail });
    }
    if (typeof value !== 'string') continue;
    for (const detail of validateLabelValue(value)) {
      errors.push({ field: 'metadata.labels', type: 'Invalid value', value, detail });
    }
  }
  for (const key of Object.keys(meta.annotations ?? {})) {
    for (const detail of validateQualifiedName(key.toLowerCase())) {
      errors.push({ field: 'metadata.annotations', type: 'Invalid value', value: key, detail });
    }
  }
  const annotationBytes = Object.entries(meta.annotations ?? {}).reduce(
    (n, [k, v]) => n + k.length + v.length,
    0,
  );
  if (annotationBytes > 262144) {
    errors.push({
      field: 'metadata.annotations',
      type: 'Too long',
      detail: 'must have at most 262144 bytes',
    });
  }
  return errors;
}
