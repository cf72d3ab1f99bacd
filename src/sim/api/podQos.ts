/** QoS class (pkg/apis/core/v1/helper/qos): Guaranteed, Burstable or BestEffort. */
import type { PodSpec } from './types/index.ts';
import { milliCpu, bytes } from './quantity.ts';

export function qosClassOf(spec: PodSpec | undefined): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
  let anySet = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) anySet = true;
    for (const resource of ['cpu', 'memory'] as const) {
      const limit = limits[resource];
      const request = requests[resource] ?? limit;
      if (limit === undefined) {
        guaranteed = false;
        continue;
      }
      const same =
        resource === 'cpu'
          ? milliCpu(limit) === milliCpu(request)
          : bytes(limit) === bytes(request);
      if (!same) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
