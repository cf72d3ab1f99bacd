/**
 * Service address and port allocation, as the service registry does it: ClusterIPs from the
 * service CIDR, NodePorts from `--service-node-port-range`, with the API server's exact errors.
 * Mirrors pkg/registry/core/service/storage/alloc.go and portallocator (KEP-3668 bands).
 */
import type { SeededRandom } from '../../random/seededRandom.ts';
import type { FieldError } from '../statusErrors.ts';
import type { Service, ServicePort } from '../types/index.ts';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const NODE_PORT_RANGE_SIZE = NODE_PORT_MAX - NODE_PORT_MIN + 1;
/** KEP-3668: the lower band is for static picks; dynamic allocation prefers the upper band. */
const NODE_PORT_STATIC_BAND = Math.min(Math.max(16, Math.floor(NODE_PORT_RANGE_SIZE / 32)), 128);

export interface ServiceAllocator {
  readonly random: SeededRandom;
  usedIps(): Iterable<string>;
  /** NodePorts in use, excluding those of the Service being written (`namespace/name`). */
  usedNodePorts(exceptKey: string): Iterable<number>;
  /** `namespace/name` of the Service holding a ClusterIP, if any. */
  ipOwner(ip: string): string | undefined;
}

export function needsNodePorts(spec: NonNullable<Service['spec']>): boolean {
  if (spec.type === 'NodePort') return true;
  return spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false;
}

export function allocateClusterIp(allocator: ServiceAllocator): string {
  const used = new Set(allocator.usedIps());
  for (;;) {
    // 10.96.0.0/12 spans 10.96.0.0–10.111.255.255; .0.1 and .0.10 are kubernetes and kube-dns.
    const n = 11 + allocator.random.int((1 << 20) - 12);
    const ip = `10.${String(96 + (n >> 16))}.${String((n >> 8) & 255)}.${String(n & 255)}`;
    if (!used.has(ip)) return ip;
  }
}

/** Allocates the NodePorts a Service needs and did not request; clears them when it needs none. */
export function allocateNodePorts(svc: Service, key: string, allocator: ServiceAllocator): void {
  const spec = svc.spec ?? {};
  const ports: ServicePort[] = spec.ports ?? [];
  if (!needsNodePorts(spec)) {
    if (spec.type === 'ClusterIP' || spec.type === 'ExternalName')
      for (const port of ports) delete port.nodePort;
    return;
  }
  const used = new Set(allocator.usedNodePorts(key));
  for (const port of ports) if (port.nodePort) used.add(port.nodePort);
  for (const port of ports) {
    if (port.nodePort) continue;
    // The same port number for TCP and UDP shares one NodePort, as the registry does.
    const twin = ports.find((p) => p !== port && p.port === port.port && p.nodePort);
    port.nodePort = twin?.nodePort ?? pickNodePort(used, allocator.random);
    used.add(port.nodePort);
  }
}

/** Requested NodePorts must be in the range and free (portallocator's errors). */
export function validateNodePorts(
  svc: Service,
  key: string,
  allocator: ServiceAllocator,
): FieldError[] {
  const ports: ServicePort[] = svc.spec?.ports ?? [];
  const used = new Set(allocator.usedNodePorts(key));
  const errors: FieldError[] = [];
  ports.forEach((port, i) => {
    if (port.nodePort === undefined || port.nodePort === 0) return;
    const field = `spec.ports[${String(i)}].nodePort`;
    if (port.nodePort < NODE_PORT_MIN || port.nodePort > NODE_PORT_MAX) {
      errors.push({
        field,
        type: 'Invalid value',
        value: port.nodePort,
        detail: `provided port is not in the valid range. The range of valid ports is ${String(NODE_PORT_MIN)}-${String(NODE_PORT_MAX)}`,
      });
    } else if (used.has(port.nodePort)) {
      errors.push({
        field,
        type: 'Invalid value',
        value: port.nodePort,
        detail: 'provided port is already allocated',
      });
    }
  });
  return errors;
}

function pickNodePort(used: Set<number>, random: SeededRandom): number {
  const upperStart = NODE_PORT_MIN + NODE_PORT_STATIC_BAND;
  const upperSize = NODE_PORT_MAX - upperStart + 1;
  const offset = random.int(upperSize);
  for (let i = 0; i < upperSize; i++) {
    const port = upperStart + ((offset + i) % upperSize);
    if (!used.has(port)) return port;
  }
  for (let port = NODE_PORT_MIN; port < upperStart; port++) if (!used.has(port)) return port;
  return 0;
}

/** Port names are required when a Service has more than one port, and must be unique. */
export function validateServicePorts(spec: NonNullable<Service['spec']>): FieldError[] {
  const ports = spec.ports ?? [];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = `spec.ports[${String(i)}]`;
    if (ports.length > 1 && !port.name)
      errors.push({ field: `${at}.name`, type: 'Required value' });
    if (port.name) {
      if (names.has(port.name))
        errors.push({ field: `${at}.name`, type: 'Duplicate value', value: port.name });
      names.add(port.name);
    }
    if (!Number.isInteger(port.port) || port.port < 1 || port.port > 65535)
      errors.push({
        field: `${at}.port`,
        type: 'Invalid value',
        value: port.port,
        detail: 'must be between 1 and 65535, inclusive',
      });
  });
  return errors;
}

/** 10.96.0.0/12, kubeadm's default `--service-cluster-ip-range`. */
export const SERVICE_CIDR = '10.96.0.0/12';

function inServiceCidr(ip: string): boolean {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    return false;
  return parts[0] === 10 && (parts[1] ?? 0) >= 96 && (parts[1] ?? 0) <= 111;
}

/** A requested ClusterIP must be in the range and free (ipallocator's errors). */
export function validateRequestedClusterIp(
  svc: Service,
  key: string,
  usedBy: (ip: string) => string | undefined,
): FieldError[] {
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') return [];
  const value = [ip];
  if (!inServiceCidr(ip))
    return [
      {
        field: 'spec.clusterIPs',
        type: 'Invalid value',
        value,
        detail: `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
      },
    ];
  const owner = usedBy(ip);
  if (owner !== undefined && owner !== key)
    return [
      {
        field: 'spec.clusterIPs',
        type: 'Invalid value',
        value,
        detail: `failed to allocate IP ${ip}: provided IP is already allocated`,
      },
    ];
  return [];
}

/** LoadBalancer + externalTrafficPolicy Local gets a health-check NodePort (kube-proxy serves it). */
export function allocateHealthCheckNodePort(
  svc: Service,
  key: string,
  allocator: ServiceAllocator,
): void {
  const spec = svc.spec ?? {};
  const needs = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  if (!needs) {
    delete spec.healthCheckNodePort;
    return;
  }
  if (spec.healthCheckNodePort) return;
  const used = new Set(allocator.usedNodePorts(key));
  for (const port of spec.ports ?? []) if (port.nodePort) used.add(port.nodePort);
  spec.healthCheckNodePort = pickNodePort(used, allocator.random);
}

export function validateSessionAffinity(spec: NonNullable<Service['spec']>): FieldError[] {
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (spec.sessionAffinity !== 'ClientIP' || timeout === undefined) return [];
  if (timeout > 0 && timeout <= 86400) return [];
  return [
    {
      field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
      type: 'Invalid value',
      value: timeout,
      detail: 'must be greater than 0 and less than 86400',
    },
  ];
}
