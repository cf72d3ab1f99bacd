/**
 * `kubectl expose`: a Service for a Deployment, ReplicaSet, Pod, Service or ReplicationController,
 * taking its selector and ports from the object as kubectl's expose does (pkg/cmd/expose).
 */
import type { KubeObject } from '../../sim/index.ts';
import { qualifiedResource } from '../../sim/index.ts';
import { KubectlError, type Command } from '../command.ts';
import { resolveResource } from '../resources.ts';
import { flagString, flagStrings } from '../shell/flags.ts';
import { emitObject, explicitNamespace, OUTPUT_FLAGS, parsePairs } from './create/output.ts';

interface PortSpec {
  readonly containerPort?: number;
  readonly protocol?: string;
  readonly name?: string;
}

interface Exposable {
  readonly selector: Record<string, string>;
  readonly ports: readonly PortSpec[];
  readonly labels: Record<string, string> | undefined;
}

function templatePorts(template: { spec?: { containers?: { ports?: PortSpec[] }[] } } | undefined) {
  return (template?.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
}

function introspect(resource: string, obj: KubeObject): Exposable {
  const labels = obj.metadata.labels;
  const spec = obj.spec as Record<string, unknown> | undefined;
  if (resource === 'pods') {
    const containers = (spec?.containers ?? []) as { ports?: PortSpec[] }[];
    return {
      selector: { ...(labels ?? {}) },
      ports: containers.flatMap((c) => c.ports ?? []),
      labels,
    };
  }
  if (resource === 'services') {
    const ports = ((spec?.ports ?? []) as { port: number; protocol?: string; name?: string }[]).map(
      (p) => ({
        containerPort: p.port,
        ...(p.protocol ? { protocol: p.protocol } : {}),
        ...(p.name ? { name: p.name } : {}),
      }),
    );
    return { selector: (spec?.selector ?? {}) as Record<string, string>, ports, labels };
  }
  if (resource === 'replicationcontrollers') {
    return {
      selector: (spec?.selector ?? {}) as Record<string, string>,
      ports: templatePorts(spec?.template as never),
      labels,
    };
  }
  const selector = spec?.selector as
    { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
  if ((selector?.matchExpressions ?? []).length > 0)
    throw new KubectlError(
      `couldn't retrieve selectors via --selector flag or introspection: the ${obj.kind} uses matchExpressions, which expose cannot turn into a Service selector`,
    );
  return {
    selector: selector?.matchLabels ?? {},
    ports: templatePorts(spec?.template as never),
    labels,
  };
}

const EXPOSABLE = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'deployments.apps',
  'replicasets.apps',
]);

function intOrString(text: string): number | string {
  return /^[0-9]+$/.test(text) ? Number(text) : text;
}

export const exposeCommand: Command = {
  name: 'expose',
  flags: [
    ...OUTPUT_FLAGS,
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(ctx, args) {
    if (flagStrings(args.flags, 'filename').length > 0)
      throw new KubectlError(
        'Kubeplay does not simulate expose -f yet: name the object instead (kubectl expose deployment web --port=80)',
      );
    const [first, second] = args.positional;
    if (first === undefined)
      throw new KubectlError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    const [typeText, name] = first.includes('/') ? first.split('/') : [first, second];
    if (name === undefined)
      throw new KubectlError('resource(s) were provided, but no name was specified');
    const type = resolveResource(typeText);
    const resource = qualifiedResource(type);
    if (!EXPOSABLE.has(resource))
      throw new KubectlError(`cannot expose a ${type.kind}.${type.group === '' ? '' : type.group}`);
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    const obj = ctx.cluster.api.get(resource, type.namespaced ? namespace : '', name);
    if (!obj) {
      ctx.err(`Error from server (NotFound): ${resource} "${name}" not found\n`);
      return 1;
    }
    const found = introspect(resource, obj);
    const selectorText = flagString(args.flags, 'selector');
    const selector =
      selectorText === undefined ? found.selector : parsePairs(selectorText, 'selector');
    if (Object.keys(selector).length === 0)
      throw new KubectlError("couldn't retrieve selectors via --selector flag or introspection");
    const portText = flagString(args.flags, 'port');
    const target = flagString(args.flags, 'target-port');
    const protocol = flagString(args.flags, 'protocol');
    const sources: PortSpec[] =
      portText !== undefined
        ? portText.split(',').map((p) => ({ containerPort: Number(p) }))
        : found.ports.map((p) => ({ ...p }));
    if (sources.length === 0)
      throw new KubectlError("couldn't find port via --port flag or introspection");
    const ports = sources.map((p, i) => ({
      ...(sources.length > 1 ? { name: p.name ?? `port-${String(i + 1)}` } : {}),
      protocol: protocol ?? p.protocol ?? 'TCP',
      port: p.containerPort ?? 0,
      targetPort: target !== undefined ? intOrString(target) : (p.containerPort ?? 0),
    }));
    const labelsText = flagString(args.flags, 'labels');
    const labels = labelsText !== undefined ? parsePairs(labelsText, 'label') : found.labels;
    const serviceType = flagString(args.flags, 'type');
    const clusterIP = flagString(args.flags, 'cluster-ip');
    const externalIp = flagString(args.flags, 'external-ip');
    const affinity = flagString(args.flags, 'session-affinity');
    const service = {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: {
        name: flagString(args.flags, 'name') ?? name,
        ...(explicitNamespace(args) !== undefined ? { namespace: explicitNamespace(args) } : {}),
        creationTimestamp: null,
        ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
      },
      spec: {
        ports,
        selector,
        ...(clusterIP ? { clusterIP } : {}),
        ...(serviceType ? { type: serviceType } : {}),
        ...(externalIp ? { externalIPs: externalIp.split(',') } : {}),
        ...(affinity ? { sessionAffinity: affinity } : {}),
      },
      status: { loadBalancer: {} },
    } as unknown as KubeObject;
    return emitObject(ctx, args, service, { verb: 'exposed' });
  },
};
