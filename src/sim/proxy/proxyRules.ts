/**
 * The rules kube-proxy programs for one Service, printed as a node would show them: `iptables-save`
 * lines (iptables mode), `ipvsadm -Ln` (ipvs mode) or `nft list` chains (nftables mode). This is
 * how a learner sees *why* a request went where it did. Mirrors syncProxyRules in
 * pkg/proxy/{iptables,ipvs,nftables}/proxier.go for ClusterIP traffic.
 */
import type { KubeObject, Service, ServicePort } from '../api/types/index.ts';
import { base32, endpointChain, serviceChain, servicePortName, sha256 } from './chainNames.ts';
import type { ProxyEndpoint } from './endpointSliceCache.ts';
import type { KubeProxy } from './kubeProxy.ts';

const CLUSTER_CIDR = '10.244.0.0/16';

export function renderProxyRules(
  proxy: KubeProxy,
  svc: KubeObject & Service,
  nowMs: number,
): string {
  const settings = proxy.settings();
  const ports = svc.spec?.ports ?? [];
  const clusterIP = svc.spec?.clusterIP;
  if (!clusterIP || clusterIP === 'None')
    return `# ${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''} has no cluster IP: kube-proxy programs no rules for it\n`;
  const sections = ports.map((port) => {
    const endpoints = proxy.usableEndpoints(svc, port.name ?? '', { local: false });
    const usable = endpoints === 'dropped' ? [] : endpoints;
    if (settings.mode === 'ipvs')
      return ipvsRules(svc, port, usable, settings.scheduler, (ip) =>
        proxy.ipvsConnections(svc, port.name ?? '', ip, nowMs),
      );
    if (settings.mode === 'nftables') return nftRules(svc, port, usable);
    return iptablesRules(svc, port, usable);
  });
  const header =
    settings.mode === 'ipvs'
      ? 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n'
      : '';
  return header + sections.join('');
}

/** What xt_statistic stores and iptables-save prints for kube-proxy's `%0.10f` probability. */
export function iptablesProbability(n: number): string {
  const requested = Number((1 / n).toFixed(10));
  return (Math.round(requested * 0x80000000) / 0x80000000).toFixed(11);
}

function iptablesRules(
  svc: KubeObject & Service,
  port: ServicePort,
  endpoints: readonly ProxyEndpoint[],
): string {
  const name = servicePortName(
    svc.metadata.namespace ?? '',
    svc.metadata.name ?? '',
    port.name ?? '',
  );
  const protocol = (port.protocol ?? 'TCP').toLowerCase();
  const svcChain = serviceChain(name, protocol);
  const ip = svc.spec?.clusterIP ?? '';
  const match = `-d ${ip}/32 -p ${protocol} -m comment --comment "${name} cluster IP" -m ${protocol} --dport ${String(port.port)}`;
  if (endpoints.length === 0)
    return `-A KUBE-SERVICES ${match.replace('cluster IP"', 'has no endpoints"')} -j REJECT --reject-with icmp-port-unreachable\n`;
  const affinity =
    svc.spec?.sessionAffinity === 'ClientIP'
      ? (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800)
      : undefined;
  const lines = [
    `-A KUBE-SERVICES ${match} -j ${svcChain}`,
    `-A ${svcChain} ! -s ${CLUSTER_CIDR} ${match} -j KUBE-MARK-MASQ`,
  ];
  const target = (e: ProxyEndpoint): string =>
    `${e.ip}:${String(e.ports.get(port.name ?? '') ?? 0)}`;
  if (affinity !== undefined)
    for (const e of endpoints) {
      const sep = endpointChain(name, protocol, target(e));
      lines.push(
        `-A ${svcChain} -m comment --comment "${name} -> ${target(e)}" -m recent --name ${sep} --mask 255.255.255.255 --rsource --rcheck --seconds ${String(affinity)} --reap -j ${sep}`,
      );
    }
  endpoints.forEach((e, i) => {
    const sep = endpointChain(name, protocol, target(e));
    const last = i === endpoints.length - 1;
    const statistic = last
      ? ''
      : ` -m statistic --mode random --probability ${iptablesProbability(endpoints.length - i)}`;
    lines.push(
      `-A ${svcChain} -m comment --comment "${name} -> ${target(e)}"${statistic} -j ${sep}`,
    );
  });
  for (const e of endpoints) {
    const sep = endpointChain(name, protocol, target(e));
    const recent =
      affinity !== undefined
        ? ` -m recent --set --name ${sep} --mask 255.255.255.255 --rsource`
        : '';
    lines.push(`-A ${sep} -s ${e.ip}/32 -m comment --comment "${name}" -j KUBE-MARK-MASQ`);
    lines.push(
      `-A ${sep} -p ${protocol} -m comment --comment "${name}"${recent} -m ${protocol} -j DNAT --to-destination ${target(e)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function ipvsRules(
  svc: KubeObject & Service,
  port: ServicePort,
  endpoints: readonly ProxyEndpoint[],
  scheduler: string,
  connections: (ip: string) => { active: number; inactive: number },
): string {
  const protocol = port.protocol ?? 'TCP';
  const persistent =
    svc.spec?.sessionAffinity === 'ClientIP'
      ? ` persistent ${String(svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800)}`
      : '';
  const lines = [
    `${protocol}  ${svc.spec?.clusterIP ?? ''}:${String(port.port)} ${scheduler}${persistent}`,
  ];
  for (const e of endpoints) {
    const target = `${e.ip}:${String(e.ports.get(port.name ?? '') ?? 0)}`;
    const { active, inactive } = connections(e.ip);
    lines.push(
      `  -> ${target.padEnd(28)} ${'Masq'.padEnd(7)} ${'1'.padEnd(6)} ${String(active).padEnd(10)} ${String(inactive)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function nftRules(
  svc: KubeObject & Service,
  port: ServicePort,
  endpoints: readonly ProxyEndpoint[],
): string {
  const namespace = svc.metadata.namespace ?? '';
  const name = svc.metadata.name ?? '';
  const protocol = (port.protocol ?? 'TCP').toLowerCase();
  const portName = servicePortName(namespace, name, port.name ?? '');
  const hash8 = (text: string): string => base32(sha256(text)).slice(0, 8);
  const suffix = `${namespace}/${name}/${protocol}/${port.name ?? ''}`;
  const chain = `service-${hash8(portName + protocol)}-${suffix}`;
  const lines = ['table ip kube-proxy {', `\tchain ${chain} {`];
  lines.push(
    `\t\tip daddr ${svc.spec?.clusterIP ?? ''} ${protocol} dport ${String(port.port)} ip saddr != ${CLUSTER_CIDR} jump mark-for-masquerade`,
  );
  if (endpoints.length === 0) lines.push('\t\treject');
  else {
    const targets = endpoints.map((e, i) => {
      const target = `${e.ip}:${String(e.ports.get(port.name ?? '') ?? 0)}`;
      const endpoint = `endpoint-${hash8(portName + protocol + target)}-${suffix}__${e.ip}/${String(e.ports.get(port.name ?? '') ?? 0)}`;
      return `${String(i)} : goto ${endpoint}`;
    });
    lines.push(`\t\tnumgen random mod ${String(endpoints.length)} vmap { ${targets.join(', ')} }`);
  }
  lines.push('\t}', '}');
  return `${lines.join('\n')}\n`;
}
