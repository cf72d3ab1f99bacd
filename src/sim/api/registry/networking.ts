/**
 * Strategies for networking kinds: Ingress, IngressClass, NetworkPolicy (networking.k8s.io/v1),
 * EndpointSlice (discovery.k8s.io/v1) and the kube-proxy configuration object. Defaults mirror
 * pkg/apis/networking/v1/defaults.go; validation covers the errors learners hit most.
 */
import type { FieldError } from '../statusErrors.ts';
import type { KubeObject } from '../types/index.ts';
import type { ResourceStrategy } from './strategy.ts';

interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: { service?: { name?: string; port?: { number?: number; name?: string } } };
}
interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: unknown;
  rules?: { host?: string; http?: { paths?: IngressPath[] } }[];
}

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];

export const ingressStrategy: ResourceStrategy = {
  hasStatusSubresource: true,
  defaults(obj) {
    obj.spec ??= {};
  },
  prepareForCreate(obj) {
    obj.status = { loadBalancer: {} };
  },
  validate(obj) {
    const spec = (obj.spec ?? {}) as IngressSpec;
    const errors: FieldError[] = [];
    const rules = spec.rules ?? [];
    if (rules.length === 0 && !spec.defaultBackend)
      errors.push({
        field: 'spec.rules',
        type: 'Required value',
        detail: 'either `defaultBackend` or `rules` must be specified',
      });
    rules.forEach((rule, r) => {
      (rule.http?.paths ?? []).forEach((path, p) => {
        const at = `spec.rules[${String(r)}].http.paths[${String(p)}]`;
        if (path.pathType === undefined)
          errors.push({
            field: `${at}.pathType`,
            type: 'Required value',
            detail: 'pathType must be specified',
          });
        else if (!PATH_TYPES.includes(path.pathType))
          errors.push({
            field: `${at}.pathType`,
            type: 'Unsupported value',
            value: path.pathType,
            detail: 'supported values: "Exact", "ImplementationSpecific", "Prefix"',
          });
        if (path.pathType !== 'ImplementationSpecific' && !(path.path ?? '').startsWith('/'))
          errors.push({
            field: `${at}.path`,
            type: 'Invalid value',
            value: path.path ?? '',
            detail: 'must be an absolute path',
          });
        const port = path.backend?.service?.port;
        if (path.backend?.service && !port?.number && !port?.name)
          errors.push({
            field: `${at}.backend.service.port`,
            type: 'Invalid value',
            value: '',
            detail: 'port name or number is required',
          });
      });
    });
    return errors;
  },
};

export const ingressClassStrategy: ResourceStrategy = {
  hasStatusSubresource: false,
  validate(obj) {
    const controller = (obj.spec as { controller?: string } | undefined)?.controller;
    return controller ? [] : [{ field: 'spec.controller', type: 'Required value' }];
  },
};

interface PolicyPort {
  protocol?: string;
  port?: number | string;
}
interface NetworkPolicySpec {
  podSelector?: unknown;
  policyTypes?: string[];
  ingress?: { ports?: PolicyPort[] }[];
  egress?: { ports?: PolicyPort[] }[];
}

export const networkPolicyStrategy: ResourceStrategy = {
  hasStatusSubresource: false,
  defaults(obj) {
    const spec = (obj.spec ??= {}) as NetworkPolicySpec;
    for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])])
      for (const port of rule.ports ?? []) port.protocol ??= 'TCP';
    if (!spec.policyTypes || spec.policyTypes.length === 0) {
      spec.policyTypes = ['Ingress', ...((spec.egress ?? []).length > 0 ? ['Egress'] : [])];
    }
  },
  validate(obj) {
    const spec = (obj.spec ?? {}) as NetworkPolicySpec;
    const errors: FieldError[] = [];
    if (spec.podSelector === undefined)
      errors.push({ field: 'spec.podSelector', type: 'Required value' });
    (spec.policyTypes ?? []).forEach((type, i) => {
      if (type !== 'Ingress' && type !== 'Egress')
        errors.push({
          field: `spec.policyTypes[${String(i)}]`,
          type: 'Unsupported value',
          value: type,
          detail: 'supported values: "Egress", "Ingress"',
        });
    });
    return errors;
  },
};

export const endpointSliceStrategy: ResourceStrategy = { hasStatusSubresource: false };

export const KUBE_PROXY_MODES = ['iptables', 'ipvs', 'nftables'];
export const IPVS_SCHEDULERS = [
  'rr',
  'wrr',
  'lc',
  'wlc',
  'lblc',
  'lblcr',
  'sh',
  'dh',
  'sed',
  'nq',
  'mh',
];

/**
 * KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1). A real file has no metadata; the
 * playground stores it as a cluster-scoped object named `kube-proxy` unless it is given a name.
 * Validation words follow pkg/proxy/apis/config/validation (validateProxyMode, scheduler check).
 */
export const kubeProxyConfigurationStrategy: ResourceStrategy = {
  hasStatusSubresource: false,
  defaults(obj) {
    if (!obj.metadata.name) obj.metadata.name = 'kube-proxy';
    obj.mode ??= '';
  },
  validate(obj: KubeObject) {
    const errors: FieldError[] = [];
    const mode = obj.mode as string;
    if (mode !== '' && !KUBE_PROXY_MODES.includes(mode))
      errors.push({
        field: 'KubeProxyConfiguration.ProxyMode',
        type: 'Invalid value',
        value: mode,
        detail:
          'must be iptables,ipvs,nftables or blank (blank means the best-available proxy [currently iptables])',
      });
    const scheduler = (obj.ipvs as { scheduler?: string } | undefined)?.scheduler ?? '';
    if (scheduler !== '' && !IPVS_SCHEDULERS.includes(scheduler))
      errors.push({
        field: 'KubeProxyConfiguration.KubeProxyIPVSConfiguration.Scheduler',
        type: 'Invalid value',
        value: scheduler,
        detail:
          'must be in [rr wrr lc wlc lblc lblcr sh dh sed nq mh], blank means the default algorithm method (currently rr)',
      });
    return errors;
  },
};
