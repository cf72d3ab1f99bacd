/**
 * `kubectl label` and `kubectl annotate` (pkg/cmd/label, pkg/cmd/annotate): `key=value` sets,
 * `key-` removes, an existing different value needs `--overwrite`.
 */
import type { KubeObject } from '../../sim/index.ts';
import { KubectlError, type Command, type CommandContext } from '../command.ts';
import { describeError } from '../errors.ts';
import { toJson, toYaml } from '../printers/yaml.ts';
import { kindPrefix } from '../resources.ts';
import { flagBool, flagString, type FlagSpec, type ParsedArgs } from '../shell/flags.ts';
import { dryRunOf } from './create/output.ts';
import { findTargets } from './targets.ts';

const FLAGS: readonly FlagSpec[] = [
  { name: 'overwrite', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'resource-version', type: 'string' },
  { name: 'list', type: 'bool' },
  { name: 'local', type: 'bool' },
];

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

interface Changes {
  readonly set: Map<string, string>;
  readonly remove: string[];
}

function validKey(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

function parseChanges(words: readonly string[], what: 'label' | 'annotation'): Changes {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const word of words) {
    if (word.endsWith('-') && !word.includes('=')) {
      remove.push(word.slice(0, -1));
      continue;
    }
    const eq = word.indexOf('=');
    const key = word.slice(0, eq);
    const value = word.slice(eq + 1);
    if (!validKey(key) || (what === 'label' && (!LABEL_VALUE.test(value) || value.length > 63)))
      throw new KubectlError(`invalid ${what} spec: ${word}`);
    set.set(key, value);
  }
  for (const key of remove)
    if (set.has(key))
      throw new KubectlError(`can not both modify and remove ${what}s in the same command`);
  return { set, remove };
}

function isChange(word: string): boolean {
  return word.includes('=') || (word.endsWith('-') && word.length > 1);
}

function applyChanges(
  ctx: CommandContext,
  current: Record<string, string>,
  changes: Changes,
  overwrite: boolean,
  what: 'label' | 'annotation',
): Record<string, string> {
  const next = { ...current };
  const conflicts: string[] = [];
  for (const [key, value] of changes.set) {
    const old = current[key];
    if (old !== undefined && old !== value && !overwrite)
      conflicts.push(`'${key}' already has a value (${old})`);
    next[key] = value;
  }
  if (conflicts.length > 0) {
    if (what === 'label')
      throw new KubectlError(`${conflicts.join(', ')}, and --overwrite is false`);
    throw new KubectlError(
      `--overwrite is false but found the following declared annotation(s): ${conflicts.join('; ')}`,
    );
  }
  for (const key of changes.remove) {
    if (!(key in next)) ctx.out(`${what} "${key}" not found.\n`);
    delete next[key];
  }
  return next;
}

function metadataCommand(what: 'label' | 'annotation'): Command {
  const field = what === 'label' ? 'labels' : 'annotations';
  return {
    name: what === 'label' ? 'label' : 'annotate',
    flags: FLAGS,
    run(ctx, args) {
      return runMetadata(ctx, args, what, field);
    },
  };
}

function runMetadata(
  ctx: CommandContext,
  args: ParsedArgs,
  what: 'label' | 'annotation',
  field: 'labels' | 'annotations',
): number {
  const verb = what === 'label' ? 'label' : 'annotate';
  const words = args.positional.filter((w) => !isChange(w));
  const list = flagBool(args.flags, 'list');
  const changes = parseChanges(args.positional.filter(isChange), what);
  if (words.length === 0 && flagString(args.flags, 'selector') === undefined)
    throw new KubectlError(
      'one or more resources must be specified as <resource> <name> or <resource>/<name>',
    );
  if (!list && changes.set.size === 0 && changes.remove.length === 0)
    throw new KubectlError(`at least one ${what} update is required`);
  if (flagBool(args.flags, 'local'))
    throw new KubectlError(`Kubeplay does not simulate ${verb} --local: it needs a file (-f)`);
  const dryRun = dryRunOf(args);
  const output = flagString(args.flags, 'output');
  const { targets, failed } = findTargets(ctx, {
    words,
    namespace: flagString(args.flags, 'namespace') ?? ctx.namespace,
    selector: flagString(args.flags, 'selector'),
    all: flagBool(args.flags, 'all'),
    allNamespaces: flagBool(args.flags, 'all-namespaces'),
  });
  let exitCode = failed ? 1 : 0;
  for (const { type, object } of targets) {
    const name = object.metadata.name ?? '';
    if (list) {
      for (const [k, v] of Object.entries(object.metadata[field] ?? {})) ctx.out(`${k}=${v}\n`);
      continue;
    }
    const rv = flagString(args.flags, 'resource-version');
    const current = { ...(object.metadata[field] ?? {}) };
    const next = applyChanges(ctx, current, changes, flagBool(args.flags, 'overwrite'), what);
    const draft = structuredClone<KubeObject>(object);
    if (Object.keys(next).length > 0) draft.metadata[field] = next;
    else delete draft.metadata[field];
    if (rv !== undefined) draft.metadata.resourceVersion = rv;
    let result: KubeObject;
    try {
      result =
        dryRun === 'client'
          ? draft
          : ctx.cluster.api.update(draft, {
              actor: `kubectl-${verb}`,
              dryRun: dryRun === 'server',
            });
    } catch (error) {
      ctx.err(`${describeError(error)}\n`);
      exitCode = 1;
      continue;
    }
    const changed = JSON.stringify(current) !== JSON.stringify(next);
    let message = what === 'label' ? 'labeled' : 'annotated';
    if (what === 'label' && !changed) message = 'not labeled';
    else if (what === 'label' && changes.set.size === 0) message = 'unlabeled';
    if (output === 'yaml') ctx.out(toYaml(result));
    else if (output === 'json') ctx.out(toJson(result));
    else if (output === 'name') ctx.out(`${kindPrefix(type)}/${name}\n`);
    else
      ctx.out(
        `${kindPrefix(type)}/${name} ${message}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`,
      );
  }
  return exitCode;
}

export const labelCommand = metadataCommand('label');
export const annotateCommand = metadataCommand('annotation');
