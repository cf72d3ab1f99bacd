/**
 * Which pods a Service selects and on which ports they serve it: shared by the EndpointSlice and
 * Endpoints controllers. Mirrors pkg/api/v1/pod (FindPort) and pkg/controller/util/endpoint.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import type { KubeObject, Pod, Service, ServicePort } from '../../api/types/index.ts';

export interface EndpointPort {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly appProtocol?: string;
}

export function selectorMatches(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** Pods a Service with a selector sends to: matching, not finished, with an IP. */
export function selectedPods(
  api: ApiServer,
  svc: KubeObject & Service,
  includeTerminating: boolean,
): (KubeObject & Pod)[] {
  const selector = svc.spec?.selector;
  if (!selector) return [];
  const pods: (KubeObject & Pod)[] = [];
  for (const obj of api.iterate('pods', svc.metadata.namespace)) {
    const pod = obj as KubeObject & Pod;
    if (!selectorMatches(selector, pod.metadata.labels)) continue;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    if (!pod.status?.podIP) continue;
    if (pod.metadata.deletionTimestamp && !includeTerminating) continue;
    pods.push(pod);
  }
  return pods.sort((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
}

/** The container port a Service port targets in `pod`, or undefined (FindPort's error). */
export function findPort(pod: Pod, svcPort: ServicePort): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of pod.spec?.containers ?? []) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === (svcPort.protocol ?? 'TCP'))
        return port.containerPort;
    }
  }
  return undefined;
}

export function endpointPortsFor(pod: Pod, svc: Service): EndpointPort[] {
  const ports: EndpointPort[] = [];
  for (const svcPort of svc.spec?.ports ?? []) {
    const port = findPort(pod, svcPort);
    if (port === undefined) continue;
    ports.push({
      name: svcPort.name ?? '',
      port,
      protocol: svcPort.protocol ?? 'TCP',
      ...(svcPort.appProtocol ? { appProtocol: svcPort.appProtocol } : {}),
    });
  }
  return ports;
}

export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders IPv4 addresses numerically, as net.IP byte comparison does. */
export function compareIps(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
