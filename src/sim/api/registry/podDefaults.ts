/**
 * SetDefaults for pods and pod templates (pkg/apis/core/v1/defaults.go), so that stored pods and
 * `kubectl get -o yaml` show the fields a real API server fills in.
 */
import type { Container, PodSpec } from '../types/index.ts';

function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > lastSlash ? withoutDigest.slice(colon + 1) : undefined;
}

export function defaultContainer(container: Container): void {
  if (!container.imagePullPolicy && container.image) {
    const tag = imageTag(container.image);
    container.imagePullPolicy = tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
  container.resources ??= {};
  for (const port of container.ports ?? []) port.protocol ??= 'TCP';
  for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
    if (!probe) continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
    if (probe.httpGet) {
      // SetDefaults_HTTPGetAction.
      probe.httpGet.path ||= '/';
      probe.httpGet.scheme ??= 'HTTP';
    }
  }
  // Mirrors SetDefaults_ResourceList: a limit without a request means the request equals the limit.
  const resources = container.resources;
  if (resources.limits) {
    for (const [name, value] of Object.entries(resources.limits)) {
      resources.requests ??= {};
      resources.requests[name] ??= value;
    }
  }
}

export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  for (const container of (spec.containers as Container[] | undefined) ?? [])
    defaultContainer(container);
  for (const container of spec.initContainers ?? []) defaultContainer(container);
  if (spec.serviceAccountName && !spec.serviceAccount)
    spec.serviceAccount = spec.serviceAccountName;
  if (spec.priorityClassName === undefined) delete spec.priorityClassName;
}
