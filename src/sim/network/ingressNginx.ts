/**
 * Routing as ingress-nginx does it: one nginx server per host (exact host, then a `*.domain`
 * wildcard one label deep, then the catch-all server of rules without a host), and inside it the
 * longest matching path, Exact before Prefix at equal length; Prefix matches whole path elements,
 * ImplementationSpecific is nginx's plain prefix. No match → the Ingress `defaultBackend`, else
 * the controller's own 404. Docs: ingress.md (path types, multiple matches, wildcards).
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject } from '../api/types/index.ts';

export const INGRESS_CLASS = 'nginx';
export const INGRESS_CONTROLLER = 'k8s.io/ingress-nginx';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export interface IngressBackend {
  readonly service?: { name?: string; port?: { number?: number; name?: string } };
}
interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: IngressBackend;
}
interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  rules?: { host?: string; http?: { paths?: IngressPath[] } }[];
}

export interface IngressRoute {
  /** The Ingress whose rule (or default backend) matched, undefined for the controller's 404. */
  readonly ingress?: KubeObject;
  readonly namespace: string;
  readonly backend?: IngressBackend;
  readonly matchedPath?: string;
}

/** Ingresses this controller serves: its class by name, the legacy annotation, or the default class. */
export function servedIngresses(api: ApiServer): KubeObject[] {
  const classes = new Map<string, KubeObject>();
  for (const cls of api.iterate('ingressclasses.networking.k8s.io'))
    classes.set(cls.metadata.name ?? '', cls);
  const ours = (name: string | undefined): boolean =>
    name !== undefined &&
    (classes.get(name)?.spec as { controller?: string } | undefined)?.controller ===
      INGRESS_CONTROLLER;
  const defaultIsOurs = [...classes.values()].some(
    (cls) =>
      cls.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' && ours(cls.metadata.name),
  );
  return api.list('ingresses.networking.k8s.io').filter((ing) => {
    const className = (ing.spec as IngressSpec | undefined)?.ingressClassName;
    const annotation = ing.metadata.annotations?.['kubernetes.io/ingress.class'];
    if (className !== undefined) return ours(className);
    if (annotation !== undefined) return annotation === INGRESS_CLASS;
    return defaultIsOurs;
  });
}

export function hostMatches(ruleHost: string, host: string): boolean {
  if (!ruleHost.startsWith('*.')) return ruleHost === host;
  const suffix = ruleHost.slice(1);
  if (!host.endsWith(suffix)) return false;
  const head = host.slice(0, -suffix.length);
  return head.length > 0 && !head.includes('.');
}

export function pathMatches(pathType: string, rulePath: string, path: string): boolean {
  if (pathType === 'Exact') return path === rulePath;
  if (pathType === 'ImplementationSpecific') return path.startsWith(rulePath);
  const base = rulePath.replace(/\/+$/, '');
  if (base === '') return true;
  return path === base || path.startsWith(`${base}/`);
}

export function routeIngress(api: ApiServer, host: string, path: string): IngressRoute {
  const ingresses = servedIngresses(api).sort(byCreation);
  const name = host.toLowerCase().replace(/:\d+$/, '');
  const hosts = ingresses.flatMap((ing) =>
    ((ing.spec as IngressSpec | undefined)?.rules ?? []).map((r) => (r.host ?? '').toLowerCase()),
  );
  const server =
    hosts.find((h) => h !== '' && !h.startsWith('*.') && h === name) ??
    hosts.find((h) => h.startsWith('*.') && hostMatches(h, name)) ??
    '';
  let best: { ingress: KubeObject; path: IngressPath; length: number; exact: boolean } | undefined;
  for (const ingress of ingresses) {
    for (const rule of (ingress.spec as IngressSpec | undefined)?.rules ?? []) {
      if ((rule.host ?? '').toLowerCase() !== server) continue;
      for (const p of rule.http?.paths ?? []) {
        const rulePath = p.path ?? '/';
        if (!pathMatches(p.pathType ?? 'Prefix', rulePath, path)) continue;
        const candidate = {
          ingress,
          path: p,
          length: rulePath.length,
          exact: p.pathType === 'Exact',
        };
        if (
          !best ||
          candidate.length > best.length ||
          (candidate.length === best.length && candidate.exact && !best.exact)
        )
          best = candidate;
      }
    }
  }
  if (best?.path.backend)
    return {
      ingress: best.ingress,
      namespace: best.ingress.metadata.namespace ?? 'default',
      backend: best.path.backend,
      matchedPath: best.path.path ?? '/',
    };
  const fallback = ingresses.find((ing) => (ing.spec as IngressSpec | undefined)?.defaultBackend);
  const defaultBackend = (fallback?.spec as IngressSpec | undefined)?.defaultBackend;
  if (fallback && defaultBackend)
    return {
      ingress: fallback,
      namespace: fallback.metadata.namespace ?? 'default',
      backend: defaultBackend,
    };
  return { namespace: '' };
}

function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
  const nb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
  return na < nb ? -1 : na > nb ? 1 : 0;
}
