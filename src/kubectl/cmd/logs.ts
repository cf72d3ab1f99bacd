/**
 * `kubectl logs`: a container's log as its kubelet serves it, with `-c`, `-p/--previous`, `--tail`,
 * `--timestamps`, `--since`, `-l` (every matching pod, 10 lines each by default), `--prefix` and
 * `--all-containers`. `-f` keeps streaming new lines of one container until that container
 * instance ends (TODO(#4): `-f` with `-l` or `--all-containers` prints what is there now).
 */
import type { LogLine } from '../../sim/index.ts';
import {
  formatRfc3339,
  matchesSelector,
  parseSelector,
  SelectorParseError,
} from '../../sim/index.ts';
import { KubectlError, type Command, type CommandContext } from '../command.ts';
import { parseDuration } from '../directives/duration.ts';
import { flagBool, flagInt, flagString } from '../shell/flags.ts';
import { NotFound, resolveContainer, resolvePod, type PodObject } from './podTarget.ts';

interface LogOptions {
  previous: boolean;
  tail: number;
  timestamps: boolean;
  sinceMs?: number;
  prefix: boolean;
}

export const logsCommand: Command = {
  name: 'logs',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int' },
    { name: 'timestamps', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'prefix', type: 'bool' },
    { name: 'all-containers', type: 'bool' },
    { name: 'max-log-requests', type: 'int' },
    { name: 'ignore-errors', type: 'bool' },
  ],
  run(ctx, args) {
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    const selector = flagString(args.flags, 'selector');
    const since = flagString(args.flags, 'since');
    const sinceMs = since === undefined ? undefined : parseDuration(since);
    if (since !== undefined && sinceMs === undefined)
      throw new KubectlError(
        `invalid argument "${since}" for "--since" flag: time: invalid duration "${since}"`,
      );
    const options: LogOptions = {
      previous: flagBool(args.flags, 'previous'),
      tail: flagInt(args.flags, 'tail') ?? (selector !== undefined ? 10 : -1),
      timestamps: flagBool(args.flags, 'timestamps'),
      ...(sinceMs !== undefined ? { sinceMs } : {}),
      prefix: flagBool(args.flags, 'prefix') || selector !== undefined,
    };
    const container = flagString(args.flags, 'container');
    const all = flagBool(args.flags, 'all-containers');
    if (selector !== undefined) {
      if (args.positional.length > 0)
        throw new KubectlError('only a selector (-l) or a POD name is allowed', 'logs');
      let parsed;
      try {
        parsed = parseSelector(selector);
      } catch (error) {
        if (error instanceof SelectorParseError) throw new KubectlError(error.message);
        throw error;
      }
      const pods = (ctx.cluster.api.list('pods', namespace) as PodObject[]).filter((p) =>
        matchesSelector(p.metadata.labels, parsed),
      );
      if (pods.length === 0) {
        ctx.err(`No resources found in ${namespace} namespace.\n`);
        return 0;
      }
      let code = 0;
      for (const pod of pods)
        code = Math.max(code, printPod(ctx, pod, container, all, options, true));
      return code;
    }
    const target = args.positional[0];
    if (target === undefined)
      throw new KubectlError(
        'expected POD or TYPE/NAME is a required argument for the logs command',
        'logs',
      );
    if (args.positional.length > 2)
      throw new KubectlError('expected POD or TYPE/NAME [CONTAINER]', 'logs');
    let pod: PodObject;
    try {
      pod = resolvePod(ctx, target, namespace);
    } catch (error) {
      if (error instanceof NotFound) {
        ctx.err(`Error from server (NotFound): ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    const code = printPod(ctx, pod, container ?? args.positional[1], all, options, options.prefix);
    if (code === 0 && flagBool(args.flags, 'follow') && !all)
      follow(ctx, pod, resolveContainerQuietly(pod, container ?? args.positional[1]), options);
    return code;
  },
};

function printPod(
  ctx: CommandContext,
  pod: PodObject,
  requested: string | undefined,
  all: boolean,
  options: LogOptions,
  prefix: boolean,
): number {
  const containers = all
    ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
    : [resolveContainer(ctx, pod, requested)];
  let code = 0;
  for (const container of containers) {
    const result = ctx.cluster.containerLogs(
      pod.metadata.namespace ?? 'default',
      pod.metadata.name ?? '',
      container.name,
      options.previous,
    );
    if ('error' in result) {
      ctx.err(`Error from server (BadRequest): ${result.error}\n`);
      code = 1;
      continue;
    }
    const tag = prefix || all ? `[pod/${pod.metadata.name ?? ''}/${container.name}] ` : '';
    ctx.out(render(ctx, result.lines, options, all && !prefix ? '' : tag));
  }
  return code;
}

function render(
  ctx: CommandContext,
  lines: readonly LogLine[],
  options: LogOptions,
  tag: string,
): string {
  const now = ctx.cluster.now();
  let picked =
    options.sinceMs === undefined
      ? lines
      : lines.filter((l) => l.timeMs >= now - (options.sinceMs ?? 0));
  if (options.tail >= 0) picked = picked.slice(Math.max(0, picked.length - options.tail));
  return picked
    .map((l) => `${tag}${options.timestamps ? `${nanoTime(l.timeMs)} ` : ''}${l.text}\n`)
    .join('');
}

/** RFC 3339 with nanoseconds, as containerd stamps log lines. */
function nanoTime(ms: number): string {
  const base = formatRfc3339(ms - (ms % 1000)).replace('Z', '');
  return `${base}.${String(ms % 1000).padStart(3, '0')}000000Z`;
}

function resolveContainerQuietly(pod: PodObject, requested: string | undefined): string {
  if (requested !== undefined) return requested;
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  return annotated ?? pod.spec?.containers[0]?.name ?? '';
}

/** `logs -f`: a stream of the lines the same container instance writes from now on. */
function follow(ctx: CommandContext, pod: PodObject, container: string, options: LogOptions): void {
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const read = (): LogLine[] => {
    const result = ctx.cluster.containerLogs(namespace, name, container, false);
    return 'lines' in result ? result.lines : [];
  };
  const initial = read();
  const first = initial[0];
  let printed = initial.length;
  let ended = false;
  ctx.stream({
    description: `kubectl logs -f ${name}`,
    poll() {
      if (ended) return '';
      const lines = read();
      const same =
        first === undefined || (lines[0]?.timeMs === first.timeMs && lines[0].text === first.text);
      if (!same || lines.length < printed) {
        // The container restarted: kubectl's stream ends with the instance it followed.
        ended = true;
        return '';
      }
      const fresh = lines.slice(printed);
      printed = lines.length;
      return render(
        ctx,
        fresh,
        { ...options, tail: -1 },
        options.prefix ? `[pod/${name}/${container}] ` : '',
      );
    },
    stop() {
      ended = true;
    },
  });
}
