/**
 * Describers for the configuration, networking, policy and RBAC kinds (describe.go), and the
 * generic describer every other kind falls back to.
 */
import type { KubeObject, Namespace, Service } from '../../sim/index.ts';
import type { DescribeContext } from './context.ts';
import { describeEvents, eventsFor, printAnnotations, printLabels, rfc1123 } from './helpers.ts';
import { selectorString } from './describeWorkloads.ts';
import { PrefixWriter } from './tabWriter.ts';

function base(w: PrefixWriter, obj: KubeObject, withNamespace = true): void {
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  if (withNamespace) w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
}

function events(w: PrefixWriter, obj: KubeObject, ctx: DescribeContext): void {
  if (ctx.showEvents)
    describeEvents(w, eventsFor(ctx.api.list('events', obj.metadata.namespace), obj), ctx.now);
}

function sortedKeys(map: Record<string, unknown> | undefined): string[] {
  return Object.keys(map ?? {}).sort();
}

export function describeNamespace(obj: KubeObject, ctx: DescribeContext): string {
  const ns = obj as Namespace;
  const name = obj.metadata.name ?? '';
  const w = new PrefixWriter();
  w.write(0, `Name:\t${name}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  w.write(0, '\n');
  const quotas = ctx.api.list('resourcequotas', name);
  if (quotas.length === 0) w.write(0, 'No resource quota.\n');
  else {
    w.write(0, 'Resource Quotas\n');
    for (const q of quotas) {
      const status = q.status as
        { hard?: Record<string, string>; used?: Record<string, string> } | undefined;
      w.write(1, `Name:\t${q.metadata.name ?? ''}\n`);
      w.write(1, 'Resource\tUsed\tHard\n');
      w.write(1, '--------\t---\t---\n');
      for (const r of sortedKeys(status?.hard))
        w.write(1, `${r}\t${status?.used?.[r] ?? '0'}\t${status?.hard?.[r] ?? ''}\n`);
    }
  }
  w.write(0, '\n');
  const limits = ctx.api.list('limitranges', name);
  if (limits.length === 0) w.write(0, 'No LimitRange resource.\n');
  else {
    w.write(
      0,
      'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n',
    );
    w.write(
      0,
      ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n',
    );
    for (const lr of limits) {
      const items = (lr.spec as { limits?: Record<string, unknown>[] } | undefined)?.limits ?? [];
      for (const item of items) {
        const pick = (field: string): Record<string, string> =>
          (item[field] ?? {}) as Record<string, string>;
        const names = new Set([
          ...Object.keys(pick('max')),
          ...Object.keys(pick('min')),
          ...Object.keys(pick('default')),
          ...Object.keys(pick('defaultRequest')),
          ...Object.keys(pick('maxLimitRequestRatio')),
        ]);
        for (const k of [...names].sort())
          w.write(
            0,
            ` ${String(item.type)}\t${k}\t${pick('min')[k] ?? '-'}\t${pick('max')[k] ?? '-'}\t${pick('defaultRequest')[k] ?? '-'}\t${pick('default')[k] ?? '-'}\t${pick('maxLimitRequestRatio')[k] ?? '-'}\n`,
          );
      }
    }
  }
  return w.toString();
}

export function describeService(obj: KubeObject, ctx: DescribeContext): string {
  const svc = obj as Service;
  const spec = svc.spec;
  const w = new PrefixWriter();
  base(w, obj);
  const selector = Object.keys(spec?.selector ?? {})
    .sort()
    .map((k) => `${k}=${spec?.selector?.[k] ?? ''}`)
    .join(',');
  w.write(0, `Selector:\t${selector}\n`);
  w.write(0, `Type:\t${spec?.type ?? ''}\n`);
  if (spec?.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  const families = spec?.ipFamilies ?? [];
  w.write(0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec?.clusterIP ?? ''}\n`);
  const ips = spec?.clusterIPs ?? [];
  w.write(0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
  if ((spec?.externalIPs ?? []).length > 0)
    w.write(0, `External IPs:\t${(spec?.externalIPs ?? []).join(',')}\n`);
  if (spec?.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec?.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0)
    w.write(
      0,
      `LoadBalancer Ingress:\t${ingress.map((i) => i.ip ?? i.hostname ?? '').join(', ')}\n`,
    );
  const slices = ctx.api
    .list('endpointslices.discovery.k8s.io', obj.metadata.namespace)
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === obj.metadata.name);
  for (const sp of spec?.ports ?? []) {
    const name = sp.name || '<unset>';
    const protocol = sp.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${String(sp.port)}/${protocol}\n`);
    w.write(0, `TargetPort:\t${String(sp.targetPort ?? sp.port)}/${protocol}\n`);
    if (sp.appProtocol) w.write(0, `AppProtocol:\t${sp.appProtocol}\n`);
    if (sp.nodePort) w.write(0, `NodePort:\t${name}\t${String(sp.nodePort)}/${protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpoints(slices, sp.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec?.sessionAffinity ?? ''}\n`);
  if (spec?.externalTrafficPolicy)
    w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec?.internalTrafficPolicy)
    w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec?.healthCheckNodePort)
    w.write(0, `HealthCheck NodePort:\t${String(spec.healthCheckNodePort)}\n`);
  events(w, obj, ctx);
  return w.toString();
}

interface Slice {
  ports?: { name?: string; port?: number }[];
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[];
}

/** formatEndpointSlices: ready `ip:port` for the named port, three at most then `+ N more...`. */
function formatEndpoints(slices: readonly KubeObject[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const raw of slices) {
    const slice = raw as unknown as Slice;
    for (const port of slice.ports ?? []) {
      if ((port.name ?? '') !== portName) continue;
      for (const ep of slice.endpoints ?? []) {
        if (list.length === 3) more = true;
        if (ep.conditions?.ready === false) continue;
        if (!more) list.push(`${ep.addresses[0] ?? ''}:${String(port.port ?? 0)}`);
        count++;
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${String(count - 3)} more...` : text;
}

export function describeConfigMap(obj: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  base(w, obj);
  const data = (obj.data ?? {}) as Record<string, string>;
  w.write(0, '\nData\n====\n');
  for (const k of sortedKeys(data)) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${data[k] ?? ''}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary = (obj.binaryData ?? {}) as Record<string, string>;
  for (const k of sortedKeys(binary))
    w.write(0, `${k}: ${String(atob(binary[k] ?? '').length)} bytes\n`);
  w.write(0, '\n');
  events(w, obj, ctx);
  return w.toString();
}

export function describeSecret(obj: KubeObject): string {
  const w = new PrefixWriter();
  base(w, obj);
  w.write(0, `\nType:\t${typeof obj.type === 'string' ? obj.type : ''}\n`);
  w.write(0, '\nData\n====\n');
  const data = (obj.data ?? {}) as Record<string, string>;
  for (const k of sortedKeys(data)) {
    let size = 0;
    try {
      size = atob(data[k] ?? '').length;
    } catch {
      size = 0;
    }
    w.write(0, `${k}:\t${String(size)} bytes\n`);
  }
  return w.toString();
}

export function describeServiceAccount(obj: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  base(w, obj);
  const pull = ((obj.imagePullSecrets ?? []) as { name: string }[]).map((s) => s.name);
  if (pull.length === 0) w.write(0, 'Image pull secrets:\t<none>\n');
  else
    pull.forEach((n, i) => {
      w.write(0, `${i === 0 ? 'Image pull secrets:' : '                   '}\t${n}\n`);
    });
  events(w, obj, ctx);
  return w.toString();
}

export function describeIngress(obj: KubeObject, ctx: DescribeContext): string {
  type Backend = { service?: { name: string; port?: { number?: number; name?: string } } };
  const spec = obj.spec as
    | {
        ingressClassName?: string;
        defaultBackend?: Backend;
        tls?: { hosts?: string[]; secretName?: string }[];
        rules?: { host?: string; http?: { paths: { path?: string; backend: Backend }[] } }[];
      }
    | undefined;
  const status = obj.status as
    { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined;
  const ns = obj.metadata.namespace ?? '';
  const backendText = (b: Backend): string => {
    const s = b.service;
    if (!s) return '';
    const port = s.port?.number ? String(s.port.number) : (s.port?.name ?? '');
    const svc = ctx.api.get('services', ns, s.name);
    if (!svc) return `${s.name}:${port} (<error: services "${s.name}" not found>)`;
    const sp = ((svc.spec as Service['spec'])?.ports ?? []).find(
      (p) =>
        (s.port?.number !== undefined && p.port === s.port.number) ||
        (s.port?.name !== undefined && p.name === s.port.name),
    );
    const slices = ctx.api
      .list('endpointslices.discovery.k8s.io', ns)
      .filter((x) => x.metadata.labels?.['kubernetes.io/service-name'] === s.name);
    return `${s.name}:${port} (${formatEndpoints(slices, sp?.name ?? '')})`;
  };
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  w.write(0, `Namespace:\t${ns}\n`);
  w.write(
    0,
    `Address:\t${(status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').join(',')}\n`,
  );
  w.write(0, `Ingress Class:\t${spec?.ingressClassName ?? '<none>'}\n`);
  const def = spec?.defaultBackend ? backendText(spec.defaultBackend) : '<default>';
  w.write(0, `Default backend:\t${def}\n`);
  if ((spec?.tls ?? []).length > 0) {
    w.write(0, 'TLS:\n');
    for (const t of spec?.tls ?? [])
      w.write(
        1,
        t.secretName
          ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n`
          : `SNI routes ${(t.hosts ?? []).join(',')}\n`,
      );
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of spec?.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(1, `${rule.host || '*'}\t\n`);
    for (const p of rule.http.paths) w.write(2, `\t${p.path ?? ''} \t${backendText(p.backend)}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${def}\n`);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  events(w, obj, ctx);
  return w.toString();
}

export function describeHpa(obj: KubeObject, ctx: DescribeContext): string {
  const spec = obj.spec as {
    scaleTargetRef: { kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: {
      type: string;
      resource?: {
        name: string;
        target: { type: string; averageUtilization?: number; averageValue?: string };
      };
    }[];
  };
  const status = obj.status as
    | {
        currentReplicas?: number;
        desiredReplicas?: number;
        currentMetrics?: {
          resource?: {
            name: string;
            current: { averageUtilization?: number; averageValue?: string };
          };
        }[];
        conditions?: { type: string; status: string; reason?: string; message?: string }[];
      }
    | undefined;
  const w = new PrefixWriter();
  base(w, obj);
  w.write(0, `CreationTimestamp:\t${rfc1123(obj.metadata.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${spec.scaleTargetRef.kind}/${spec.scaleTargetRef.name}\n`);
  w.write(0, 'Metrics:\t( current / target )\n');
  (spec.metrics ?? []).forEach((m, i) => {
    if (m.type !== 'Resource' || !m.resource) return;
    const current = status?.currentMetrics?.[i]?.resource?.current;
    if (m.resource.target.type === 'Utilization') {
      const cur =
        current?.averageUtilization !== undefined
          ? `${String(current.averageUtilization)}% (${current.averageValue ?? ''})`
          : '<unknown>';
      w.write(
        1,
        `resource ${m.resource.name} on pods  (as a percentage of request):\t${cur} / ${m.resource.target.averageUtilization === undefined ? '<auto>' : `${String(m.resource.target.averageUtilization)}%`}\n`,
      );
    } else {
      w.write(
        1,
        `resource ${m.resource.name} on pods:\t${current?.averageValue ?? '<unknown>'} / ${m.resource.target.averageValue ?? ''}\n`,
      );
    }
  });
  w.write(
    0,
    `Min replicas:\t${spec.minReplicas === undefined ? '<unset>' : String(spec.minReplicas)}\n`,
  );
  w.write(0, `Max replicas:\t${String(spec.maxReplicas)}\n`);
  w.write(
    0,
    `${spec.scaleTargetRef.kind} pods:\t${String(status?.currentReplicas ?? 0)} current / ${String(status?.desiredReplicas ?? 0)} desired\n`,
  );
  if ((status?.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of status?.conditions ?? [])
      w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  events(w, obj, ctx);
  return w.toString();
}

export function describeRole(obj: KubeObject): string {
  const rules = (obj.rules ?? []) as {
    apiGroups?: string[];
    resources?: string[];
    resourceNames?: string[];
    nonResourceURLs?: string[];
    verbs: string[];
  }[];
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  const rows: string[][] = [];
  for (const r of rules) {
    const groups = r.apiGroups ?? [''];
    for (const res of r.resources ?? ['']) {
      for (const g of groups.length > 0 ? groups : ['']) {
        const [base = '', sub] = res.split('/');
        const combined = res === '' ? '' : `${base}${g ? `.${g}` : ''}${sub ? `/${sub}` : ''}`;
        rows.push([
          combined,
          `[${(r.nonResourceURLs ?? []).join(' ')}]`,
          `[${(r.resourceNames ?? []).join(' ')}]`,
          `[${r.verbs.join(' ')}]`,
        ]);
      }
    }
  }
  rows.sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : (a[0] ?? '') > (b[0] ?? '') ? 1 : 0));
  for (const row of rows) w.write(1, `${row.join('\t')}\n`);
  return w.toString();
}

export function describeBinding(obj: KubeObject): string {
  const ref = obj.roleRef as { kind: string; name: string };
  const subjects = (obj.subjects ?? []) as { kind: string; name: string; namespace?: string }[];
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${ref.kind}\n`);
  w.write(1, `Name:\t${ref.name}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of subjects) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.toString();
}

export function describePriorityClass(obj: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(0, `Value:\t${String(obj.value)}\n`);
  w.write(0, `GlobalDefault:\t${String(obj.globalDefault === true)}\n`);
  w.write(
    0,
    `PreemptionPolicy:\t${typeof obj.preemptionPolicy === 'string' ? obj.preemptionPolicy : ''}\n`,
  );
  w.write(0, `Description:\t${typeof obj.description === 'string' ? obj.description : ''}\n`);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  events(w, obj, ctx);
  return w.toString();
}

export function describePdb(obj: KubeObject, ctx: DescribeContext): string {
  const spec = obj.spec as {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    selector?: Parameters<typeof selectorString>[0];
  };
  const status = obj.status as
    | {
        disruptionsAllowed?: number;
        currentHealthy?: number;
        desiredHealthy?: number;
        expectedPods?: number;
      }
    | undefined;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  if (spec.minAvailable !== undefined) w.write(0, `Min available:\t${String(spec.minAvailable)}\n`);
  if (spec.maxUnavailable !== undefined)
    w.write(0, `Max unavailable:\t${String(spec.maxUnavailable)}\n`);
  w.write(
    0,
    `Selector:\t${spec.selector ? selectorString(spec.selector) || '<unset>' : '<unset>'}\n`,
  );
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${String(status?.disruptionsAllowed ?? 0)}\n`);
  w.write(2, `Current:\t${String(status?.currentHealthy ?? 0)}\n`);
  w.write(2, `Desired:\t${String(status?.desiredHealthy ?? 0)}\n`);
  w.write(2, `Total:\t${String(status?.expectedPods ?? 0)}\n`);
  events(w, obj, ctx);
  return w.toString();
}

export function describeQuota(obj: KubeObject): string {
  const status = obj.status as
    { hard?: Record<string, string>; used?: Record<string, string> } | undefined;
  const scopes = ((obj.spec as { scopes?: string[] } | undefined)?.scopes ?? []).slice().sort();
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  if (scopes.length > 0) w.write(0, `Scopes:\t${scopes.join(', ')}\n`);
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  for (const r of sortedKeys(status?.hard))
    w.write(0, `${r}\t${status?.used?.[r] ?? '0'}\t${status?.hard?.[r] ?? ''}\n`);
  return w.toString();
}

export function describePvc(obj: KubeObject, ctx: DescribeContext): string {
  const spec = obj.spec as
    | {
        storageClassName?: string;
        volumeName?: string;
        volumeMode?: string;
        resources?: { requests?: { storage?: string } };
      }
    | undefined;
  const status = obj.status as
    { phase?: string; accessModes?: string[]; capacity?: { storage?: string } } | undefined;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(0, `StorageClass:\t${spec?.storageClassName ?? ''}\n`);
  w.write(0, `Status:\t${status?.phase ?? ''}\n`);
  w.write(0, `Volume:\t${spec?.volumeName ?? ''}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `Finalizers:\t[${(obj.metadata.finalizers ?? []).join(' ')}]\n`);
  const bound = Boolean(spec?.volumeName);
  w.write(0, `Capacity:\t${bound ? (status?.capacity?.storage ?? '') : ''}\n`);
  w.write(
    0,
    `Access Modes:\t${bound ? (status?.accessModes ?? []).map(shortAccessMode).join(',') : ''}\n`,
  );
  if (spec?.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  const users = ctx.api
    .list('pods', obj.metadata.namespace)
    .filter((p) =>
      (
        (p.spec as { volumes?: { persistentVolumeClaim?: { claimName: string } }[] } | undefined)
          ?.volumes ?? []
      ).some((v) => v.persistentVolumeClaim?.claimName === obj.metadata.name),
    )
    .map((p) => p.metadata.name ?? '')
    .sort();
  w.write(0, 'Used By:\t');
  if (users.length === 0) w.write(0, '<none>\n');
  else
    users.forEach((u, i) => {
      w.write(0, `${i === 0 ? '' : '\t'}${u}\n`);
    });
  events(w, obj, ctx);
  return w.toString();
}

function shortAccessMode(mode: string): string {
  return (
    (
      {
        ReadWriteOnce: 'RWO',
        ReadOnlyMany: 'ROX',
        ReadWriteMany: 'RWX',
        ReadWriteOncePod: 'RWOP',
      } as Record<string, string>
    )[mode] ?? mode
  );
}

/** smartLabelFor: `podCIDR` → `Pod CIDR`, `nodeName` → `Node Name`. */
function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|-/g) ?? [field];
  return parts
    .filter((p) => p !== '_')
    .map((p) =>
      ['API', 'URL', 'UID', 'GUID'].includes(p.toUpperCase())
        ? p.toUpperCase()
        : p === p.toLowerCase()
          ? p.charAt(0).toUpperCase() + p.slice(1)
          : p,
    )
    .join(' ');
}

function printContent(
  w: PrefixWriter,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
  skip: readonly string[],
): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (skip.includes(path)) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object')
          printContent(w, level + 1, child as Record<string, unknown>, path, skip);
        else w.write(level + 1, `${String(child)}\n`);
      }
    } else if (value !== null && typeof value === 'object') {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path, skip);
    } else
      w.write(level, `${smartLabel(field)}:\t${value === null ? '<nil>' : scalarText(value)}\n`);
  }
}

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** genericDescriber: every field of the object, for kinds without a dedicated describer. */
export function describeGeneric(obj: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  printContent(w, 0, obj, '', [
    '.metadata.managedFields',
    '.metadata.name',
    '.metadata.namespace',
    '.metadata.labels',
    '.metadata.annotations',
  ]);
  events(w, obj, ctx);
  return w.toString();
}

/** describeEndpoints: each subset's ready and not-ready addresses and its ports. */
export function describeEndpoints(obj: KubeObject, ctx: DescribeContext): string {
  const subsets = (obj.subsets ?? []) as {
    addresses?: { ip: string }[];
    notReadyAddresses?: { ip: string }[];
    ports?: { name?: string; port: number; protocol?: string }[];
  }[];
  const w = new PrefixWriter();
  base(w, obj);
  w.write(0, 'Subsets:\n');
  for (const subset of subsets) {
    const ready = (subset.addresses ?? []).map((a) => a.ip).join(',');
    const notReady = (subset.notReadyAddresses ?? []).map((a) => a.ip).join(',');
    w.write(1, `Addresses:\t${ready || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
    if ((subset.ports ?? []).length > 0) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of subset.ports ?? [])
        w.write(2, `${p.name || '<unset>'}\t${String(p.port)}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(0, '\n');
  }
  events(w, obj, ctx);
  return w.toString();
}
