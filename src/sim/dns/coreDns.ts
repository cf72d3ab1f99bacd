/**
 * CoreDNS with the kubernetes plugin, as kubeadm configures it (zone cluster.local, pods insecure,
 * `loadbalance` shuffling A records), plus the pod's resolver: resolv.conf with
 * `search <ns>.svc.cluster.local svc.cluster.local cluster.local` and `options ndots:5`.
 * Mirrors coredns/plugin/kubernetes in answers (docs: dns-pod-service).
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject, Pod, Service } from '../api/types/index.ts';
import type { DnsAnswer } from '../client/clusterServices.ts';
import type { EndpointSliceCache } from '../proxy/endpointSliceCache.ts';
import type { SeededRandom } from '../random/seededRandom.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
export const NAMESERVER_IP = '10.96.0.10';
const NDOTS = 5;

export class CoreDns {
  constructor(
    private readonly api: ApiServer,
    private readonly endpoints: EndpointSliceCache,
    private readonly random: SeededRandom,
  ) {}

  /** The search list of a pod in `namespace` (dnsPolicy ClusterFirst). */
  searchList(namespace: string): string[] {
    return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  }

  /** What the pod's resolver finds for `host`, trying the search list as glibc/musl do. */
  resolve(namespace: string, host: string): DnsAnswer | undefined {
    const name = host.toLowerCase();
    if (isIpv4(name)) return { name, addresses: [name] };
    if (name.endsWith('.')) return this.answer(name.slice(0, -1));
    const dots = name.split('.').length - 1;
    const candidates = this.searchList(namespace).map((domain) => `${name}.${domain}`);
    const ordered = dots >= NDOTS ? [name, ...candidates] : [...candidates, name];
    for (const fqdn of ordered) {
      const answer = this.answer(fqdn);
      if (answer) return answer;
    }
    return undefined;
  }

  /** CoreDNS's answer for a fully qualified name, or undefined for NXDOMAIN. */
  answer(fqdn: string): DnsAnswer | undefined {
    const suffix = `.${CLUSTER_DOMAIN}`;
    if (!fqdn.endsWith(suffix)) return undefined;
    const labels = fqdn.slice(0, -suffix.length).split('.');
    if (labels.length === 3 && labels[2] === 'pod') return podAnswer(fqdn, labels);
    if (labels[labels.length - 1] !== 'svc') return undefined;
    if (labels.length === 3) return this.serviceAnswer(fqdn, labels[1] ?? '', labels[0] ?? '');
    if (labels.length === 4)
      return this.hostnameAnswer(fqdn, labels[2] ?? '', labels[1] ?? '', labels[0] ?? '');
    return undefined;
  }

  private serviceAnswer(fqdn: string, namespace: string, name: string): DnsAnswer | undefined {
    const svc = this.api.get('services', namespace, name) as (KubeObject & Service) | undefined;
    if (!svc) return undefined;
    const spec = svc.spec ?? {};
    if (spec.type === 'ExternalName') {
      const target = (spec.externalName ?? '').toLowerCase();
      const followed = this.answer(target.replace(/\.$/, ''));
      return { name: fqdn, addresses: followed?.addresses ?? [], canonicalName: target };
    }
    if (spec.clusterIP && spec.clusterIP !== 'None')
      return { name: fqdn, addresses: [spec.clusterIP] };
    const ready = this.endpoints
      .endpointsOf(namespace, name)
      .filter((e) => e.ready || svc.spec?.publishNotReadyAddresses === true);
    if (ready.length === 0) return undefined;
    // The `loadbalance` plugin shuffles A records, so clients spread over the pods.
    const addresses = ready.map((e) => e.ip);
    const start = this.random.int(addresses.length);
    return {
      name: fqdn,
      addresses: [...addresses.slice(start), ...addresses.slice(0, start)],
    };
  }

  /** `<hostname>.<subdomain>.<ns>.svc`: pods (e.g. StatefulSet pods) behind a headless Service. */
  private hostnameAnswer(
    fqdn: string,
    namespace: string,
    subdomain: string,
    hostname: string,
  ): DnsAnswer | undefined {
    const svc = this.api.get('services', namespace, subdomain) as
      (KubeObject & Service) | undefined;
    if (svc?.spec?.clusterIP !== 'None') return undefined;
    for (const obj of this.api.iterate('pods', namespace)) {
      const pod = obj as KubeObject & Pod;
      const podHostname = pod.spec?.hostname ?? pod.metadata.name;
      if (pod.spec?.subdomain !== subdomain || podHostname !== hostname) continue;
      const endpoint = this.endpoints
        .endpointsOf(namespace, subdomain)
        .find((e) => e.podKey === `${namespace}/${pod.metadata.name ?? ''}`);
      const ip = pod.status?.podIP;
      const published = svc.spec.publishNotReadyAddresses === true || endpoint?.ready === true;
      if (ip && published) return { name: fqdn, addresses: [ip] };
    }
    return undefined;
  }
}

/** `10-244-1-5.default.pod.cluster.local` → 10.244.1.5 (pods insecure: any such name answers). */
function podAnswer(fqdn: string, labels: readonly string[]): DnsAnswer | undefined {
  const ip = (labels[0] ?? '').replace(/-/g, '.');
  return isIpv4(ip) ? { name: fqdn, addresses: [ip] } : undefined;
}

export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
