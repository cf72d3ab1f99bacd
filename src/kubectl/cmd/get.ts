/**
 * `kubectl get`: tables per resource type, `-o wide|yaml|json|name|jsonpath=…|custom-columns=…`,
 * `-l`, `--field-selector`, `--sort-by`, `-L`, `-A`, `--show-labels`, names, `type/name` forms,
 * categories such as `all`, and `-w` (a stream of rows as virtual time runs; see getWatch.ts).
 */
import type { KubeObject, ResourceType } from '../../sim/index.ts';
import {
  matchesSelector,
  parseSelector,
  qualifiedResource,
  SelectorParseError,
} from '../../sim/index.ts';
import { KubectlError, type Command, type CommandContext } from '../command.ts';
import {
  checkFields,
  FieldSelectorError,
  matchesFields,
  parseFieldSelector,
} from '../fieldSelector.ts';
import { parseCustomColumns, renderCustomColumns } from '../printers/customColumns.ts';
import {
  evaluate,
  executeJsonPath,
  JsonPathError,
  parsePath,
  relaxedPath,
} from '../printers/jsonPath.ts';
import { toJson, toYaml } from '../printers/yaml.ts';
import { expandCategory, kindPrefix, resolveResource } from '../resources.ts';
import { flagBool, flagString, type ParsedArgs } from '../shell/flags.ts';
import { startWatch } from './getWatch.ts';
import { renderTable, tableOptions, type OutputFormat } from './getTable.ts';

interface Request {
  readonly type: ResourceType;
  readonly names: string[];
}

function parseRequests(positional: readonly string[]): Request[] {
  const first = positional[0];
  if (first === undefined) {
    throw new KubectlError(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
  }
  if (positional.some((p) => p.includes('/'))) {
    const requests: Request[] = [];
    for (const arg of positional) {
      const slash = arg.indexOf('/');
      if (slash < 0)
        throw new KubectlError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      const type = resolveResource(arg.slice(0, slash));
      const existing = requests.find((r) => r.type === type);
      if (existing) existing.names.push(arg.slice(slash + 1));
      else requests.push({ type, names: [arg.slice(slash + 1)] });
    }
    return requests;
  }
  const names = positional.slice(1);
  return first.split(',').flatMap((part) => {
    const category = expandCategory(part);
    return (category ?? [resolveResource(part)]).map((type) => ({ type, names: [...names] }));
  });
}

function toListObject(items: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
}

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function parseOutput(text: string): OutputFormat {
  if (text === '' || text === 'wide') return { kind: 'table', wide: text === 'wide' };
  if (text === 'yaml') return { kind: 'yaml' };
  if (text === 'json') return { kind: 'json' };
  if (text === 'name') return { kind: 'name' };
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  const arg = eq < 0 ? '' : text.slice(eq + 1);
  if (name === 'jsonpath') {
    if (arg === '') throw new KubectlError('template format specified but no template given');
    return { kind: 'jsonpath', template: arg };
  }
  if (name === 'custom-columns') return { kind: 'custom-columns', spec: arg };
  if (ALLOWED.split(',').includes(name))
    throw new KubectlError(
      `Kubeplay does not simulate -o ${name} yet: use jsonpath or custom-columns`,
    );
  throw new KubectlError(
    `unable to match a printer suitable for the output format "${text}", allowed formats are: ${ALLOWED}`,
  );
}

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function sortItems(items: KubeObject[], sortBy: string): KubeObject[] {
  let path;
  try {
    path = parsePath(relaxedPath(sortBy).slice(1, -1));
  } catch (error) {
    if (error instanceof JsonPathError) throw new KubectlError(error.message);
    throw error;
  }
  const keyed = items.map((item) => ({ item, key: evaluate(item, path)[0] }));
  return keyed.sort((a, b) => compareValues(a.key, b.key)).map((k) => k.item);
}

interface Selection {
  readonly collected: { type: ResourceType; items: KubeObject[] }[];
  readonly exitCode: number;
}

function select(ctx: CommandContext, args: ParsedArgs, requests: Request[]): Selection {
  const allNamespaces = flagBool(args.flags, 'all-namespaces');
  const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
  const selectorText = flagString(args.flags, 'selector');
  const fieldText = flagString(args.flags, 'field-selector');
  let selector;
  try {
    selector = selectorText === undefined ? undefined : parseSelector(selectorText);
  } catch (error) {
    if (error instanceof SelectorParseError) throw new KubectlError(error.message);
    throw error;
  }
  const fields = fieldText === undefined ? [] : parseFieldSelector(fieldText);
  const api = ctx.cluster.api;
  const collected: { type: ResourceType; items: KubeObject[] }[] = [];
  let exitCode = 0;
  for (const { type, names } of requests) {
    const resource = qualifiedResource(type);
    if (fieldText !== undefined) checkFields(type, resource, fields, fieldText, selectorText ?? '');
    const ns = type.namespaced ? namespace : '';
    let items: KubeObject[];
    if (names.length > 0) {
      items = [];
      for (const name of names) {
        const obj = api.get(resource, ns, name);
        if (obj) items.push(obj);
        else if (!flagBool(args.flags, 'ignore-not-found')) {
          ctx.err(`Error from server (NotFound): ${resource} "${name}" not found\n`);
          exitCode = 1;
        }
      }
    } else {
      items =
        type.namespaced && !allNamespaces ? api.list(resource, namespace) : api.list(resource);
      if (selector) items = items.filter((o) => matchesSelector(o.metadata.labels, selector));
    }
    if (fields.length > 0) items = items.filter((o) => matchesFields(o, fields));
    const sortBy = flagString(args.flags, 'sort-by');
    if (sortBy !== undefined) items = sortItems(items, sortBy);
    collected.push({ type, items });
  }
  return { collected, exitCode };
}

export const getCommand: Command = {
  name: 'get',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'label-columns', short: 'L', type: 'strings' },
    { name: 'sort-by', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
  ],
  run(ctx: CommandContext, args: ParsedArgs): number {
    const requests = parseRequests(args.positional);
    const output = parseOutput(flagString(args.flags, 'output') ?? '');
    let selection: Selection;
    try {
      selection = select(ctx, args, requests);
    } catch (error) {
      if (error instanceof FieldSelectorError) {
        ctx.err(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
    const { collected, exitCode } = selection;
    const watch = flagBool(args.flags, 'watch') || flagBool(args.flags, 'watch-only');
    if (!flagBool(args.flags, 'watch-only')) print(ctx, args, requests, collected, output, watch);
    if (watch) {
      if (requests.length !== 1 || (requests[0]?.names.length ?? 0) > 1)
        throw new KubectlError('you may only specify a single resource type');
      startWatch(ctx, args, requests[0]?.type as ResourceType, requests[0]?.names[0], output);
    }
    return exitCode;
  },
};

function print(
  ctx: CommandContext,
  args: ParsedArgs,
  requests: readonly Request[],
  collected: readonly { type: ResourceType; items: KubeObject[] }[],
  output: OutputFormat,
  watching: boolean,
): void {
  const everything = collected.flatMap((c) => c.items);
  const singleName = requests.length === 1 && requests[0]?.names.length === 1;
  if (output.kind === 'yaml' || output.kind === 'json' || output.kind === 'jsonpath') {
    if (singleName && everything.length === 0) return;
    const value = singleName ? everything[0] : toListObject(everything);
    if (output.kind === 'yaml') ctx.out(toYaml(value));
    else if (output.kind === 'json') ctx.out(toJson(value));
    else {
      try {
        ctx.out(executeJsonPath(output.template, value));
      } catch (error) {
        if (error instanceof JsonPathError)
          throw new KubectlError(`error parsing jsonpath ${output.template}, ${error.message}`);
        throw error;
      }
    }
    return;
  }
  if (output.kind === 'name') {
    for (const { type, items } of collected)
      for (const obj of items) ctx.out(`${kindPrefix(type)}/${obj.metadata.name ?? ''}\n`);
    return;
  }
  const allNamespaces = flagBool(args.flags, 'all-namespaces');
  const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
  const nonEmpty = collected.filter((c) => c.items.length > 0);
  if (nonEmpty.length === 0) {
    if (requests.every((r) => r.names.length === 0) && !watching) {
      const anyNamespaced = requests.some((r) => r.type.namespaced);
      ctx.err(
        anyNamespaced && !allNamespaces
          ? `No resources found in ${namespace} namespace.\n`
          : 'No resources found\n',
      );
    }
    return;
  }
  if (output.kind === 'custom-columns') {
    ctx.out(
      renderCustomColumns(
        parseCustomColumns(output.spec),
        everything,
        flagBool(args.flags, 'no-headers'),
      ),
    );
    return;
  }
  const multiKind =
    requests.length > 1 || args.positional[0] === 'all' || flagBool(args.flags, 'show-kind');
  const tables = nonEmpty.map(({ type, items }) =>
    renderTable(type, items, ctx.cluster.now(), tableOptions(args, output.wide, type, multiKind)),
  );
  ctx.out(tables.join('\n'));
}
