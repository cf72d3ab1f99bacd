/** Strategy for policy/v1 PodDisruptionBudget (pkg/apis/policy/validation). */
import { labelSelectorMatches } from '../labels.ts';
import { ApiError, type FieldError } from '../statusErrors.ts';
import type { KubeObject, LabelSelector } from '../types/index.ts';
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

interface BudgetStatus {
  disruptionsAllowed?: number;
  disruptedPods?: Record<string, string>;
}

/**
 * The budget an eviction of `pod` must respect, or undefined when none applies (no matching PDB,
 * or a pod that is not running: pending, finished or already terminating pods are evicted freely).
 * Throws the API server's error for a pod covered by several budgets.
 */
export function budgetForEviction(
  pod: KubeObject,
  budgets: readonly KubeObject[],
): KubeObject | undefined {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed') return undefined;
  if (pod.metadata.deletionTimestamp) return undefined;
  const matching = budgets.filter((pdb) => {
    const selector = (pdb.spec as { selector?: LabelSelector } | undefined)?.selector;
    if (!selector) return false;
    return labelSelectorMatches(selector, pod.metadata.labels);
  });
  if (matching.length > 1)
    throw new ApiError(
      'InternalError',
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  return matching[0];
}

/** Whether the budget allows one more disruption now. */
export function disruptionsAllowed(pdb: KubeObject): number {
  return (pdb.status as BudgetStatus | undefined)?.disruptionsAllowed ?? 0;
}

export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";
