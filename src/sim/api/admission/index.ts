/** The admission chain in kube-apiserver's order for the plugins Kubeplay simulates. */
import type { ApiServer } from '../apiServer.ts';
import { defaultTolerationSeconds } from './defaultTolerationSeconds.ts';
import { namespaceLifecycle } from './namespaceLifecycle.ts';
import { priorityAdmission } from './priority.ts';
import { serviceAccountAdmission } from './serviceAccount.ts';

export function registerAdmission(api: ApiServer): void {
  api.registerAdmission(namespaceLifecycle);
  api.registerAdmission(serviceAccountAdmission);
  api.registerAdmission(defaultTolerationSeconds);
  api.registerAdmission(priorityAdmission);
}
