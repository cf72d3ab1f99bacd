/**
 * `kubectl get` columns for endpoints, endpointslices, ingresses, ingressclasses,
 * networkpolicies and horizontalpodautoscalers, as pkg/printers/internalversion/printers.go
 * prints them (formatEndpoints, formatDiscoveryPorts/Endpoints, formatHosts, formatHPAMetrics).
 */
import type { KubeObject, LabelSelector } from '../../sim/index.ts';
import { formatLabelSelector, parseRfc3339 } from '../../sim/index.ts';
import { humanDuration } from './humanDuration.ts';

/** The shape of a column set (columns.ts ColumnSet), restated to keep the import one-way. */
interface ColumnSet {
  readonly headers: readonly string[];
  row(obj: KubeObject, now: number): string[];
}

function age(timestamp: string | undefined, now: number): string {
  const t = timestamp ? parseRfc3339(timestamp) : undefined;
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** Up to three items, then `+ N more...`; `<unset>` when empty (listWithMoreString). */
function listWithMore(items: readonly string[], empty: string): string {
  if (items.length === 0) return empty;
  if (items.length <= 3) return items.join(',');
  return `${items.slice(0, 3).join(',')} + ${String(items.length - 3)} more...`;
}

interface EndpointsShape {
  subsets?: { addresses?: { ip: string }[]; ports?: { port: number }[] }[];
}

export function formatEndpoints(obj: KubeObject): string {
  const subsets = (obj as KubeObject & EndpointsShape).subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) if (list.length < 3) list.push(a.ip);
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) if (list.length < 3) list.push(`${a.ip}:${String(port.port)}`);
    }
  }
  const text = list.join(',');
  return count > 3 ? `${text} + ${String(count - 3)} more...` : text;
}

const endpoints: ColumnSet = {
  headers: ['NAME', 'ENDPOINTS', 'AGE'],
  row(obj, now) {
    return [
      obj.metadata.name ?? '',
      formatEndpoints(obj),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

interface SliceShape {
  addressType?: string;
  ports?: { port?: number; name?: string }[];
  endpoints?: { addresses?: string[] }[];
}

const endpointslices: ColumnSet = {
  headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  row(obj, now) {
    const slice = obj as KubeObject & SliceShape;
    const ports = (slice.ports ?? []).map((p) =>
      p.port !== undefined ? String(p.port) : (p.name ?? '*'),
    );
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [
      obj.metadata.name ?? '',
      slice.addressType ?? '',
      listWithMore(ports, '<unset>'),
      listWithMore(addresses, '<unset>'),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

interface IngressShape {
  spec?: { ingressClassName?: string; rules?: { host?: string }[]; tls?: unknown[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

function formatHosts(rules: readonly { host?: string }[]): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${String(rules.length - 3)} more...` : list.join(',');
}

const ingresses: ColumnSet = {
  headers: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
  row(obj, now) {
    const ing = obj as KubeObject & IngressShape;
    const address = (ing.status?.loadBalancer?.ingress ?? [])
      .map((i) => i.ip ?? i.hostname ?? '')
      .join(',');
    return [
      obj.metadata.name ?? '',
      ing.spec?.ingressClassName ?? '<none>',
      formatHosts(ing.spec?.rules ?? []),
      address,
      (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

const ingressclasses: ColumnSet = {
  headers: ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'],
  row(obj, now) {
    const spec = obj.spec as
      { controller?: string; parameters?: { kind?: string; name?: string } } | undefined;
    const params = spec?.parameters
      ? `${spec.parameters.kind ?? ''}/${spec.parameters.name ?? ''}`
      : '<none>';
    return [
      obj.metadata.name ?? '',
      spec?.controller ?? '',
      params,
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

const networkpolicies: ColumnSet = {
  headers: ['NAME', 'POD-SELECTOR', 'AGE'],
  row(obj, now) {
    const selector = (obj.spec as { podSelector?: LabelSelector } | undefined)?.podSelector;
    const text = formatLabelSelector(selector ?? {});
    return [
      obj.metadata.name ?? '',
      text === '' ? '<none>' : text,
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

interface HpaShape {
  spec?: {
    scaleTargetRef?: { kind?: string; name?: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: {
      type: string;
      resource?: { name: string; target: { averageUtilization?: number; averageValue?: string } };
    }[];
  };
  status?: {
    currentReplicas?: number;
    currentMetrics?: {
      resource?: { current?: { averageUtilization?: number; averageValue?: string } };
    }[];
  };
}

export function formatHpaMetrics(hpa: HpaShape): string {
  const specs = hpa.spec?.metrics ?? [];
  const statuses = hpa.status?.currentMetrics ?? [];
  const list = specs.map((spec, i) => {
    const current = statuses[i]?.resource?.current;
    const resource = spec.resource;
    if (spec.type !== 'Resource' || !resource) return `<unknown>/<unknown> (${spec.type})`;
    if (resource.target.averageValue !== undefined)
      return `${resource.name}: ${current?.averageValue ?? '<unknown>'}/${resource.target.averageValue}`;
    const now = current?.averageUtilization;
    const target = resource.target.averageUtilization;
    return `${resource.name}: ${now === undefined ? '<unknown>' : `${String(now)}%`}/${target === undefined ? '<auto>' : `${String(target)}%`}`;
  });
  if (list.length === 0) return '<none>';
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${String(list.length - 2)} more...`;
  return list.join(', ');
}

const horizontalpodautoscalers: ColumnSet = {
  headers: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
  row(obj, now) {
    const hpa = obj as KubeObject & HpaShape;
    const ref = hpa.spec?.scaleTargetRef;
    return [
      obj.metadata.name ?? '',
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHpaMetrics(hpa),
      hpa.spec?.minReplicas === undefined ? '<unset>' : String(hpa.spec.minReplicas),
      String(hpa.spec?.maxReplicas ?? 0),
      String(hpa.status?.currentReplicas ?? 0),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

export const NETWORKING_COLUMN_SETS: Readonly<Record<string, ColumnSet>> = {
  endpoints,
  'endpointslices.discovery.k8s.io': endpointslices,
  'ingresses.networking.k8s.io': ingresses,
  'ingressclasses.networking.k8s.io': ingressclasses,
  'networkpolicies.networking.k8s.io': networkpolicies,
  'horizontalpodautoscalers.autoscaling': horizontalpodautoscalers,
};
