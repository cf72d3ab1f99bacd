/** Registers every resource strategy with the API server. */
import type { SeededRandom } from '../../random/seededRandom.ts';
import type { ApiServer } from '../apiServer.ts';
import type { Service } from '../types/index.ts';
import {
  daemonSetStrategy,
  deploymentStrategy,
  replicaSetStrategy,
  statefulSetStrategy,
} from './apps.ts';
import {
  createServiceStrategy,
  eventStrategy,
  namespaceStrategy,
  nodeStrategy,
  podStrategy,
} from './core.ts';

export function registerStrategies(api: ApiServer, random: SeededRandom): void {
  api.registerStrategy('pods', podStrategy);
  api.registerStrategy('nodes', nodeStrategy);
  api.registerStrategy('namespaces', namespaceStrategy);
  api.registerStrategy('events', eventStrategy);
  api.registerStrategy(
    'services',
    createServiceStrategy(random, function* usedIps() {
      for (const svc of api.iterate('services')) {
        const ip = (svc as unknown as Service).spec?.clusterIP;
        if (ip) yield ip;
      }
    }),
  );
  api.registerStrategy('deployments.apps', deploymentStrategy);
  api.registerStrategy('replicasets.apps', replicaSetStrategy);
  api.registerStrategy('daemonsets.apps', daemonSetStrategy);
  api.registerStrategy('statefulsets.apps', statefulSetStrategy);
}
