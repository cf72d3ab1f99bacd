/**
 * Tab completion for the terminal: commands, resource types (plural, singular, short names) and
 * object names. Returns candidates for the last word of the line.
 * TODO(#7): switch to the kubectl engine's own `complete()` (flags, namespaces) once it exports one.
 */
import { RESOURCE_TYPES, type Cluster } from '../sim/index.ts';

const KUBECTL_VERBS = [
  'annotate',
  'api-resources',
  'apply',
  'cluster-info',
  'cordon',
  'create',
  'delete',
  'describe',
  'drain',
  'edit',
  'events',
  'explain',
  'expose',
  'get',
  'label',
  'logs',
  'patch',
  'rollout',
  'run',
  'scale',
  'set',
  'taint',
  'top',
  'uncordon',
  'version',
  'wait',
];
const FIRST_WORDS = ['kubectl', 'advance', 'node', 'pod', 'traffic', 'clear', 'help'];
const NODE_ACTIONS = ['add', 'fail', 'recover'];
const TAKES_TYPE = new Set([
  'get',
  'describe',
  'delete',
  'edit',
  'label',
  'annotate',
  'patch',
  'scale',
  'explain',
]);
const TAKES_NODE = new Set(['cordon', 'uncordon', 'drain', 'taint']);

function resourceNames(): string[] {
  const names = new Set<string>();
  for (const t of RESOURCE_TYPES) {
    names.add(t.plural);
    names.add(t.singular);
    for (const s of t.shortNames) names.add(s);
  }
  return [...names].sort();
}

function resolveType(word: string): string | undefined {
  return RESOURCE_TYPES.find(
    (t) => t.plural === word || t.singular === word || t.shortNames.includes(word),
  )?.plural;
}

function namesOf(cluster: Cluster, resource: string): string[] {
  try {
    return cluster.api.list(resource).map((o) => o.metadata.name ?? '');
  } catch {
    return [];
  }
}

/** Candidates (whole words) that start with the line's last word. */
export function completeLine(line: string, cluster: Cluster): string[] {
  const words = line.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  const before = words.slice(0, -1).filter((w) => w !== '' && !w.startsWith('-'));
  let pool: string[] = [];
  if (before.length === 0) pool = FIRST_WORDS;
  else if (before[0] === 'kubectl' || before[0] === 'k') {
    const verb = before[1];
    if (verb === undefined) pool = KUBECTL_VERBS;
    else if (TAKES_NODE.has(verb)) pool = namesOf(cluster, 'nodes');
    else if (TAKES_TYPE.has(verb)) {
      const typeWord = before[2];
      const type = typeWord === undefined ? undefined : resolveType(typeWord);
      pool = typeWord === undefined ? resourceNames() : type ? namesOf(cluster, type) : [];
    }
  } else if (before[0] === 'node') {
    pool = before.length === 1 ? NODE_ACTIONS : namesOf(cluster, 'nodes');
  }
  return [...new Set(pool)].filter((w) => w.startsWith(last)).sort();
}
