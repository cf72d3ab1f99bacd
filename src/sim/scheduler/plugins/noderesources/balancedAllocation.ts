/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory fractions stay close after
 * placing the pod: score = (1 − standard deviation of the fractions) × 100 (balanced_allocation.go).
 */
import { podRequests } from '../../../api/helpers/resources.ts';
import type { ScorePlugin } from '../../framework/interfaces.ts';
import { NodeResourcesBalancedAllocation } from '../names.ts';

export const balancedAllocation = {
  name: NodeResourcesBalancedAllocation,
  score(_state, pod, nodeInfo) {
    const requests = podRequests(pod);
    const fractions: number[] = [];
    for (const name of ['cpu', 'memory']) {
      const capacity = nodeInfo.allocatable.get(name) ?? 0;
      if (capacity === 0) continue;
      const requested = (nodeInfo.requested.get(name) ?? 0) + (requests.get(name) ?? 0);
      fractions.push(Math.min(1, requested / capacity));
    }
    if (fractions.length < 2) return 100;
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    const variance = fractions.reduce((sum, f) => sum + (f - mean) ** 2, 0) / fractions.length;
    return Math.floor((1 - Math.sqrt(variance)) * 100);
  },
} satisfies ScorePlugin;
