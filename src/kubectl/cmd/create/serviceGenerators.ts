/** `kubectl create service clusterip|nodeport|loadbalancer|externalname` and `create ingress`. */
import { KubectlError } from '../../command.ts';
import { flagInt, flagString, flagStrings, type ParsedArgs } from '../../shell/flags.ts';
import type { Generator } from './generator.ts';
import { explicitNamespace, objectMeta, oneName } from './output.ts';

function intOrString(text: string): number | string {
  return /^[0-9]+$/.test(text) ? Number(text) : text;
}

/** `--tcp=80:8080,443`: port[:targetPort], named `80-8080` or `80` as kubectl names them. */
function parsePorts(text: string[], nodePort: number | undefined): Record<string, unknown>[] {
  return text.map((spec) => {
    const [port = '', target] = spec.split(':');
    const portNumber = Number(port);
    if (!/^[0-9]+$/.test(port) || portNumber < 1 || portNumber > 65535)
      throw new KubectlError(`invalid port: ${spec}`);
    return {
      name: target === undefined ? port : `${port}-${target}`,
      protocol: 'TCP',
      port: portNumber,
      targetPort: intOrString(target ?? port),
      ...(nodePort !== undefined && nodePort > 0 ? { nodePort } : {}),
    };
  });
}

function serviceGenerator(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer'): Generator {
  const sub = type.toLowerCase();
  return {
    name: `service ${sub}`,
    aliases: [`svc ${sub}`],
    flags: [
      { name: 'tcp', type: 'strings' },
      ...(type === 'ClusterIP' ? [{ name: 'clusterip', type: 'string' as const }] : []),
      ...(type === 'NodePort' ? [{ name: 'node-port', type: 'int' as const }] : []),
    ],
    build(_ctx, args) {
      const name = oneName(args, `create service ${sub}`);
      const clusterIP = flagString(args.flags, 'clusterip');
      const tcp = flagStrings(args.flags, 'tcp');
      if (tcp.length === 0 && clusterIP !== 'None')
        throw new KubectlError('at least one tcp port specifier must be provided');
      const labels = { app: name };
      const ports = parsePorts(tcp, flagInt(args.flags, 'node-port'));
      return {
        kind: 'Service',
        apiVersion: 'v1',
        metadata: objectMeta(name, explicitNamespace(args), { labels }),
        spec: {
          ...(ports.length > 0 ? { ports } : {}),
          selector: labels,
          ...(clusterIP !== undefined && clusterIP !== '' ? { clusterIP } : {}),
          type,
        },
        status: { loadBalancer: {} },
      };
    },
  };
}

export const serviceClusterIpGenerator = serviceGenerator('ClusterIP');
export const serviceNodePortGenerator = serviceGenerator('NodePort');
export const serviceLoadBalancerGenerator = serviceGenerator('LoadBalancer');

export const serviceExternalNameGenerator: Generator = {
  name: 'service externalname',
  aliases: ['svc externalname'],
  flags: [
    { name: 'external-name', type: 'string' },
    { name: 'tcp', type: 'strings' },
  ],
  build(_ctx, args) {
    const name = oneName(args, 'create service externalname');
    const external = flagString(args.flags, 'external-name');
    if (external === undefined) throw new KubectlError('required flag(s) "external-name" not set');
    const labels = { app: name };
    const ports = parsePorts(flagStrings(args.flags, 'tcp'), undefined);
    return {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: objectMeta(name, explicitNamespace(args), { labels }),
      spec: {
        ...(ports.length > 0 ? { ports } : {}),
        selector: labels,
        type: 'ExternalName',
        externalName: external,
      },
      status: { loadBalancer: {} },
    };
  },
};

const RULE =
  /^(?<host>[\w*\-.]*)(?<path>\/.*)=(?<service>[\w-]+):(?<port>[\w-]+)(?:,tls=?(?<secret>[\w-]+)?)?$/;
const TLS_ONLY = /,tls=?([\w-]+)?$/;

function backend(service: string, port: string): Record<string, unknown> {
  return {
    service: {
      name: service,
      port: /^[0-9]+$/.test(port) ? { number: Number(port) } : { name: port },
    },
  };
}

interface IngressRule {
  host?: string;
  http: { paths: Record<string, unknown>[] };
}

function buildRules(args: ParsedArgs) {
  const rules: IngressRule[] = [];
  const tls: { hosts?: string[]; secretName?: string }[] = [];
  for (const text of flagStrings(args.flags, 'rule')) {
    const match = RULE.exec(text);
    const g = match?.groups;
    if (!g)
      throw new KubectlError(
        `rule ${text} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`,
      );
    const host = g.host ?? '';
    let path = g.path ?? '/';
    let pathType = 'Exact';
    if (path.endsWith('*')) {
      path = path.slice(0, -1);
      pathType = 'Prefix';
    }
    const entry = { path, pathType, backend: backend(g.service ?? '', g.port ?? '') };
    const existing = rules.find((r) => (r.host ?? '') === host);
    if (existing) existing.http.paths.push(entry);
    else rules.push({ ...(host !== '' ? { host } : {}), http: { paths: [entry] } });
    if (TLS_ONLY.test(text)) {
      const secretName = g.secret;
      const same = tls.find((t) => t.secretName === secretName);
      if (same && host !== '') same.hosts = [...(same.hosts ?? []), host];
      else if (!same)
        tls.push({
          ...(host !== '' ? { hosts: [host] } : {}),
          ...(secretName ? { secretName } : {}),
        });
    }
  }
  return { rules, tls };
}

export const ingressGenerator: Generator = {
  name: 'ingress',
  aliases: ['ing'],
  flags: [
    { name: 'rule', type: 'array' },
    { name: 'class', type: 'string' },
    { name: 'default-backend', type: 'string' },
    { name: 'annotation', type: 'array' },
  ],
  build(_ctx, args) {
    const name = oneName(args, 'create ingress');
    const { rules, tls } = buildRules(args);
    const ingressClassName = flagString(args.flags, 'class');
    const defaultText = flagString(args.flags, 'default-backend');
    let defaultBackend;
    if (defaultText !== undefined) {
      const [service = '', port] = defaultText.split(':');
      if (port === undefined || service === '')
        throw new KubectlError(
          `default-backend should be in format servicename:serviceport (got "${defaultText}")`,
        );
      defaultBackend = backend(service, port);
    }
    const annotations: Record<string, string> = {};
    for (const a of flagStrings(args.flags, 'annotation')) {
      const eq = a.indexOf('=');
      if (eq <= 0)
        throw new KubectlError(`annotation ${a} is invalid and should be in format key=[value]`);
      annotations[a.slice(0, eq)] = a.slice(eq + 1);
    }
    if (rules.length === 0 && !defaultBackend)
      throw new KubectlError(
        'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
      );
    return {
      kind: 'Ingress',
      apiVersion: 'networking.k8s.io/v1',
      metadata: objectMeta(name, explicitNamespace(args), {
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      }),
      spec: {
        ...(ingressClassName ? { ingressClassName } : {}),
        ...(defaultBackend ? { defaultBackend } : {}),
        ...(tls.length > 0 ? { tls } : {}),
        ...(rules.length > 0 ? { rules } : {}),
      },
      status: { loadBalancer: {} },
    };
  },
};
