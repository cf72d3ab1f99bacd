/**
 * Priority: resolves spec.priorityClassName to spec.priority (plugin/pkg/admission/priority).
 * Built-in classes system-cluster-critical and system-node-critical always exist.
 */
import { ApiError } from '../statusErrors.ts';
import type { Pod } from '../types/index.ts';
import type { AdmissionPlugin } from './admission.ts';

const BUILT_IN: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

export const priorityAdmission: AdmissionPlugin = {
  name: 'Priority',
  admit(attrs, reader) {
    if (attrs.resource !== 'pods' || attrs.operation !== 'CREATE') return;
    const pod = attrs.object as unknown as Pod;
    if (!pod.spec) return;
    const className = pod.spec.priorityClassName;
    if (className) {
      const builtIn = BUILT_IN[className];
      const stored = reader.get('priorityclasses.scheduling.k8s.io', '', className) as
        { value?: number; preemptionPolicy?: string } | undefined;
      if (builtIn === undefined && !stored) {
        throw new ApiError(
          'Forbidden',
          `pods "${attrs.object.metadata.name ?? ''}" is forbidden: no PriorityClass with name ${className} was found`,
        );
      }
      pod.spec.priority = builtIn ?? stored?.value ?? 0;
      pod.spec.preemptionPolicy ??= stored?.preemptionPolicy ?? 'PreemptLowerPriority';
      return;
    }
    const globalDefault = reader
      .list('priorityclasses.scheduling.k8s.io')
      .find((pc) => (pc as { globalDefault?: boolean }).globalDefault === true) as
      { value?: number; metadata: { name?: string } } | undefined;
    if (globalDefault) {
      pod.spec.priorityClassName = globalDefault.metadata.name;
      pod.spec.priority = globalDefault.value ?? 0;
    } else {
      pod.spec.priority ??= 0;
    }
    pod.spec.preemptionPolicy ??= 'PreemptLowerPriority';
  },
};
