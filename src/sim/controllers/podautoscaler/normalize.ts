/**
 * Stabilization windows and scaling-rate policies of an HPA's behavior. Mirrors horizontal.go:
 * stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate,
 * calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors.
 */
export interface ScalingRules {
  readonly stabilizationWindowSeconds: number;
  readonly selectPolicy: string;
  readonly policies: readonly { type: string; value: number; periodSeconds: number }[];
}

export interface HpaBehavior {
  readonly scaleUp: ScalingRules;
  readonly scaleDown: ScalingRules;
}

export interface ScaleHistory {
  recommendations: { replicas: number; timestampMs: number }[];
  readonly scaleUpEvents: { replicaChange: number; timestampMs: number }[];
  readonly scaleDownEvents: { replicaChange: number; timestampMs: number }[];
}

export interface NormalizeArgs {
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly nowMs: number;
}

export interface Normalized {
  readonly replicas: number;
  readonly ableReason: string;
  readonly ableMessage: string;
  readonly limited: boolean;
  readonly limitReason: string;
  readonly limitMessage: string;
}

export function normalizeWithBehaviors(
  history: ScaleHistory,
  behavior: HpaBehavior,
  args: NormalizeArgs,
): Normalized {
  const stabilized = stabilize(history, behavior, args);
  const changed = stabilized.replicas !== args.desiredReplicas;
  const limited = limitRate(history, behavior, { ...args, desiredReplicas: stabilized.replicas });
  return {
    replicas: limited.replicas,
    ableReason: changed ? stabilized.reason : 'ReadyForNewScale',
    ableMessage: changed ? stabilized.message : 'recommended size matches current size',
    limited: limited.replicas !== stabilized.replicas,
    limitReason: limited.reason,
    limitMessage: limited.message,
  };
}

function stabilize(
  history: ScaleHistory,
  behavior: HpaBehavior,
  args: NormalizeArgs,
): { replicas: number; reason: string; message: string } {
  const upCutoff = args.nowMs - behavior.scaleUp.stabilizationWindowSeconds * 1000;
  const downCutoff = args.nowMs - behavior.scaleDown.stabilizationWindowSeconds * 1000;
  let up = args.desiredReplicas;
  let down = args.desiredReplicas;
  for (const rec of history.recommendations) {
    if (rec.timestampMs > upCutoff) up = Math.min(rec.replicas, up);
    if (rec.timestampMs > downCutoff) down = Math.max(rec.replicas, down);
  }
  let replicas = args.currentReplicas;
  if (replicas < up) replicas = up;
  if (replicas > down) replicas = down;
  // Keep only samples either window still needs, then record this one.
  const oldest = Math.min(upCutoff, downCutoff);
  history.recommendations = history.recommendations.filter((r) => r.timestampMs >= oldest);
  history.recommendations.push({ replicas: args.desiredReplicas, timestampMs: args.nowMs });
  return args.desiredReplicas >= args.currentReplicas
    ? {
        replicas,
        reason: 'ScaleUpStabilized',
        message:
          'recent recommendations were lower than current one, applying the lowest recent recommendation',
      }
    : {
        replicas,
        reason: 'ScaleDownStabilized',
        message:
          'recent recommendations were higher than current one, applying the highest recent recommendation',
      };
}

function limitRate(
  history: ScaleHistory,
  behavior: HpaBehavior,
  args: NormalizeArgs,
): { replicas: number; reason: string; message: string } {
  const { currentReplicas: current, desiredReplicas: desired } = args;
  if (desired > current) {
    const limit = Math.max(current, scaleUpLimit(history, behavior.scaleUp, args));
    const max = Math.min(args.maxReplicas, limit);
    const rate = args.maxReplicas > limit;
    if (desired > max)
      return rate
        ? {
            replicas: max,
            reason: 'ScaleUpLimit',
            message: 'the desired replica count is increasing faster than the maximum scale rate',
          }
        : {
            replicas: max,
            reason: 'TooManyReplicas',
            message: 'the desired replica count is more than the maximum replica count',
          };
  } else if (desired < current) {
    const limit = Math.min(current, scaleDownLimit(history, behavior.scaleDown, args));
    const min = Math.max(args.minReplicas, limit);
    const rate = args.minReplicas < limit;
    if (desired < min)
      return rate
        ? {
            replicas: min,
            reason: 'ScaleDownLimit',
            message: 'the desired replica count is decreasing faster than the maximum scale rate',
          }
        : {
            replicas: min,
            reason: 'TooFewReplicas',
            message: 'the desired replica count is less than the minimum replica count',
          };
  }
  return {
    replicas: desired,
    reason: 'DesiredWithinRange',
    message: 'the desired count is within the acceptable range',
  };
}

function changeInPeriod(
  events: readonly { replicaChange: number; timestampMs: number }[],
  periodSeconds: number,
  nowMs: number,
): number {
  const cutoff = nowMs - periodSeconds * 1000;
  let total = 0;
  for (const e of events) if (e.timestampMs > cutoff) total += e.replicaChange;
  return total;
}

function scaleUpLimit(history: ScaleHistory, rules: ScalingRules, args: NormalizeArgs): number {
  if (rules.selectPolicy === 'Disabled') return args.currentReplicas;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result = rules.selectPolicy === 'Min' ? Infinity : -Infinity;
  for (const policy of rules.policies) {
    const start =
      args.currentReplicas -
      changeInPeriod(history.scaleUpEvents, policy.periodSeconds, args.nowMs) +
      changeInPeriod(history.scaleDownEvents, policy.periodSeconds, args.nowMs);
    const proposed =
      policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

function scaleDownLimit(history: ScaleHistory, rules: ScalingRules, args: NormalizeArgs): number {
  if (rules.selectPolicy === 'Disabled') return args.currentReplicas;
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules.selectPolicy === 'Min' ? -Infinity : Infinity;
  for (const policy of rules.policies) {
    const start =
      args.currentReplicas -
      changeInPeriod(history.scaleUpEvents, policy.periodSeconds, args.nowMs) +
      changeInPeriod(history.scaleDownEvents, policy.periodSeconds, args.nowMs);
    const proposed =
      policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: the defaults for unset fields. */
export function withDefaults(
  behavior: Partial<Record<'scaleUp' | 'scaleDown', Partial<ScalingRules>>> | undefined,
): HpaBehavior {
  const up = behavior?.scaleUp ?? {};
  const down = behavior?.scaleDown ?? {};
  return {
    scaleUp: {
      stabilizationWindowSeconds: up.stabilizationWindowSeconds ?? 0,
      selectPolicy: up.selectPolicy ?? 'Max',
      policies: up.policies ?? [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    },
    scaleDown: {
      stabilizationWindowSeconds: down.stabilizationWindowSeconds ?? 300,
      selectPolicy: down.selectPolicy ?? 'Max',
      policies: down.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    },
  };
}
