/**
 * `kubectl set image|env|resources` (pkg/cmd/set): edits the pod template (or the Pod) of workload
 * objects and prints kubectl's `image updated`, `env updated`, `resource requirements updated`.
 */
import type { Container, KubeObject, PodSpec } from '../../sim/index.ts';
import { KubectlError, type Command, type CommandContext } from '../command.ts';
import { describeError } from '../errors.ts';
import { kindPrefix } from '../resources.ts';
import {
  flagBool,
  flagString,
  flagStrings,
  type FlagSpec,
  type ParsedArgs,
} from '../shell/flags.ts';
import { dryRunOf } from './create/output.ts';
import { findTargets } from './targets.ts';

const COMMON: readonly FlagSpec[] = [
  { name: 'all', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'containers', short: 'c', type: 'string' },
  { name: 'local', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
];

const SUBCOMMAND_FLAGS: Record<string, readonly FlagSpec[]> = {
  image: COMMON,
  env: [
    ...COMMON,
    { name: 'env', short: 'e', type: 'array' },
    { name: 'list', type: 'bool' },
    { name: 'overwrite', type: 'bool' },
    { name: 'from', type: 'string' },
    { name: 'keys', type: 'strings' },
    { name: 'prefix', type: 'string' },
  ],
  resources: [...COMMON, { name: 'limits', type: 'string' }, { name: 'requests', type: 'string' }],
};

/** The PodSpec inside a workload object, or undefined for kinds without one. */
function podSpecOf(obj: KubeObject): PodSpec | undefined {
  const spec = obj.spec as Record<string, unknown> | undefined;
  if (obj.kind === 'Pod') return spec as PodSpec | undefined;
  if (obj.kind === 'CronJob') {
    const jobTemplate = spec?.jobTemplate as
      { spec?: { template?: { spec?: PodSpec } } } | undefined;
    return jobTemplate?.spec?.template?.spec;
  }
  return (spec?.template as { spec?: PodSpec } | undefined)?.spec;
}

function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

function matchContainers(spec: PodSpec, pattern: string): Container[] {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
  return allContainers(spec).filter((c) => re.test(c.name));
}

type Mutator = (ctx: CommandContext, obj: KubeObject, spec: PodSpec, args: ParsedArgs) => void;

function setImage(_ctx: CommandContext, obj: KubeObject, spec: PodSpec, args: ParsedArgs): void {
  const pairs = args.positional.filter((w) => w.includes('='));
  if (pairs.length === 0) throw new KubectlError('at least one image update is required');
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const image = pair.slice(eq + 1);
    const matches =
      name === '*' ? allContainers(spec) : allContainers(spec).filter((c) => c.name === name);
    if (matches.length === 0) throw new KubectlError(`unable to find container named "${name}"`);
    for (const c of matches) c.image = image;
  }
}

function setEnv(ctx: CommandContext, obj: KubeObject, spec: PodSpec, args: ParsedArgs): void {
  const containers = matchContainers(spec, flagString(args.flags, 'containers') ?? '*');
  if (flagBool(args.flags, 'list')) {
    for (const c of containers) {
      ctx.out(`# ${obj.kind} ${obj.metadata.name ?? ''}, container ${c.name}\n`);
      for (const e of c.env ?? []) ctx.out(`${e.name}=${e.value ?? ''}\n`);
    }
    return;
  }
  if (flagString(args.flags, 'from') !== undefined)
    throw new KubectlError(
      'Kubeplay does not simulate set env --from yet: set the variables by name',
    );
  const words = [
    ...flagStrings(args.flags, 'env'),
    ...args.positional.filter((w) => w.includes('=') || w.endsWith('-')),
  ];
  if (words.length === 0)
    throw new KubectlError('at least one environment variable must be provided');
  for (const c of containers) {
    let env = [...(c.env ?? [])];
    for (const word of words) {
      if (word.endsWith('-') && !word.includes('=')) {
        env = env.filter((e) => e.name !== word.slice(0, -1));
        continue;
      }
      const eq = word.indexOf('=');
      const name = word.slice(0, eq);
      const value = word.slice(eq + 1);
      const existing = env.findIndex((e) => e.name === name);
      if (existing >= 0) env[existing] = { name, value };
      else env.push({ name, value });
    }
    if (env.length > 0) c.env = env;
    else delete c.env;
  }
}

function parseResources(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [key = '', value] = part.split('=');
    if (value === undefined) throw new KubectlError(`invalid resource spec: ${part}`);
    out[key] = value;
  }
  return out;
}

function setResources(
  _ctx: CommandContext,
  _obj: KubeObject,
  spec: PodSpec,
  args: ParsedArgs,
): void {
  const limits = parseResources(flagString(args.flags, 'limits'));
  const requests = parseResources(flagString(args.flags, 'requests'));
  if (!limits && !requests)
    throw new KubectlError(
      'you must specify an update to requests or limits (in the form of --requests/--limits)',
    );
  const containers = matchContainers(spec, flagString(args.flags, 'containers') ?? '*');
  if (containers.length === 0)
    throw new KubectlError(
      `unable to find container named ${flagString(args.flags, 'containers') ?? ''}`,
    );
  for (const c of containers) {
    const resources = { ...(c.resources ?? {}) };
    if (limits) resources.limits = { ...(resources.limits ?? {}), ...limits };
    if (requests) resources.requests = { ...(resources.requests ?? {}), ...requests };
    c.resources = resources;
  }
}

const SUBCOMMANDS: Record<string, { mutate: Mutator; message: string }> = {
  image: { mutate: setImage, message: 'image updated' },
  env: { mutate: setEnv, message: 'env updated' },
  resources: { mutate: setResources, message: 'resource requirements updated' },
};

export const setCommand: Command = {
  name: 'set',
  flags: COMMON,
  flagsFor(words) {
    const sub = words.find((w) => !w.startsWith('-'));
    return (sub !== undefined ? SUBCOMMAND_FLAGS[sub] : undefined) ?? COMMON;
  },
  usageName(words) {
    const sub = words.find((w) => !w.startsWith('-'));
    return sub !== undefined && sub in SUBCOMMANDS ? `set ${sub}` : 'set';
  },
  run(ctx, args) {
    const [sub, ...rest] = args.positional;
    const entry = sub === undefined ? undefined : SUBCOMMANDS[sub];
    if (!entry) {
      if (sub !== undefined && ['selector', 'serviceaccount', 'subject'].includes(sub))
        throw new KubectlError(`Kubeplay does not simulate "kubectl set ${sub}" yet`);
      throw new KubectlError(
        sub === undefined
          ? 'kubectl set needs a subcommand: image, env or resources'
          : `unknown command "${sub}" for "kubectl set"`,
        'set',
      );
    }
    if (flagBool(args.flags, 'local') || flagStrings(args.flags, 'filename').length > 0)
      throw new KubectlError(`Kubeplay does not simulate set ${sub ?? ''} with -f or --local yet`);
    const words = rest.filter((w) => !w.includes('=') && !(sub === 'env' && w.endsWith('-')));
    const subArgs: ParsedArgs = { ...args, positional: rest };
    const dryRun = dryRunOf(args);
    const { targets, failed } = findTargets(ctx, {
      words,
      namespace: flagString(args.flags, 'namespace') ?? ctx.namespace,
      selector: flagString(args.flags, 'selector'),
      all: flagBool(args.flags, 'all'),
    });
    let exitCode = failed ? 1 : 0;
    for (const { type, object } of targets) {
      const draft = structuredClone<KubeObject>(object);
      const spec = podSpecOf(draft);
      const prefix = `${kindPrefix(type)}/${object.metadata.name ?? ''}`;
      if (!spec) {
        ctx.err(`error: ${prefix} has no pod template to update\n`);
        exitCode = 1;
        continue;
      }
      entry.mutate(ctx, draft, spec, subArgs);
      if (sub === 'env' && flagBool(args.flags, 'list')) continue;
      try {
        if (dryRun !== 'client') {
          const result = ctx.cluster.api.update(draft, {
            actor: `kubectl-set`,
            dryRun: dryRun === 'server',
          });
          if (result === object) continue;
        }
        ctx.out(
          `${prefix} ${entry.message}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`,
        );
      } catch (error) {
        ctx.err(`${describeError(error)}\n`);
        exitCode = 1;
      }
    }
    return exitCode;
  },
};
