/**
 * `kubectl top node|pod`: resource usage from the metrics API (metrics-server). Mirrors
 * staging/src/k8s.io/kubectl/pkg/cmd/top (top_node.go, top_pod.go) and metricsutil/metrics_printer.go:
 * CPU as `<millicores>m`, memory as `<MiB>Mi`, node percentages of allocatable, and every cell
 * tab-terminated, so the last column is padded too.
 */
import type { KubeObject, Node, Pod } from '../../sim/index.ts';
import {
  bytes,
  matchesSelector,
  milliCpu,
  parseRfc3339,
  parseSelector,
  SelectorParseError,
} from '../../sim/index.ts';
import { KubectlError, type Command, type CommandContext } from '../command.ts';
import { flagBool, flagString, type ParsedArgs } from '../shell/flags.ts';

const MIB = 1024 * 1024;

export const topCommand: Command = {
  name: 'top',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'sort-by', type: 'string' },
    { name: 'containers', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
  ],
  run(ctx, args) {
    const [what, name, ...rest] = args.positional;
    if (rest.length > 0) throw new KubectlError(`unexpected arguments: ${rest.join(' ')}`, 'top');
    const sortBy = flagString(args.flags, 'sort-by');
    if (sortBy !== undefined && sortBy !== 'cpu' && sortBy !== 'memory')
      throw new KubectlError(`--sort-by accepts only cpu or memory`);
    if (what === 'node' || what === 'nodes' || what === 'no') return topNodes(ctx, args, name);
    if (what === 'pod' || what === 'pods' || what === 'po') return topPods(ctx, args, name);
    ctx.out(
      'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n',
    );
    return what === undefined ? 0 : 1;
  },
};

function selectorOf(args: ParsedArgs): ReturnType<typeof parseSelector> | undefined {
  const text = flagString(args.flags, 'selector');
  if (text === undefined) return undefined;
  try {
    return parseSelector(text);
  } catch (error) {
    if (error instanceof SelectorParseError) throw new KubectlError(error.message);
    throw error;
  }
}

function requireMetrics(ctx: CommandContext): void {
  if (!ctx.cluster.services.metrics.available())
    throw new KubectlError('Metrics API not available');
}

function topNodes(ctx: CommandContext, args: ParsedArgs, name: string | undefined): number {
  requireMetrics(ctx);
  const api = ctx.cluster.api;
  const selector = selectorOf(args);
  let nodes = api.list('nodes') as (KubeObject & Node)[];
  if (name !== undefined) {
    const node = api.get('nodes', '', name) as (KubeObject & Node) | undefined;
    if (!node) return notFound(ctx, 'nodes', name);
    nodes = [node];
  } else if (selector) nodes = nodes.filter((n) => matchesSelector(n.metadata.labels, selector));
  const samples = new Map(ctx.cluster.services.metrics.nodeMetrics().map((m) => [m.name, m]));
  const rows = nodes.map((node) => {
    const m = samples.get(node.metadata.name ?? '');
    const allocCpu = milliCpu(node.status?.allocatable?.cpu);
    const allocMem = bytes(node.status?.allocatable?.memory);
    if (!m)
      return {
        cells: [node.metadata.name ?? '', ...new Array<string>(4).fill('<unknown>')],
        cpu: -1,
        memory: -1,
      };
    return {
      cells: [
        node.metadata.name ?? '',
        `${String(m.cpuMilli)}m`,
        `${String(allocCpu > 0 ? Math.trunc((m.cpuMilli / allocCpu) * 100) : 0)}%`,
        `${String(Math.trunc(m.memoryBytes / MIB))}Mi`,
        `${String(allocMem > 0 ? Math.trunc((m.memoryBytes / allocMem) * 100) : 0)}%`,
      ],
      cpu: m.cpuMilli,
      memory: m.memoryBytes,
    };
  });
  sortRows(rows, flagString(args.flags, 'sort-by'));
  const headers = ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'];
  ctx.out(
    formatTopTable(
      headers,
      rows.map((r) => r.cells),
      flagBool(args.flags, 'no-headers'),
    ),
  );
  return 0;
}

function topPods(ctx: CommandContext, args: ParsedArgs, name: string | undefined): number {
  requireMetrics(ctx);
  const api = ctx.cluster.api;
  const all = flagBool(args.flags, 'all-namespaces');
  const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
  const selector = selectorOf(args);
  const containers = flagBool(args.flags, 'containers');
  let pods = (all ? api.list('pods') : api.list('pods', namespace)) as (KubeObject & Pod)[];
  if (name !== undefined) {
    const pod = api.get('pods', namespace, name);
    if (!pod) return notFound(ctx, 'pods', name);
    pods = [pod as KubeObject & Pod];
  } else if (selector) pods = pods.filter((p) => matchesSelector(p.metadata.labels, selector));
  const samples = new Map(
    ctx.cluster.services.metrics
      .podMetrics(all ? undefined : namespace)
      .map((m) => [`${m.namespace}/${m.name}`, m]),
  );
  const rows: { cells: string[]; cpu: number; memory: number }[] = [];
  for (const pod of pods) {
    const m = samples.get(`${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`);
    if (!m) {
      if (name !== undefined)
        throw new KubectlError(
          `Metrics not available for pod ${namespace}/${name}, age: ${goDuration(ctx.cluster.now() - (parseRfc3339(pod.metadata.creationTimestamp ?? '') ?? ctx.cluster.now()))}`,
        );
      continue;
    }
    const prefix = all ? [pod.metadata.namespace ?? ''] : [];
    if (containers) {
      for (const c of m.containers)
        rows.push({
          cells: [
            ...prefix,
            m.name,
            c.name,
            `${String(c.cpuMilli)}m`,
            `${String(Math.trunc(c.memoryBytes / MIB))}Mi`,
          ],
          cpu: c.cpuMilli,
          memory: c.memoryBytes,
        });
      continue;
    }
    const cpu = m.containers.reduce((sum, c) => sum + c.cpuMilli, 0);
    const memory = m.containers.reduce((sum, c) => sum + c.memoryBytes, 0);
    rows.push({
      cells: [...prefix, m.name, `${String(cpu)}m`, `${String(Math.trunc(memory / MIB))}Mi`],
      cpu,
      memory,
    });
  }
  if (rows.length === 0) {
    if (pods.length > 0) throw new KubectlError('metrics not available yet');
    ctx.err(all ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    return 0;
  }
  sortRows(rows, flagString(args.flags, 'sort-by'));
  const headers = [
    ...(all ? ['NAMESPACE'] : []),
    ...(containers ? ['POD', 'NAME'] : ['NAME']),
    'CPU(cores)',
    'MEMORY(bytes)',
  ];
  ctx.out(
    formatTopTable(
      headers,
      rows.map((r) => r.cells),
      flagBool(args.flags, 'no-headers'),
    ),
  );
  return 0;
}

function notFound(ctx: CommandContext, resource: string, name: string): number {
  ctx.err(`Error from server (NotFound): ${resource} "${name}" not found\n`);
  return 1;
}

function sortRows(rows: { cpu: number; memory: number }[], sortBy: string | undefined): void {
  if (sortBy === 'cpu') rows.sort((a, b) => b.cpu - a.cpu);
  else if (sortBy === 'memory') rows.sort((a, b) => b.memory - a.memory);
}

/** tabwriter (minwidth 6, padding 3) with every cell tab-terminated: the last column is padded too. */
export function formatTopTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  noHeaders: boolean,
): string {
  const all = noHeaders ? rows : [headers, ...rows];
  const widths = headers.map((_, c) => Math.max(6, ...all.map((row) => (row[c] ?? '').length + 3)));
  return all
    .map((row) => `${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('')}\n`)
    .join('');
}

/** Go's time.Duration.String() for whole milliseconds: `12s`, `1m30s`, `1.5s`, `2h0m0s`. */
function goDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${String(s)}s`;
  if (h > 0) return `${String(h)}h${String(m)}m${sec}`;
  if (m > 0) return `${String(m)}m${sec}`;
  return sec;
}
