/** Strategies for core/v1 kinds: Pod, Node, Namespace, Service, Event and the simple ones. */
import type { SeededRandom } from '../../random/seededRandom.ts';
import type { FieldError } from '../statusErrors.ts';
import type { KubeObject, Pod, Service } from '../types/index.ts';
import { deepEqual } from '../../util/objects.ts';
import { defaultPodSpec } from './podDefaults.ts';
import { validatePodSpec } from './podValidation.ts';
import type { ResourceStrategy } from './strategy.ts';
import { qosClassOf } from '../podQos.ts';

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
      containers: spec.containers.map((c) => ({ ...c, image: '' })),
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

/** Allocates ClusterIPs from 10.96.0.0/12 (kubeadm's default service CIDR), as the service registry does. */
export function createServiceStrategy(
  random: SeededRandom,
  usedIps: () => Iterable<string>,
): ResourceStrategy {
  return {
    hasStatusSubresource: true,
    defaults(obj) {
      const svc = obj as unknown as Service;
      svc.spec ??= {};
      const spec = svc.spec;
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
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
    },
    prepareForCreate(obj) {
      const svc = obj as unknown as Service;
      svc.status = { loadBalancer: {} };
      const spec = svc.spec ?? {};
      if (spec.type === 'ExternalName' || spec.clusterIP === 'None') {
        if (spec.clusterIP === 'None') spec.clusterIPs = ['None'];
        return;
      }
      if (!spec.clusterIP) {
        const used = new Set(usedIps());
        let ip = '';
        do {
          // 10.96.0.0/12 spans 10.96.0.0–10.111.255.255; .0.1 and .0.10 are the kubernetes and kube-dns services.
          const n = 11 + random.int((1 << 20) - 12);
          ip = `10.${String(96 + (n >> 16))}.${String((n >> 8) & 255)}.${String(n & 255)}`;
        } while (used.has(ip));
        spec.clusterIP = ip;
      }
      spec.clusterIPs = [spec.clusterIP];
    },
    validate(obj) {
      const spec = (obj as unknown as Service).spec ?? {};
      const errors: FieldError[] = [];
      const needsPorts = spec.type !== 'ExternalName' && spec.clusterIP !== 'None';
      if (needsPorts && (spec.ports ?? []).length === 0)
        errors.push({ field: 'spec.ports', type: 'Required value' });
      return errors;
    },
  };
}

export const eventStrategy: ResourceStrategy = { hasStatusSubresource: false };

export function isPod(obj: KubeObject): boolean {
  return obj.kind === 'Pod';
}
