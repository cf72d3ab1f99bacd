/**
 * HorizontalPodAutoscaler (autoscaling/v2) defaults and validation. Mirrors
 * pkg/apis/autoscaling/v2/defaults.go (minReplicas 1, 80% CPU when no metrics, behavior filled in
 * only when given) and the common checks of pkg/apis/autoscaling/validation.
 */
import type { FieldError } from '../statusErrors.ts';
import type { ResourceStrategy } from './strategy.ts';

interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: { type: string; value: number; periodSeconds: number }[];
}
interface HpaSpec {
  minReplicas?: number;
  maxReplicas?: number;
  scaleTargetRef?: { kind?: string; name?: string; apiVersion?: string };
  metrics?: unknown[];
  behavior?: { scaleUp?: ScalingRules; scaleDown?: ScalingRules };
}

export const DEFAULT_CPU_UTILIZATION = 80;

export function defaultScaleUpRules(rules: ScalingRules = {}): ScalingRules {
  return {
    stabilizationWindowSeconds: rules.stabilizationWindowSeconds ?? 0,
    selectPolicy: rules.selectPolicy ?? 'Max',
    policies: rules.policies ?? [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

export function defaultScaleDownRules(rules: ScalingRules = {}): ScalingRules {
  return {
    stabilizationWindowSeconds: rules.stabilizationWindowSeconds ?? 300,
    selectPolicy: rules.selectPolicy ?? 'Max',
    policies: rules.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

export const horizontalPodAutoscalerStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  defaults(obj) {
    const spec = (obj.spec ??= {}) as HpaSpec;
    spec.minReplicas ??= 1;
    if (!spec.metrics || spec.metrics.length === 0) {
      spec.metrics = [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION },
          },
        },
      ];
    }
    if (spec.behavior) {
      spec.behavior = {
        scaleUp: defaultScaleUpRules(spec.behavior.scaleUp),
        scaleDown: defaultScaleDownRules(spec.behavior.scaleDown),
      };
    }
  },
  prepareForCreate(obj) {
    obj.status = { currentReplicas: 0, desiredReplicas: 0 };
  },
  validate(obj) {
    const spec = (obj.spec ?? {}) as HpaSpec;
    const errors: FieldError[] = [];
    const ref = spec.scaleTargetRef;
    if (!ref?.kind) errors.push({ field: 'spec.scaleTargetRef.kind', type: 'Required value' });
    if (!ref?.name) errors.push({ field: 'spec.scaleTargetRef.name', type: 'Required value' });
    const min = spec.minReplicas ?? 1;
    if (min < 1)
      errors.push({
        field: 'spec.minReplicas',
        type: 'Invalid value',
        value: min,
        detail: 'must be greater than or equal to 1',
      });
    if (spec.maxReplicas === undefined || spec.maxReplicas < 1)
      errors.push({
        field: 'spec.maxReplicas',
        type: 'Invalid value',
        value: spec.maxReplicas ?? 0,
        detail: 'must be greater than 0',
      });
    else if (spec.maxReplicas < min)
      errors.push({
        field: 'spec.maxReplicas',
        type: 'Invalid value',
        value: spec.maxReplicas,
        detail: 'must be greater than or equal to `minReplicas`',
      });
    return errors;
  },
};
