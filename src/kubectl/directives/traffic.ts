/**
 * The `traffic` directive: steady request flows to a Service or through an Ingress, and the
 * per-pod counts of what each Service delivered.
 *   traffic <service> --rps N [--duration D] [--clients C] [--path P] [--via clusterip|nodeport|loadbalancer] [-n ns]
 *   traffic ingress/<name> --host H --path P --rps N [--duration D] [--clients C]
 *   traffic stop <target>
 *   traffic stats <service> [-n ns] [-o json]
 *   traffic rules <service>   (what kube-proxy programmed: iptables-save, ipvsadm -Ln or nft)
 *   traffic            (lists running flows)
 */
import {
  INGRESS_ADDRESS,
  renderProxyRules,
  type KubeObject,
  type Service,
} from '../../sim/index.ts';
import { KubectlError, type Command, type CommandContext } from '../command.ts';
import { humanDuration } from '../printers/humanDuration.ts';
import { formatTable } from '../printers/table.ts';
import { flagInt, flagString, type ParsedArgs } from '../shell/flags.ts';
import { parseDuration } from './duration.ts';

const USAGE =
  'usage: traffic <service> --rps N [--duration D] [--clients C] [--path P] [-n ns] | traffic ingress/<name> --host H --path P --rps N [--duration D] | traffic stop <target> | traffic stats <service> [-o json]';

export const trafficDirective: Command = {
  name: 'traffic',
  flags: [
    { name: 'rps', type: 'string' },
    { name: 'duration', type: 'string' },
    { name: 'clients', type: 'int' },
    { name: 'host', type: 'string' },
    { name: 'path', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'via', type: 'string' },
  ],
  run(ctx, args) {
    const [first, second, ...rest] = args.positional;
    if (first === undefined) return listFlows(ctx);
    if (first === 'stop' && second !== undefined && rest.length === 0)
      return stopFlow(ctx, args, second);
    if (first === 'stats' && second !== undefined && rest.length === 0)
      return printStats(ctx, args, second);
    if (first === 'rules' && second !== undefined && rest.length === 0)
      return printRules(ctx, args, second);
    if (second !== undefined) throw new KubectlError(USAGE);
    return startFlow(ctx, args, first);
  },
};

function namespaceOf(ctx: CommandContext, args: ParsedArgs): string {
  return flagString(args.flags, 'namespace') ?? ctx.namespace;
}

/** `web`, `svc/web`, `service/web` → service web; `ingress/web`, `ing/web` → ingress web. */
function parseTarget(text: string): { kind: 'service' | 'ingress'; name: string } {
  const slash = text.indexOf('/');
  if (slash < 0) return { kind: 'service', name: text };
  const type = text.slice(0, slash);
  const name = text.slice(slash + 1);
  if (['svc', 'service', 'services'].includes(type)) return { kind: 'service', name };
  if (['ing', 'ingress', 'ingresses'].includes(type)) return { kind: 'ingress', name };
  throw new KubectlError(`traffic goes to a Service or an Ingress, not to "${type}"`);
}

function startFlow(ctx: CommandContext, args: ParsedArgs, text: string): number {
  const target = parseTarget(text);
  const namespace = namespaceOf(ctx, args);
  const rpsText = flagString(args.flags, 'rps');
  const rps = rpsText === undefined ? NaN : Number(rpsText);
  if (!Number.isFinite(rps) || rps <= 0)
    throw new KubectlError(
      `traffic needs --rps with a number of requests a second above 0\n${USAGE}`,
    );
  const durationText = flagString(args.flags, 'duration');
  const durationMs = durationText === undefined ? undefined : parseDuration(durationText);
  if (durationText !== undefined && (durationMs === undefined || durationMs <= 0))
    throw new KubectlError(
      `invalid --duration "${durationText}": use a duration such as 30s, 5m or 1h`,
    );
  const clients = flagInt(args.flags, 'clients') ?? 1;
  if (clients < 1 || clients > 1000) throw new KubectlError('--clients must be between 1 and 1000');
  const path = flagString(args.flags, 'path') ?? '/';
  if (!path.startsWith('/')) throw new KubectlError(`--path must start with "/" (got "${path}")`);
  const api = ctx.cluster.api;
  let url: string;
  let hostHeader: string | undefined;
  let label: string;
  if (target.kind === 'service') {
    const svc = api.get('services', namespace, target.name) as (KubeObject & Service) | undefined;
    if (!svc)
      throw new KubectlError(`services "${target.name}" not found in namespace "${namespace}"`);
    url = serviceUrl(ctx, svc, flagString(args.flags, 'via') ?? 'clusterip', path);
    label = `service/${target.name}`;
  } else {
    if (!api.get('ingresses.networking.k8s.io', namespace, target.name))
      throw new KubectlError(
        `ingresses.networking.k8s.io "${target.name}" not found in namespace "${namespace}"`,
      );
    hostHeader = flagString(args.flags, 'host') ?? INGRESS_ADDRESS;
    url = `http://${INGRESS_ADDRESS}${path}`;
    label = `ingress/${target.name}`;
  }
  ctx.cluster.traffic.start({
    target: label,
    namespace,
    url,
    ...(hostHeader !== undefined ? { hostHeader } : {}),
    rps,
    clients,
    ...(durationMs !== undefined ? { durationMs } : {}),
  });
  const who = `${String(clients)} client${clients === 1 ? '' : 's'}`;
  const how =
    durationMs === undefined ? `until "traffic stop ${label}"` : `for ${humanDuration(durationMs)}`;
  const via = hostHeader !== undefined ? ` (Host: ${hostHeader}, path ${path})` : '';
  ctx.out(`traffic to ${label} started: ${String(rps)} requests/s from ${who}${via}, ${how}\n`);
  return 0;
}

/** Where the clients connect: the Service name (ClusterIP), a node's NodePort, or the LB address. */
function serviceUrl(
  ctx: CommandContext,
  svc: KubeObject & Service,
  via: string,
  path: string,
): string {
  const port = svc.spec?.ports?.[0];
  const name = `${svc.metadata.name ?? ''}.${svc.metadata.namespace ?? ''}.svc.cluster.local`;
  if (via === 'clusterip') return `http://${name}:${String(port?.port ?? 80)}${path}`;
  if (via === 'nodeport') {
    if (!port?.nodePort)
      throw new KubectlError(
        `service/${svc.metadata.name ?? ''} has no NodePort (type ${svc.spec?.type ?? 'ClusterIP'})`,
      );
    const node = ctx.cluster.api
      .list('nodes')
      .find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] === undefined);
    const address = (
      node?.status as { addresses?: { type: string; address: string }[] } | undefined
    )?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    return `http://${address ?? '172.18.0.3'}:${String(port.nodePort)}${path}`;
  }
  if (via === 'loadbalancer') {
    const ip = svc.status?.loadBalancer?.ingress?.[0]?.ip;
    if (!ip)
      throw new KubectlError(
        `service/${svc.metadata.name ?? ''} has no external address yet (EXTERNAL-IP <pending>)`,
      );
    return `http://${ip}:${String(port?.port ?? 80)}${path}`;
  }
  throw new KubectlError(`--via must be clusterip, nodeport or loadbalancer (got "${via}")`);
}

function stopFlow(ctx: CommandContext, args: ParsedArgs, text: string): number {
  const target = parseTarget(text);
  const label = `${target.kind}/${target.name}`;
  const flow = ctx.cluster.traffic.stop(namespaceOf(ctx, args), label);
  if (!flow) throw new KubectlError(`no traffic is running to ${label}`);
  const ran = humanDuration((flow.stoppedMs ?? ctx.cluster.now()) - flow.startedMs);
  ctx.out(
    `traffic to ${label} stopped after ${ran}: ${String(flow.sent)} requests, ${String(flow.answered)} answered${failures(flow.failed, flow.errors)}\n`,
  );
  return 0;
}

function failures(failed: number, errors: ReadonlyMap<string, number>): string {
  if (failed === 0) return '';
  const detail = [...errors.entries()].map(([error, n]) => `${error}: ${String(n)}`).join(', ');
  return `, ${String(failed)} failed${detail ? ` (${detail})` : ''}`;
}

function listFlows(ctx: CommandContext): number {
  const flows = ctx.cluster.traffic.list();
  if (flows.length === 0) {
    ctx.out('No traffic is running.\n');
    return 0;
  }
  const now = ctx.cluster.now();
  const rows = [
    ['NAMESPACE', 'TARGET', 'RPS', 'CLIENTS', 'SENT', 'ANSWERED', 'FAILED', 'AGE'],
    ...flows.map((f) => [
      f.spec.namespace,
      f.spec.target,
      String(f.spec.rps),
      String(f.spec.clients),
      String(f.sent),
      String(f.answered),
      String(f.failed),
      humanDuration(now - f.startedMs),
    ]),
  ];
  ctx.out(formatTable(rows));
  return 0;
}

function printStats(ctx: CommandContext, args: ParsedArgs, text: string): number {
  const target = parseTarget(text);
  if (target.kind !== 'service')
    throw new KubectlError('traffic stats counts what a Service delivered: name a Service');
  const namespace = namespaceOf(ctx, args);
  const svc = ctx.cluster.api.get('services', namespace, target.name);
  if (!svc)
    throw new KubectlError(`services "${target.name}" not found in namespace "${namespace}"`);
  const stats = ctx.cluster.network.stats.of(svc);
  const output = flagString(args.flags, 'output');
  if (output === 'json') {
    ctx.out(`${JSON.stringify(stats)}\n`);
    return 0;
  }
  if (output !== undefined)
    throw new KubectlError(`traffic stats prints a table or -o json, not "${output}"`);
  const failed = ctx.cluster.network.stats.failuresOf(svc);
  const failedTotal = Object.values(failed).reduce((a, b) => a + b, 0);
  if (stats.total === 0) ctx.out(`No requests have reached service/${target.name} yet.\n`);
  else {
    const rows = [
      ['POD', 'REQUESTS', 'SHARE'],
      ...Object.entries(stats.pods).map(([pod, n]) => [pod, String(n), share(n, stats.total)]),
      ['TOTAL', String(stats.total), '100%'],
    ];
    ctx.out(formatTable(rows));
  }
  if (failedTotal > 0) {
    const detail = Object.entries(failed)
      .map(([error, n]) => `${error}: ${String(n)}`)
      .join(', ');
    ctx.out(`${String(failedTotal)} requests got no answer (${detail})\n`);
  }
  return 0;
}

function share(n: number, total: number): string {
  return `${(Math.round((n / total) * 1000) / 10).toFixed(1)}%`;
}

function printRules(ctx: CommandContext, args: ParsedArgs, text: string): number {
  const target = parseTarget(text);
  if (target.kind !== 'service')
    throw new KubectlError("traffic rules shows a Service's rules: name a Service");
  const namespace = namespaceOf(ctx, args);
  const svc = ctx.cluster.api.get('services', namespace, target.name) as
    (KubeObject & Service) | undefined;
  if (!svc)
    throw new KubectlError(`services "${target.name}" not found in namespace "${namespace}"`);
  ctx.out(renderProxyRules(ctx.cluster.network.proxy, svc, ctx.cluster.now()));
  return 0;
}
