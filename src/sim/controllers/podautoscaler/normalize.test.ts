import { describe, expect, it } from 'vitest';
import { normalizeWithBehaviors, withDefaults, type ScaleHistory } from './normalize.ts';

const fresh = (): ScaleHistory => ({ recommendations: [], scaleUpEvents: [], scaleDownEvents: [] });
const args = { minReplicas: 1, maxReplicas: 20, nowMs: 1_000_000 };

describe('HPA behavior', () => {
  it('scales up by at most max(4 pods, 100%) a period by default', () => {
    const out = normalizeWithBehaviors(fresh(), withDefaults(undefined), {
      ...args,
      currentReplicas: 1,
      desiredReplicas: 10,
    });
    expect(out).toMatchObject({ replicas: 5, limited: true, limitReason: 'ScaleUpLimit' });
    const big = normalizeWithBehaviors(fresh(), withDefaults(undefined), {
      ...args,
      currentReplicas: 6,
      desiredReplicas: 30,
    });
    expect(big).toMatchObject({ replicas: 12, limitReason: 'ScaleUpLimit' });
  });

  it('holds the highest recommendation of the last 300 s before scaling down', () => {
    const history = fresh();
    const behavior = withDefaults(undefined);
    normalizeWithBehaviors(history, behavior, { ...args, currentReplicas: 8, desiredReplicas: 8 });
    const held = normalizeWithBehaviors(history, behavior, {
      ...args,
      nowMs: args.nowMs + 200_000,
      currentReplicas: 8,
      desiredReplicas: 2,
    });
    expect(held).toMatchObject({ replicas: 8, ableReason: 'ScaleDownStabilized' });
    const later = normalizeWithBehaviors(history, behavior, {
      ...args,
      nowMs: args.nowMs + 301_000,
      currentReplicas: 8,
      desiredReplicas: 2,
    });
    expect(later).toMatchObject({ replicas: 2, ableReason: 'ReadyForNewScale' });
  });

  it('honours a custom scale-down policy of one pod a minute', () => {
    const behavior = withDefaults({
      scaleDown: {
        stabilizationWindowSeconds: 0,
        policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
      },
    });
    const history = fresh();
    const first = normalizeWithBehaviors(history, behavior, {
      ...args,
      currentReplicas: 5,
      desiredReplicas: 1,
    });
    expect(first).toMatchObject({ replicas: 4, limitReason: 'ScaleDownLimit' });
    history.scaleDownEvents.push({ replicaChange: 1, timestampMs: args.nowMs });
    const again = normalizeWithBehaviors(history, behavior, {
      ...args,
      nowMs: args.nowMs + 15_000,
      currentReplicas: 4,
      desiredReplicas: 1,
    });
    expect(again.replicas).toBe(4);
  });

  it('clamps to maxReplicas with TooManyReplicas', () => {
    const out = normalizeWithBehaviors(fresh(), withDefaults(undefined), {
      ...args,
      maxReplicas: 3,
      currentReplicas: 2,
      desiredReplicas: 4,
    });
    expect(out).toMatchObject({ replicas: 3, limitReason: 'TooManyReplicas' });
  });
});
