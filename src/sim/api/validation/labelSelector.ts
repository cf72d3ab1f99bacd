/**
 * Label maps and label selectors with the API server's messages.
 * Mirrors apimachinery/pkg/apis/meta/v1/validation/validation.go (ValidateLabels,
 * ValidateLabelSelector, ValidateLabelSelectorRequirement).
 */
import type { FieldError } from '../statusErrors.ts';
import type { LabelSelector } from '../types/index.ts';
import { validateLabelValue, validateQualifiedName } from './names.ts';

export function validateLabels(
  labels: Readonly<Record<string, unknown>> | undefined,
  field: string,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const detail of validateQualifiedName(key))
      errors.push({ field, type: 'Invalid value', value: key, detail });
    if (typeof value !== 'string') continue;
    for (const detail of validateLabelValue(value))
      errors.push({ field, type: 'Invalid value', value, detail });
  }
  return errors;
}

export function validateLabelSelector(
  selector: LabelSelector | undefined,
  field: string,
): FieldError[] {
  if (!selector) return [];
  const errors = validateLabels(selector.matchLabels, `${field}.matchLabels`);
  (selector.matchExpressions ?? []).forEach((req, i) => {
    const at = `${field}.matchExpressions[${String(i)}]`;
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          errors.push({
            field: `${at}.values`,
            type: 'Required value',
            detail: "must be specified when `operator` is 'In' or 'NotIn'",
          });
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errors.push({
            field: `${at}.values`,
            type: 'Forbidden',
            detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          });
        }
        break;
      default:
        errors.push({
          field: `${at}.operator`,
          type: 'Invalid value',
          value: req.operator,
          detail: 'not a valid selector operator',
        });
    }
    for (const detail of validateQualifiedName(req.key))
      errors.push({ field: `${at}.key`, type: 'Invalid value', value: req.key, detail });
  });
  return errors;
}
