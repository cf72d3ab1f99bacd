/**
 * Resolves what a mutating command names: `TYPE NAME…`, `TYPE/NAME…`, `TYPE -l selector` or
 * `TYPE --all`, as kubectl's resource builder does. Returns the live objects; missing ones are
 * reported in kubectl's NotFound words.
 */
import type { KubeObject, ResourceType } from '../../sim/index.ts';
import {
  matchesSelector,
  parseSelector,
  qualifiedResource,
  SelectorParseError,
} from '../../sim/index.ts';
import { KubectlError, type CommandContext } from '../command.ts';
import { resolveResource } from '../resources.ts';

export interface Target {
  readonly type: ResourceType;
  readonly object: KubeObject;
}

export interface TargetQuery {
  /** Words naming the objects; the rest of the command's positionals come after them. */
  readonly words: readonly string[];
  readonly namespace: string;
  readonly selector?: string | undefined;
  readonly all?: boolean;
  readonly allNamespaces?: boolean;
}

const NO_RESOURCE =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** Splits `TYPE NAME…` / `TYPE/NAME…` into type-name pairs (names may be empty for -l/--all). */
export function parseTypeNames(words: readonly string[]): { type: ResourceType; name?: string }[] {
  const first = words[0];
  if (first === undefined) throw new KubectlError(NO_RESOURCE);
  if (first.includes('/')) {
    return words.map((w) => {
      const slash = w.indexOf('/');
      if (slash < 0)
        throw new KubectlError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      return { type: resolveResource(w.slice(0, slash)), name: w.slice(slash + 1) };
    });
  }
  const types = first.split(',').map(resolveResource);
  const names = words.slice(1);
  if (names.length === 0) return types.map((type) => ({ type }));
  return types.flatMap((type) => names.map((name) => ({ type, name })));
}

export function findTargets(
  ctx: CommandContext,
  query: TargetQuery,
): { targets: Target[]; failed: boolean } {
  const pairs = parseTypeNames(query.words);
  const api = ctx.cluster.api;
  const targets: Target[] = [];
  let failed = false;
  let selector;
  try {
    selector = query.selector === undefined ? undefined : parseSelector(query.selector);
  } catch (error) {
    if (error instanceof SelectorParseError) throw new KubectlError(error.message);
    throw error;
  }
  for (const { type, name } of pairs) {
    const resource = qualifiedResource(type);
    const ns = type.namespaced ? query.namespace : '';
    if (name !== undefined) {
      if (selector) throw new KubectlError('name cannot be provided when a selector is specified');
      const obj = api.get(resource, ns, name);
      if (obj) targets.push({ type, object: obj });
      else {
        ctx.err(`Error from server (NotFound): ${resource} "${name}" not found\n`);
        failed = true;
      }
      continue;
    }
    if (!selector && !query.all)
      throw new KubectlError('resource(s) were provided, but no name was specified');
    const items =
      type.namespaced && !query.allNamespaces ? api.list(resource, ns) : api.list(resource);
    for (const obj of items)
      if (!selector || matchesSelector(obj.metadata.labels, selector))
        targets.push({ type, object: obj });
  }
  return { targets, failed };
}
