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
import { cronJobStrategy, jobStrategy } from './batch.ts';
import { podDisruptionBudgetStrategy } from './policy.ts';
import {
  createServiceStrategy,
  eventStrategy,
  namespaceStrategy,
  nodeStrategy,
  podStrategy,
} from './core.ts';
import { horizontalPodAutoscalerStrategy } from './autoscaling.ts';
import { configMapStrategy, secretStrategy } from './config.ts';
import {
  clusterRoleBindingStrategy,
  clusterRoleStrategy,
  roleBindingStrategy,
  roleStrategy,
} from './rbac.ts';
import { persistentVolumeClaimStrategy, storageClassStrategy } from './storage.ts';
import {
  endpointSliceStrategy,
  ingressClassStrategy,
  ingressStrategy,
  kubeProxyConfigurationStrategy,
  networkPolicyStrategy,
} from './networking.ts';

export function registerStrategies(api: ApiServer, random: SeededRandom): void {
  api.registerStrategy('pods', podStrategy);
  api.registerStrategy('nodes', nodeStrategy);
  api.registerStrategy('namespaces', namespaceStrategy);
  api.registerStrategy('events', eventStrategy);
  api.registerStrategy(
    'services',
    createServiceStrategy({
      random,
      *usedIps() {
        for (const svc of api.iterate('services')) {
          const ip = (svc as unknown as Service).spec?.clusterIP;
          if (ip) yield ip;
        }
      },
      *usedNodePorts(exceptKey) {
        for (const svc of api.iterate('services')) {
          if (`${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}` === exceptKey) continue;
          const spec = (svc as unknown as Service).spec;
          for (const port of spec?.ports ?? []) if (port.nodePort) yield port.nodePort;
          if (spec?.healthCheckNodePort) yield spec.healthCheckNodePort;
        }
      },
      ipOwner(ip) {
        for (const svc of api.iterate('services'))
          if ((svc as unknown as Service).spec?.clusterIP === ip)
            return `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;
        return undefined;
      },
    }),
  );
  api.registerStrategy('configmaps', configMapStrategy);
  api.registerStrategy('secrets', secretStrategy);
  api.registerStrategy('persistentvolumeclaims', persistentVolumeClaimStrategy);
  api.registerStrategy('storageclasses.storage.k8s.io', storageClassStrategy);
  api.registerStrategy('roles.rbac.authorization.k8s.io', roleStrategy);
  api.registerStrategy('clusterroles.rbac.authorization.k8s.io', clusterRoleStrategy);
  api.registerStrategy('rolebindings.rbac.authorization.k8s.io', roleBindingStrategy);
  api.registerStrategy('clusterrolebindings.rbac.authorization.k8s.io', clusterRoleBindingStrategy);
  api.registerStrategy('deployments.apps', deploymentStrategy);
  api.registerStrategy('replicasets.apps', replicaSetStrategy);
  api.registerStrategy('daemonsets.apps', daemonSetStrategy);
  api.registerStrategy('statefulsets.apps', statefulSetStrategy);
  api.registerStrategy('jobs.batch', jobStrategy);
  api.registerStrategy('cronjobs.batch', cronJobStrategy);
  api.registerStrategy('poddisruptionbudgets.policy', podDisruptionBudgetStrategy);
  api.registerStrategy('ingresses.networking.k8s.io', ingressStrategy);
  api.registerStrategy('ingressclasses.networking.k8s.io', ingressClassStrategy);
  api.registerStrategy('networkpolicies.networking.k8s.io', networkPolicyStrategy);
  api.registerStrategy('endpointslices.discovery.k8s.io', endpointSliceStrategy);
  api.registerStrategy('horizontalpodautoscalers.autoscaling', horizontalPodAutoscalerStrategy);
  api.registerStrategy(
    'kubeproxyconfigurations.kubeproxy.config.k8s.io',
    kubeProxyConfigurationStrategy,
  );
}
