/** Strategies for core/v1 kinds: Pod, Node, Namespace, Service, Event and the simple ones. */
import type { FieldError } from '../statusErrors.ts';
import type { Container, KubeObject, Pod, Service } from '../types/index.ts';
import { deepEqual } from '../../util/objects.ts';
import { defaultPodSpec } from './podDefaults.ts';
import { validatePodSpec } from './podValidation.ts';
import type { ResourceStrategy } from './strategy.ts';
import { qosClassOf } from '../podQos.ts';
import {
  allocateClusterIp,
  allocateHealthCheckNodePort,
  allocateNodePorts,
  needsNodePorts,
  validateNodePorts,
  validateRequestedClusterIp,
  validateServicePorts,
  validateSessionAffinity,
  type ServiceAllocator,
} from './serviceAllocation.ts';

export const podStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  defaults(obj) {
    const pod = obj as unknown as Pod;
    pod.spec ??= { containers: [] };
    defaultPodSpec(pod.spec);
  },
  prepareForCreate(obj) {
    const pod = obj as unknown as Pod;
    pod.status = { phase: 'Pending', qosClass: qosClassOf(pod.spec) };
  },
  validate(obj) {
    return validatePodSpec((obj as unknown as Pod).spec, 'spec');
  },
  validateUpdate(obj, old) {
    // Mirrors ValidatePodUpdate: only images, activeDeadlineSeconds and added tolerations may change.
    const next = (obj as unknown as Pod).spec;
    const prev = (old as unknown as Pod).spec;
    if (!next || !prev) return [];
    const strip = (spec: typeof next): unknown => ({
      ...spec,
      containers: (spec.containers as Container[] | undefined)?.map((c) => ({ ...c, image: '' })),
      initContainers: spec.initContainers?.map((c) => ({ ...c, image: '' })),
      activeDeadlineSeconds: undefined,
      tolerations: undefined,
      nodeName: prev.nodeName ?? spec.nodeName,
    });
    if (deepEqual(strip(next), strip(prev))) return [];
    return [
      {
        field: 'spec',
        type: 'Forbidden',
        detail:
          'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      },
    ];
  },
};

export const nodeStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  defaults(obj) {
    obj.spec ??= {};
  },
};

export const namespaceStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  defaults(obj) {
    obj.spec ??= { finalizers: ['kubernetes'] };
    const labels = { ...(obj.metadata.labels ?? {}) };
    labels['kubernetes.io/metadata.name'] = obj.metadata.name ?? '';
    obj.metadata.labels = labels;
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Active' };
  },
};

/**
 * Services: defaults, ClusterIP and NodePort allocation, and the registry's port checks. Allocated
 * values survive updates that omit them, as patchAllocatedValues does (service/strategy.go).
 */
export function createServiceStrategy(allocator: ServiceAllocator): ResourceStrategy {
  const keyOf = (obj: KubeObject): string =>
    `${obj.metadata.namespace ?? 'default'}/${obj.metadata.name ?? ''}`;
  return {
    hasStatusSubresource: true,
    defaults(obj) {
      const svc = obj as unknown as Service;
      svc.spec ??= {};
      const spec = svc.spec;
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      if (spec.sessionAffinity === 'ClientIP') {
        const clientIP = spec.sessionAffinityConfig?.clientIP ?? {};
        clientIP.timeoutSeconds ??= 10800;
        spec.sessionAffinityConfig = { clientIP };
      }
      if (spec.type !== 'ExternalName') {
        spec.internalTrafficPolicy ??= 'Cluster';
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.ipFamilies ??= ['IPv4'];
      }
      for (const port of spec.ports ?? []) {
        port.protocol ??= 'TCP';
        port.targetPort ??= port.port;
      }
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer')
        spec.externalTrafficPolicy ??= 'Cluster';
      if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
    },
    prepareForCreate(obj) {
      const svc = obj as unknown as Service;
      svc.status = { loadBalancer: {} };
      const spec = svc.spec ?? {};
      allocateNodePorts(svc, keyOf(obj), allocator);
      allocateHealthCheckNodePort(svc, keyOf(obj), allocator);
      if (spec.type === 'ExternalName' || spec.clusterIP === 'None') {
        if (spec.clusterIP === 'None') spec.clusterIPs = ['None'];
        return;
      }
      spec.clusterIP ||= allocateClusterIp(allocator);
      spec.clusterIPs = [spec.clusterIP];
    },
    validate(obj) {
      const svc = obj as unknown as Service;
      const spec = svc.spec ?? {};
      const errors: FieldError[] = [];
      const needsPorts = spec.type !== 'ExternalName' && spec.clusterIP !== 'None';
      if (needsPorts && (spec.ports ?? []).length === 0)
        errors.push({ field: 'spec.ports', type: 'Required value' });
      const types = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
      if (!types.includes(spec.type ?? 'ClusterIP'))
        errors.push({
          field: 'spec.type',
          type: 'Unsupported value',
          value: spec.type,
          detail: `supported values: ${types.map((t) => `"${t}"`).join(', ')}`,
        });
      if (spec.type === 'ExternalName' && !spec.externalName)
        errors.push({ field: 'spec.externalName', type: 'Required value' });
      errors.push(
        ...validateServicePorts(spec),
        ...validateNodePorts(svc, keyOf(obj), allocator),
        ...validateSessionAffinity(spec),
        ...validateRequestedClusterIp(svc, keyOf(obj), (ip) => allocator.ipOwner(ip)),
      );
      return errors;
    },
    validateUpdate(obj, old) {
      // patchAllocatedValues runs in PrepareForUpdate upstream; our API server has no such hook, and
      // validateUpdate is the last step that sees both objects before the write.
      const svc = obj as unknown as Service;
      const prev = (old as unknown as Service).spec ?? {};
      const spec = (svc.spec ??= {});
      const errors: FieldError[] = [];
      if (spec.type !== 'ExternalName' && prev.type !== 'ExternalName') {
        if (!spec.clusterIP) spec.clusterIP = prev.clusterIP;
        else if (spec.clusterIP !== prev.clusterIP)
          errors.push({
            field: 'spec.clusterIPs[0]',
            type: 'Invalid value',
            value: spec.clusterIP,
            detail: 'may not change once set',
          });
        if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
      }
      if (spec.type !== 'ExternalName' && !spec.clusterIP) {
        spec.clusterIP = allocateClusterIp(allocator);
        spec.clusterIPs = [spec.clusterIP];
      }
      if (needsNodePorts(spec)) {
        for (const port of spec.ports ?? []) {
          if (port.nodePort) continue;
          const same = (prev.ports ?? []).find(
            (p) => p.port === port.port && (p.protocol ?? 'TCP') === port.protocol,
          );
          if (same?.nodePort) port.nodePort = same.nodePort;
        }
      }
      allocateNodePorts(svc, keyOf(obj), allocator);
      allocateHealthCheckNodePort(svc, keyOf(obj), allocator);
      return errors;
    },
  };
}

export const eventStrategy: ResourceStrategy = { hasStatusSubresource: false };

export function isPod(obj: KubeObject): boolean {
  return obj.kind === 'Pod';
}
