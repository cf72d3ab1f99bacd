/**
 * DefaultTolerationSeconds: every pod tolerates not-ready and unreachable nodes for 300 s unless it
 * says otherwise. Mirrors plugin/pkg/admission/defaulttolerationseconds/admission.go.
 */
import type { Pod, Toleration } from '../types/index.ts';
import type { AdmissionPlugin } from './admission.ts';

const DEFAULT_SECONDS = 300;
const KEYS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'] as const;

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(attrs) {
    if (attrs.resource !== 'pods' || attrs.operation !== 'CREATE') return;
    const pod = attrs.object as unknown as Pod;
    if (!pod.spec) return;
    const tolerations: Toleration[] = [...(pod.spec.tolerations ?? [])];
    for (const key of KEYS) {
      const covered = tolerations.some(
        (t) =>
          (t.key === key || (t.key === undefined && t.operator === 'Exists')) &&
          (t.effect === undefined || t.effect === 'NoExecute'),
      );
      if (!covered) {
        tolerations.push({
          key,
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: DEFAULT_SECONDS,
        });
      }
    }
    pod.spec.tolerations = tolerations;
  },
};
