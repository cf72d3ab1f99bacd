/**
 * Deployment-only checks of ValidateDeploymentSpec (pkg/apis/apps/validation/validation.go):
 * the strategy, maxSurge/maxUnavailable, and the counters that must not be negative.
 */
import type { FieldError } from '../statusErrors.ts';

interface DeploymentSpecFields {
  strategy?: {
    type?: string;
    rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
}

const PERCENT = /^[0-9]+%$/;
const PERCENT_ERROR =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** intstr.IntOrString as Go's %#v prints it in these messages. */
function goIntOrString(value: number | string): string {
  return typeof value === 'number'
    ? `intstr.IntOrString{Type:0, IntVal:${String(value)}, StrVal:""}`
    : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}`;
}

function isZero(value: number | string | undefined): boolean {
  return value === 0 || value === '0%';
}

function validatePositiveIntOrPercent(
  value: number | string | undefined,
  field: string,
): FieldError[] {
  if (value === undefined) return [];
  if (typeof value === 'string') {
    if (!PERCENT.test(value))
      return [{ field, type: 'Invalid value', value, detail: PERCENT_ERROR }];
    if (Number.parseInt(value, 10) > 100)
      return [{ field, type: 'Invalid value', value, detail: 'must not be greater than 100%' }];
    return [];
  }
  if (value < 0)
    return [{ field, type: 'Invalid value', value, detail: 'must be greater than or equal to 0' }];
  return [];
}

function nonNegative(value: number | undefined, field: string): FieldError[] {
  if (value === undefined || value >= 0) return [];
  return [{ field, type: 'Invalid value', value, detail: 'must be greater than or equal to 0' }];
}

export function validateDeploymentSpec(specValue: unknown): FieldError[] {
  const spec = (specValue ?? {}) as DeploymentSpecFields;
  const errors: FieldError[] = [];
  const strategy = spec.strategy ?? {};
  const at = 'spec.strategy';
  if (strategy.type !== undefined && !['Recreate', 'RollingUpdate'].includes(strategy.type)) {
    errors.push({
      field: `${at}.type`,
      type: 'Unsupported value',
      value: strategy.type,
      detail: 'supported values: "Recreate", "RollingUpdate"',
    });
  }
  if (strategy.type === 'Recreate' && strategy.rollingUpdate) {
    errors.push({
      field: `${at}.rollingUpdate`,
      type: 'Forbidden',
      detail: "may not be specified when strategy `type` is 'Recreate'",
    });
  }
  const rolling = strategy.rollingUpdate;
  if (strategy.type === 'RollingUpdate' && rolling) {
    errors.push(
      ...validatePositiveIntOrPercent(rolling.maxUnavailable, `${at}.rollingUpdate.maxUnavailable`),
    );
    errors.push(...validatePositiveIntOrPercent(rolling.maxSurge, `${at}.rollingUpdate.maxSurge`));
    if (
      rolling.maxUnavailable !== undefined &&
      isZero(rolling.maxUnavailable) &&
      isZero(rolling.maxSurge)
    ) {
      // The value is Go's %#v of an IntOrString, so it goes in the detail rather than the value.
      errors.push({
        field: `${at}.rollingUpdate.maxUnavailable`,
        type: 'Invalid value',
        detail: `${goIntOrString(rolling.maxUnavailable)}: may not be 0 when \`maxSurge\` is 0`,
      });
    }
  }
  errors.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errors.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const deadline = spec.progressDeadlineSeconds;
  if (deadline !== undefined && deadline <= (spec.minReadySeconds ?? 0)) {
    errors.push({
      field: 'spec.progressDeadlineSeconds',
      type: 'Invalid value',
      value: deadline,
      detail: 'must be greater than minReadySeconds',
    });
  }
  return errors;
}
