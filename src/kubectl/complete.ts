/**
 * Tab completion for the terminal: commands, subcommands, flags, flag values, resource types and
 * short names, object names and namespaces, like kubectl's shell completion (`__complete`).
 * Pure: reads the cluster, changes nothing.
 */
import type { Cluster } from '../sim/index.ts';
import { RESOURCE_TYPES, qualifiedResource } from '../sim/index.ts';
import type { Command } from './command.ts';
import { DIRECTIVE_NAMES, HELP_ORDER, kubectlCommands } from './engine.ts';
import { resolveResource } from './resources.ts';
import { GLOBAL_FLAGS, type FlagSpec } from './shell/flags.ts';
import { GENERATORS as GENERATOR_SPECS } from './cmd/create/create.ts';

const GENERATORS = GENERATOR_SPECS.map((g) => g.name);

export interface Completion {
  /** Full replacement words for the text between `replaceFrom` and the cursor. */
  readonly candidates: string[];
  /** Index in the line where the word being completed starts. */
  readonly replaceFrom: number;
}

const OUTPUT_FORMATS = ['json', 'yaml', 'wide', 'name', 'jsonpath=', 'custom-columns='];

const SUBCOMMANDS: Record<string, readonly string[]> = {
  config: [
    'current-context',
    'delete-context',
    'get-clusters',
    'get-contexts',
    'get-users',
    'rename-context',
    'set-context',
    'use-context',
    'view',
  ],
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  set: ['env', 'image', 'resources'],
  node: ['add', 'fail', 'recover'],
};

/** Commands whose first argument is a resource type. */
const TAKES_TYPE = new Set([
  'get',
  'describe',
  'delete',
  'edit',
  'label',
  'annotate',
  'patch',
  'scale',
  'wait',
  'expose',
  'autoscale',
  'explain',
]);

/** Commands whose arguments are objects of one kind. */
const TAKES_NAMES: Record<string, string> = {
  logs: 'pods',
  exec: 'pods',
  'port-forward': 'pods',
  attach: 'pods',
  cordon: 'nodes',
  uncordon: 'nodes',
  drain: 'nodes',
  top: '',
};

function typeWords(): string[] {
  const words = new Set<string>();
  for (const t of RESOURCE_TYPES) {
    if (t.plural === 'bindings' || t.group.endsWith('.config.k8s.io')) continue;
    words.add(t.plural);
    for (const s of t.shortNames) words.add(s);
  }
  return [...words];
}

interface Parsed {
  readonly words: string[];
  readonly current: string;
  readonly replaceFrom: number;
}

function split(line: string, cursor: number): Parsed {
  const before = line.slice(0, cursor);
  const match = /(\S*)$/.exec(before);
  const current = match?.[1] ?? '';
  const replaceFrom = cursor - current.length;
  const words = before
    .slice(0, replaceFrom)
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => w.replace(/^['"]|['"]$/g, ''));
  return { words, current, replaceFrom };
}

function namespaceOf(words: readonly string[]): { namespace?: string; all: boolean } {
  let namespace: string | undefined;
  let all = false;
  words.forEach((w, i) => {
    if (w === '-n' || w === '--namespace') namespace = words[i + 1];
    else if (w.startsWith('--namespace=')) namespace = w.slice('--namespace='.length);
    else if (w.startsWith('-n') && w.length > 2 && !w.startsWith('--')) namespace = w.slice(2);
    else if (w === '-A' || w === '--all-namespaces') all = true;
  });
  return { ...(namespace !== undefined ? { namespace } : {}), all };
}

function flagsOf(command: Command | undefined, args: readonly string[]): readonly FlagSpec[] {
  if (!command) return GLOBAL_FLAGS;
  return [...(command.flagsFor?.(args) ?? command.flags), ...GLOBAL_FLAGS];
}

/** The positional words after the command, skipping flags and the values they take. */
function positionals(args: readonly string[], flags: readonly FlagSpec[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i] ?? '';
    if (w === '--') break;
    if (w.startsWith('--')) {
      const spec = flags.find((f) => f.name === w.slice(2));
      if (spec && spec.type !== 'bool' && !w.includes('=')) i++;
    } else if (w.startsWith('-') && w.length > 1) {
      const spec = flags.find((f) => f.short === w[1]);
      if (spec && spec.type !== 'bool' && w.length === 2) i++;
    } else out.push(w);
  }
  return out;
}

function objectNames(
  cluster: Cluster,
  typeText: string,
  ns: { namespace?: string; all: boolean },
  fallback: string,
): string[] {
  let type;
  try {
    type = resolveResource(typeText);
  } catch {
    return [];
  }
  const resource = qualifiedResource(type);
  const items =
    type.namespaced && !ns.all
      ? cluster.api.list(resource, ns.namespace ?? fallback)
      : cluster.api.list(resource);
  return items.map((o) => o.metadata.name ?? '');
}

function flagValue(flag: string, cluster: Cluster): string[] | undefined {
  if (flag === 'namespace' || flag === 'n')
    return cluster.api.list('namespaces').map((o) => o.metadata.name ?? '');
  if (flag === 'output' || flag === 'o') return OUTPUT_FORMATS;
  return undefined;
}

function positionalCandidates(
  name: string,
  pos: readonly string[],
  cluster: Cluster,
  ns: { namespace?: string; all: boolean },
  fallback: string,
  current: string,
  kubeconfigContexts: readonly string[],
): string[] {
  const index = pos.length;
  const sub = SUBCOMMANDS[name];
  if (sub && index === 0) return [...sub];
  if (
    name === 'config' &&
    (pos[0] === 'use-context' || pos[0] === 'set-context' || pos[0] === 'delete-context')
  )
    return index === 1 ? [...kubeconfigContexts] : [];
  if (name === 'node' && index === 1 && pos[0] !== 'add')
    return objectNames(cluster, 'nodes', ns, fallback);
  if (name === 'create')
    return index === 0
      ? GENERATORS.filter((g) => !g.includes(' ')).concat(['secret', 'service'])
      : index === 1 && (pos[0] === 'secret' || pos[0] === 'service')
        ? GENERATORS.filter((g) => g.startsWith(`${pos[0] ?? ''} `)).map(
            (g) => g.split(' ')[1] ?? '',
          )
        : [];
  if (name === 'taint')
    return index === 0 ? ['nodes'] : index === 1 ? objectNames(cluster, 'nodes', ns, fallback) : [];
  const named = TAKES_NAMES[name];
  if (named !== undefined)
    return named === ''
      ? index === 0
        ? ['nodes', 'pods']
        : index === 1
          ? objectNames(cluster, pos[0] ?? '', ns, fallback)
          : []
      : objectNames(cluster, named, ns, fallback);
  const typeIndex = name === 'rollout' || name === 'set' ? 1 : 0;
  if (!TAKES_TYPE.has(name) && typeIndex === 0) return [];
  if (index < typeIndex) return [];
  const slash = current.indexOf('/');
  if (slash >= 0) {
    const typeText = current.slice(0, slash);
    return objectNames(cluster, typeText, ns, fallback).map((n) => `${typeText}/${n}`);
  }
  if (index === typeIndex) return name === 'get' ? [...typeWords(), 'all'] : typeWords();
  const typeText = pos[typeIndex] ?? '';
  if (typeText.includes('/')) return [];
  return objectNames(cluster, typeText.split(',')[0] ?? '', ns, fallback);
}

/**
 * Completes the word at `cursor` in `line`. `namespace` is the shell's current namespace and
 * `contexts` the kubeconfig's context names.
 */
export function complete(
  line: string,
  cursor: number,
  cluster: Cluster,
  options: { namespace?: string; contexts?: readonly string[] } = {},
): Completion {
  const { words, current, replaceFrom } = split(line, Math.max(0, Math.min(cursor, line.length)));
  const isKubectl = words[0] === 'kubectl' || words[0] === 'k';
  const rest = isKubectl ? words.slice(1) : words;
  const finish = (list: readonly string[]): Completion => ({
    candidates: [...new Set(list)].filter((c) => c.startsWith(current)).sort(),
    replaceFrom,
  });
  if (rest.length === 0) {
    const commands = isKubectl ? HELP_ORDER : [...HELP_ORDER, ...DIRECTIVE_NAMES, 'kubectl'];
    return finish(commands);
  }
  const name = rest[0] ?? '';
  const args = rest.slice(1);
  const command = kubectlCommands().find((c) => c.name === name);
  const flags = flagsOf(command, args);
  const ns = namespaceOf(words);
  const fallback = options.namespace ?? 'default';
  if (current.startsWith('-')) {
    const eq = current.indexOf('=');
    if (eq > 0) {
      const flag = current.slice(current.startsWith('--') ? 2 : 1, eq);
      const values = flagValue(flag, cluster) ?? [];
      return finish(values.map((v) => `${current.slice(0, eq + 1)}${v}`));
    }
    return finish(flags.map((f) => `--${f.name}`));
  }
  const previous = args[args.length - 1];
  if (previous?.startsWith('-') && !previous.includes('=')) {
    const spec = previous.startsWith('--')
      ? flags.find((f) => f.name === previous.slice(2))
      : flags.find((f) => f.short === previous[1] && previous.length === 2);
    if (spec && spec.type !== 'bool') return finish(flagValue(spec.name, cluster) ?? []);
  }
  const pos = positionals(args, flags);
  return finish(
    positionalCandidates(
      name,
      pos,
      cluster,
      ns,
      fallback,
      current,
      options.contexts ?? ['kubeplay'],
    ),
  );
}
