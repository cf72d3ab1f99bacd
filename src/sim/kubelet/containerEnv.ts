/**
 * What a container sees of its pod: environment variables (image defaults, Service links, `env`,
 * `envFrom`, field and key references with `$(VAR)` expansion) and files (`/etc/hostname`,
 * `/etc/hosts`, `/etc/resolv.conf`, ConfigMap and Secret volumes). Mirrors
 * pkg/kubelet/kubelet_pods.go makeEnvironmentVariables and the kubelet's error strings.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { ConfigMap, Container, KubeObject, Pod, Secret, Service } from '../api/types/index.ts';
import { imageBaseName } from './images.ts';

export interface ContainerEnvironment {
  readonly env: Map<string, string>;
  readonly files: Map<string, string>;
}

export const CLUSTER_DNS_IP = '10.96.0.10';
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const IMAGE_ENV: Record<string, readonly [string, string][]> = {
  nginx: [
    ['NGINX_VERSION', '1.27.5'],
    ['NJS_VERSION', '0.8.10'],
    ['NJS_RELEASE', '1~bookworm'],
    ['PKG_RELEASE', '1~bookworm'],
    ['DYNPKG_RELEASE', '1~bookworm'],
  ],
  httpd: [
    ['HTTPD_PREFIX', '/usr/local/apache2'],
    ['HTTPD_VERSION', '2.4.63'],
  ],
  redis: [['REDIS_VERSION', '7.4.2']],
  postgres: [
    ['PG_MAJOR', '17'],
    ['PGDATA', '/var/lib/postgresql/data'],
  ],
  node: [['NODE_VERSION', '22.12.0']],
  python: [['PYTHON_VERSION', '3.13.1']],
};

export class ConfigError extends Error {}

export function hostnameOf(pod: Pod): string {
  return pod.spec?.hostname ?? pod.metadata?.name ?? '';
}

export function containerEnvironment(
  api: ApiServer,
  pod: Pod,
  container: Container,
  podIp: string,
  hostIp: string,
): ContainerEnvironment {
  const namespace = pod.metadata?.namespace ?? 'default';
  const env = new Map<string, string>();
  env.set('PATH', PATH);
  env.set('HOSTNAME', hostnameOf(pod));
  for (const [k, v] of IMAGE_ENV[imageBaseName(container.image ?? '')] ?? []) env.set(k, v);
  const declared = new Map<string, string>();
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = getConfigMap(api, namespace, from.configMapRef.name ?? '');
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw new ConfigError(`configmap "${from.configMapRef.name ?? ''}" not found`);
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) declared.set(prefix + k, v);
    }
    if (from.secretRef) {
      const secret = getSecret(api, namespace, from.secretRef.name ?? '');
      if (!secret) {
        if (from.secretRef.optional) continue;
        throw new ConfigError(`secret "${from.secretRef.name ?? ''}" not found`);
      }
      for (const [k, v] of secretEntries(secret)) declared.set(prefix + k, v);
    }
  }
  for (const item of container.env ?? []) {
    if (item.value !== undefined) {
      declared.set(item.name, expandRefs(item.value, declared));
      continue;
    }
    const from = item.valueFrom;
    if (!from) {
      declared.set(item.name, '');
      continue;
    }
    if (from.fieldRef) {
      declared.set(item.name, fieldValue(pod, from.fieldRef.fieldPath, podIp, hostIp));
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      const cm = getConfigMap(api, namespace, ref.name ?? '');
      if (!cm) {
        if (ref.optional) continue;
        throw new ConfigError(`configmap "${ref.name ?? ''}" not found`);
      }
      const value = cm.data?.[ref.key];
      if (value === undefined) {
        if (ref.optional) continue;
        throw new ConfigError(
          `couldn't find key ${ref.key} in ConfigMap ${namespace}/${ref.name ?? ''}`,
        );
      }
      declared.set(item.name, value);
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const secret = getSecret(api, namespace, ref.name ?? '');
      if (!secret) {
        if (ref.optional) continue;
        throw new ConfigError(`secret "${ref.name ?? ''}" not found`);
      }
      const value = new Map(secretEntries(secret)).get(ref.key);
      if (value === undefined) {
        if (ref.optional) continue;
        throw new ConfigError(
          `couldn't find key ${ref.key} in Secret ${namespace}/${ref.name ?? ''}`,
        );
      }
      declared.set(item.name, value);
    } else if (from.resourceFieldRef) {
      declared.set(item.name, resourceValue(container, from.resourceFieldRef.resource));
    }
  }
  for (const [k, v] of declared) env.set(k, v);
  const links = serviceEnv(api, namespace, pod.spec?.enableServiceLinks === false);
  for (const [k, v] of links) if (!declared.has(k)) env.set(k, v);
  if (!env.has('HOME')) env.set('HOME', '/root');
  return { env, files: containerFiles(api, pod, container, podIp) };
}

function getConfigMap(api: ApiServer, namespace: string, name: string): ConfigMap | undefined {
  return api.get('configmaps', namespace, name) as (KubeObject & ConfigMap) | undefined;
}

function getSecret(api: ApiServer, namespace: string, name: string): Secret | undefined {
  return api.get('secrets', namespace, name) as (KubeObject & Secret) | undefined;
}

function secretEntries(secret: Secret): [string, string][] {
  const out: [string, string][] = Object.entries(secret.data ?? {}).map(([k, v]) => [
    k,
    decodeBase64(v),
  ]);
  for (const [k, v] of Object.entries(secret.stringData ?? {})) out.push([k, v]);
  return out;
}

/** `$(VAR)` references to earlier variables; `$$(VAR)` escapes. */
function expandRefs(value: string, declared: ReadonlyMap<string, string>): string {
  return value.replace(
    /\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
    (match, name: string | undefined) => {
      if (match === '$$') return '$';
      const v = name === undefined ? undefined : declared.get(name);
      return v ?? match;
    },
  );
}

function fieldValue(pod: Pod, path: string, podIp: string, hostIp: string): string {
  const meta = pod.metadata ?? {};
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label)
    return (label[1] === 'labels' ? meta.labels : meta.annotations)?.[label[2] ?? ''] ?? '';
  switch (path) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP':
    case 'status.podIPs':
      return podIp;
    case 'status.hostIP':
    case 'status.hostIPs':
      return hostIp;
    default:
      return '';
  }
}

function resourceValue(container: Container, resource: string): string {
  const [kind = '', name = ''] = resource.split('.');
  const value = (kind === 'limits' ? container.resources?.limits : container.resources?.requests)?.[
    name
  ];
  if (value === undefined) return name === 'cpu' ? '4' : '8589934592';
  return value;
}

/** Docker-link style variables for every Service in the namespace (and the API server). */
function serviceEnv(api: ApiServer, namespace: string, masterOnly = false): [string, string][] {
  const out: [string, string][] = [];
  const services = api.list('services', namespace) as (KubeObject & Service)[];
  const withMaster =
    namespace === 'default'
      ? services
      : [
          ...services,
          ...(api.list('services', 'default') as (KubeObject & Service)[]).filter(
            (s) => s.metadata.name === 'kubernetes',
          ),
        ];
  for (const svc of withMaster) {
    if (masterOnly && svc.metadata.name !== 'kubernetes') continue;
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const prefix = (svc.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
    const ports = svc.spec?.ports ?? [];
    const first = ports[0];
    if (!first) continue;
    out.push([`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(first.port)]);
    for (const p of ports)
      if (p.name)
        out.push([
          `${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`,
          String(p.port),
        ]);
    const proto = (first.protocol ?? 'TCP').toLowerCase();
    out.push([`${prefix}_PORT`, `${proto}://${ip}:${String(first.port)}`]);
    for (const p of ports) {
      const pr = (p.protocol ?? 'TCP').toLowerCase();
      const base = `${prefix}_PORT_${String(p.port)}_${pr.toUpperCase()}`;
      out.push(
        [base, `${pr}://${ip}:${String(p.port)}`],
        [`${base}_PROTO`, pr],
        [`${base}_PORT`, String(p.port)],
        [`${base}_ADDR`, ip],
      );
    }
  }
  return out;
}

function containerFiles(
  api: ApiServer,
  pod: Pod,
  container: Container,
  podIp: string,
): Map<string, string> {
  const namespace = pod.metadata?.namespace ?? 'default';
  const hostname = hostnameOf(pod);
  const files = new Map<string, string>();
  files.set('/etc/hostname', `${hostname}\n`);
  const fqdn = pod.spec?.subdomain
    ? `${hostname}.${pod.spec.subdomain}.${namespace}.svc.cluster.local\t${hostname}`
    : hostname;
  files.set(
    '/etc/hosts',
    `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${podIp}\t${fqdn}\n`,
  );
  files.set(
    '/etc/resolv.conf',
    `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${CLUSTER_DNS_IP}\noptions ndots:5\n`,
  );
  files.set('/etc/os-release', osRelease(container.image ?? ''));
  files.set('/var/run/secrets/kubernetes.io/serviceaccount/namespace', namespace);
  for (const mount of container.volumeMounts ?? []) {
    const volume = (pod.spec?.volumes ?? []).find((v) => v.name === mount.name);
    if (!volume) continue;
    let entries: [string, string][] = [];
    if (volume.configMap)
      entries = Object.entries(
        getConfigMap(api, namespace, volume.configMap.name ?? '')?.data ?? {},
      );
    else if (volume.secret) {
      const secret = getSecret(api, namespace, volume.secret.secretName ?? '');
      entries = secret ? secretEntries(secret) : [];
    }
    const items = volume.configMap?.items ?? volume.secret?.items;
    if (items)
      entries = items.flatMap((it) =>
        entries.filter(([k]) => k === it.key).map(([, v]) => [it.path, v] as [string, string]),
      );
    for (const [key, value] of entries) {
      if (mount.subPath) {
        if (mount.subPath === key) files.set(mount.mountPath, value);
      } else files.set(`${mount.mountPath.replace(/\/$/, '')}/${key}`, value);
    }
  }
  return files;
}

/** The volume that keeps a pod in ContainerCreating, as FailedMount reports it, or undefined. */
export function missingVolume(api: ApiServer, pod: Pod): string | undefined {
  const namespace = pod.metadata?.namespace ?? 'default';
  for (const volume of pod.spec?.volumes ?? []) {
    if (
      volume.configMap &&
      !volume.configMap.optional &&
      !getConfigMap(api, namespace, volume.configMap.name ?? '')
    )
      return `MountVolume.SetUp failed for volume "${volume.name}" : configmap "${volume.configMap.name ?? ''}" not found`;
    if (
      volume.secret &&
      !volume.secret.optional &&
      !getSecret(api, namespace, volume.secret.secretName ?? '')
    )
      return `MountVolume.SetUp failed for volume "${volume.name}" : secret "${volume.secret.secretName ?? ''}" not found`;
  }
  return undefined;
}

function osRelease(image: string): string {
  const base = imageBaseName(image);
  if (base === 'busybox') return 'NAME="BusyBox"\n';
  if (base === 'alpine')
    return 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.2\nPRETTY_NAME="Alpine Linux v3.21"\n';
  if (base === 'ubuntu')
    return 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\n';
  return 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n';
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function decodeBase64(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    buffer = (buffer << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
