/**
 * `kubectl wait`: runs virtual time forward until every object meets the condition
 * (`--for=condition=Ready[=true]`, `--for=delete`, `--for=jsonpath='{.status.phase}'=Running`,
 * `--for=create`) or `--timeout` passes, as kubectl's watch would see it.
 */
import type { KubeObject, ResourceType } from '../../sim/index.ts';
import { matchesSelector, parseSelector, qualifiedResource } from '../../sim/index.ts';
import { KubectlError, type Command, type CommandContext } from '../command.ts';
import { parseDuration } from '../directives/duration.ts';
import { evaluate, formatValue, parsePath, relaxedPath } from '../printers/jsonPath.ts';
import { kindPrefix } from '../resources.ts';
import { flagBool, flagString } from '../shell/flags.ts';
import { parseTypeNames } from './targets.ts';
import { rejectUnsimulated } from './unsupported.ts';

const STEP_MS = 100;

type Condition = (obj: KubeObject | undefined) => boolean;

function parseFor(text: string): { check: Condition; wantsDelete: boolean } {
  if (text === 'delete') return { check: (o) => o === undefined, wantsDelete: true };
  if (text === 'create') return { check: (o) => o !== undefined, wantsDelete: false };
  if (text.startsWith('condition=')) {
    const [type = '', value = 'true'] = text.slice('condition='.length).split('=');
    return {
      check: (o) => {
        const conditions =
          (o?.status as { conditions?: { type: string; status: string }[] } | undefined)
            ?.conditions ?? [];
        const c = conditions.find((x) => x.type.toLowerCase() === type.toLowerCase());
        return c !== undefined && c.status.toLowerCase() === value.toLowerCase();
      },
      wantsDelete: false,
    };
  }
  if (text.startsWith('jsonpath=')) {
    const body = text.slice('jsonpath='.length);
    const close = body.lastIndexOf('}');
    const pathText = close >= 0 ? body.slice(0, close + 1) : body;
    const rest = close >= 0 ? body.slice(close + 1) : '';
    if (rest !== '' && !rest.startsWith('='))
      throw new KubectlError(
        `jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`,
      );
    const path = parsePath(relaxedPath(pathText).slice(1, -1));
    const want = rest.slice(1);
    return {
      check: (o) => {
        if (!o) return false;
        const values = evaluate(o, path);
        if (values.length === 0) return false;
        return rest === '' ? true : values.map(formatValue).join(' ') === want;
      },
      wantsDelete: false,
    };
  }
  throw new KubectlError(`unrecognized condition: "${text}"`);
}

interface Target {
  readonly type: ResourceType;
  readonly namespace: string;
  readonly name: string;
}

function targets(
  ctx: CommandContext,
  words: readonly string[],
  selectorText: string | undefined,
  all: boolean,
): Target[] {
  const namespace = ctx.namespace;
  const out: Target[] = [];
  for (const { type, name } of parseTypeNames(words)) {
    const ns = type.namespaced ? namespace : '';
    if (name !== undefined) {
      out.push({ type, namespace: ns, name });
      continue;
    }
    if (selectorText === undefined && !all)
      throw new KubectlError('resource(s) were provided, but no name was specified');
    const selector = selectorText === undefined ? [] : parseSelector(selectorText);
    for (const o of ctx.cluster.api.list(qualifiedResource(type), ns || undefined))
      if (matchesSelector(o.metadata.labels, selector))
        out.push({ type, namespace: ns, name: o.metadata.name ?? '' });
  }
  return out;
}

export const waitCommand: Command = {
  name: 'wait',
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(ctx, args) {
    rejectUnsimulated(args, 'wait', ['filename', 'all-namespaces']);
    const forText = flagString(args.flags, 'for');
    if (forText === undefined) throw new KubectlError('unrecognized condition: ""');
    const { check, wantsDelete } = parseFor(forText);
    const timeoutText = flagString(args.flags, 'timeout') ?? '30s';
    const timeoutMs = /^-?[0-9]+$/.test(timeoutText)
      ? Number(timeoutText) * 1000
      : parseDuration(timeoutText);
    if (timeoutMs === undefined)
      throw new KubectlError(
        `invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`,
      );
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    const scoped = { ...ctx, namespace };
    const list = targets(
      scoped,
      args.positional,
      flagString(args.flags, 'selector'),
      flagBool(args.flags, 'all'),
    );
    if (list.length === 0) throw new KubectlError('no matching resources found');
    const api = ctx.cluster.api;
    const read = (t: Target): KubeObject | undefined =>
      api.get(qualifiedResource(t.type), t.namespace, t.name);
    let exitCode = 0;
    if (!wantsDelete && forText !== 'create') {
      for (const t of list)
        if (!read(t)) {
          ctx.err(
            `Error from server (NotFound): ${qualifiedResource(t.type)} "${t.name}" not found\n`,
          );
          exitCode = 1;
        }
    }
    const pending = list.filter(
      (t) => wantsDelete || forText === 'create' || read(t) !== undefined,
    );
    let waited = 0;
    const done = new Set<Target>();
    const report = (): void => {
      for (const t of pending)
        if (!done.has(t) && check(read(t))) {
          done.add(t);
          ctx.out(`${kindPrefix(t.type)}/${t.name} condition met\n`);
        }
    };
    report();
    // timeout 0 checks once; a negative timeout waits for a week, as kubectl does.
    const limit = timeoutMs < 0 ? 7 * 24 * 3600_000 : timeoutMs;
    while (done.size < pending.length && waited < limit) {
      ctx.cluster.advance(Math.min(STEP_MS, limit - waited));
      waited += STEP_MS;
      report();
    }
    for (const t of pending)
      if (!done.has(t)) {
        ctx.err(
          `error: timed out waiting for the condition on ${qualifiedResource(t.type)}/${t.name}\n`,
        );
        exitCode = 1;
      }
    return exitCode;
  },
};
