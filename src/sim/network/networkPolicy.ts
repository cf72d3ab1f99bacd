/**
 * NetworkPolicy enforcement as a policy-enforcing CNI (Calico, Cilium) applies it to each new
 * connection: a pod selected by any policy of a direction accepts only what some rule of that
 * direction allows; pods no policy selects are open. Semantics: docs network-policies.md.
 */
import type { ApiServer } from '../api/apiServer.ts';
import { labelSelectorMatches } from '../api/labels.ts';
import type { KubeObject, LabelSelector, Pod } from '../api/types/index.ts';

/** One side of a connection: a pod, or an address outside the pod network. */
export interface Peer {
  readonly ip: string;
  readonly pod?: KubeObject & Pod;
}

interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
interface PolicyRule {
  from?: PolicyPeer[];
  to?: PolicyPeer[];
  ports?: PolicyPort[];
}
interface PolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}

export type PolicyVerdict =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly direction: 'Ingress' | 'Egress';
      readonly policies: string[];
    };

export function checkConnection(
  api: ApiServer,
  src: Peer,
  dst: Peer,
  port: number,
  protocol = 'TCP',
): PolicyVerdict {
  if (src.pod) {
    const egress = selecting(api, src.pod, 'Egress');
    if (egress.length > 0) {
      const ok = egress.some(({ namespace, spec }) =>
        (spec.egress ?? []).some((rule) =>
          ruleAllows(api, rule, rule.to, namespace, dst, port, protocol),
        ),
      );
      if (!ok) return { allowed: false, direction: 'Egress', policies: egress.map((p) => p.name) };
    }
  }
  if (dst.pod) {
    const ingress = selecting(api, dst.pod, 'Ingress');
    if (ingress.length > 0) {
      const ok = ingress.some(({ namespace, spec }) =>
        (spec.ingress ?? []).some((rule) =>
          ruleAllows(api, rule, rule.from, namespace, src, port, protocol, dst),
        ),
      );
      if (!ok)
        return { allowed: false, direction: 'Ingress', policies: ingress.map((p) => p.name) };
    }
  }
  return { allowed: true };
}

function selecting(
  api: ApiServer,
  pod: KubeObject & Pod,
  direction: 'Ingress' | 'Egress',
): { name: string; namespace: string; spec: PolicySpec }[] {
  const out: { name: string; namespace: string; spec: PolicySpec }[] = [];
  const namespace = pod.metadata.namespace ?? '';
  for (const policy of api.iterate('networkpolicies.networking.k8s.io', namespace)) {
    const spec = (policy.spec ?? {}) as PolicySpec;
    const types = spec.policyTypes ?? ['Ingress'];
    if (!types.includes(direction)) continue;
    if (!labelSelectorMatches(spec.podSelector ?? {}, pod.metadata.labels)) continue;
    out.push({ name: policy.metadata.name ?? '', namespace, spec });
  }
  return out;
}

function ruleAllows(
  api: ApiServer,
  rule: PolicyRule,
  peers: PolicyPeer[] | undefined,
  policyNamespace: string,
  other: Peer,
  port: number,
  protocol: string,
  target?: Peer,
): boolean {
  const portPod = target?.pod ?? other.pod;
  if (!portsAllow(rule.ports, port, protocol, portPod)) return false;
  if (!peers || peers.length === 0) return true;
  return peers.some((peer) => peerMatches(api, peer, policyNamespace, other));
}

function portsAllow(
  ports: PolicyPort[] | undefined,
  port: number,
  protocol: string,
  pod: Pod | undefined,
): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number')
      return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
    return namedPort(pod, p.port, protocol) === port;
  });
}

function namedPort(pod: Pod | undefined, name: string, protocol: string): number | undefined {
  for (const container of pod?.spec?.containers ?? [])
    for (const p of container.ports ?? [])
      if (p.name === name && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  return undefined;
}

function peerMatches(
  api: ApiServer,
  peer: PolicyPeer,
  policyNamespace: string,
  other: Peer,
): boolean {
  if (peer.ipBlock) {
    if (!cidrContains(peer.ipBlock.cidr, other.ip)) return false;
    return !(peer.ipBlock.except ?? []).some((cidr) => cidrContains(cidr, other.ip));
  }
  const pod = other.pod;
  if (!pod) return false;
  const namespace = pod.metadata.namespace ?? '';
  if (peer.namespaceSelector) {
    const ns = api.get('namespaces', '', namespace);
    if (!labelSelectorMatches(peer.namespaceSelector, ns?.metadata.labels)) return false;
  } else if (namespace !== policyNamespace) return false;
  return peer.podSelector ? labelSelectorMatches(peer.podSelector, pod.metadata.labels) : true;
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [base = '', bitsText = '32'] = cidr.split('/');
  const bits = Number(bitsText);
  const a = ipToInt(base);
  const b = ipToInt(ip);
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) return false;
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : ~((1 << (32 - bits)) - 1) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

export function ipToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!/^\d+$/.test(part) || n > 255) return undefined;
    value = value * 256 + n;
  }
  return value >>> 0;
}
