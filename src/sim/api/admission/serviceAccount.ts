/** ServiceAccount: pods run as the namespace's `default` service account unless they name one. */
import type { Pod } from '../types/index.ts';
import type { AdmissionPlugin } from './admission.ts';

export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(attrs) {
    if (attrs.resource !== 'pods' || attrs.operation !== 'CREATE') return;
    const pod = attrs.object as unknown as Pod;
    if (!pod.spec) return;
    // Static (mirror) pods have no service account.
    if (pod.metadata?.annotations?.['kubernetes.io/config.mirror']) return;
    pod.spec.serviceAccountName ??= pod.spec.serviceAccount ?? 'default';
    pod.spec.serviceAccount = pod.spec.serviceAccountName;
  },
};
