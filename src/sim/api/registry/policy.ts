/** Strategy for policy/v1 PodDisruptionBudget (pkg/apis/policy/validation). */
import type { FieldError } from '../statusErrors.ts';
import type { ResourceStrategy } from './strategy.ts';

interface PdbSpec {
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  selector?: unknown;
}

export const podDisruptionBudgetStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  prepareForCreate(obj) {
    obj.status = {
      disruptionsAllowed: 0,
      currentHealthy: 0,
      desiredHealthy: 0,
      expectedPods: 0,
    };
  },
  validate(obj) {
    const spec = (obj.spec ?? {}) as PdbSpec;
    const errors: FieldError[] = [];
    if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined)
      errors.push({
        field: 'spec',
        type: 'Invalid value',
        value: spec,
        detail: 'minAvailable and maxUnavailable cannot be both set',
      });
    return errors;
  },
};
