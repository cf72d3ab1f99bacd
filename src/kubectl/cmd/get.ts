/**
 * `kubectl get`: tables per resource type, `-o wide|yaml|json|name`, `-l`, `-A`, `--show-labels`,
 * names, `type/name` forms and categories such as `all`.
 * TODO(#7): jsonpath, custom-columns, --field-selector, -w.
 */
import type { KubeObject, ResourceType } from '../../sim/index.ts';
import {
  matchesSelector,
  parseSelector,
  qualifiedResource,
  SelectorParseError,
} from '../../sim/index.ts';
import { KubectlError, type Command, type CommandContext } from '../command.ts';
import { columnsFor } from '../printers/columns.ts';
import { formatTable } from '../printers/table.ts';
import { toJson, toYaml } from '../printers/yaml.ts';
import { expandCategory, kindPrefix, resolveResource } from '../resources.ts';
import { flagBool, flagString, type ParsedArgs } from '../shell/flags.ts';

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
  return {
    apiVersion: 'v1',
    kind: 'List',
    metadata: { resourceVersion: '' },
    items,
  };
}

export const getCommand: Command = {
  name: 'get',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
  ],
  run(ctx: CommandContext, args: ParsedArgs): number {
    const requests = parseRequests(args.positional);
    const output = flagString(args.flags, 'output') ?? '';
    if (!['', 'wide', 'yaml', 'json', 'name'].includes(output)) {
      throw new KubectlError(
        `unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
      );
    }
    const allNamespaces = flagBool(args.flags, 'all-namespaces');
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    const selectorText = flagString(args.flags, 'selector');
    let selector;
    try {
      selector = selectorText === undefined ? undefined : parseSelector(selectorText);
    } catch (error) {
      if (error instanceof SelectorParseError) throw new KubectlError(error.message);
      throw error;
    }
    const api = ctx.cluster.api;
    const now = ctx.cluster.now();
    const multiKind = requests.length > 1 || args.positional[0] === 'all';
    const collected: { type: ResourceType; items: KubeObject[] }[] = [];
    let exitCode = 0;
    for (const { type, names } of requests) {
      const resource = qualifiedResource(type);
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
      collected.push({ type, items });
    }
    const everything = collected.flatMap((c) => c.items);
    if (output === 'yaml' || output === 'json') {
      const singleName = requests.length === 1 && requests[0]?.names.length === 1;
      if (singleName && everything.length === 0) return exitCode;
      const value = singleName ? everything[0] : toListObject(everything);
      ctx.out(output === 'yaml' ? toYaml(value) : toJson(value));
      return exitCode;
    }
    if (output === 'name') {
      for (const { type, items } of collected)
        for (const obj of items) ctx.out(`${kindPrefix(type)}/${obj.metadata.name ?? ''}\n`);
      return exitCode;
    }
    const nonEmpty = collected.filter((c) => c.items.length > 0);
    if (nonEmpty.length === 0) {
      if (exitCode === 0 && requests.every((r) => r.names.length === 0)) {
        const anyNamespaced = requests.some((r) => r.type.namespaced);
        ctx.err(
          anyNamespaced && !allNamespaces
            ? `No resources found in ${namespace} namespace.\n`
            : 'No resources found\n',
        );
      }
      return exitCode;
    }
    const tables = nonEmpty.map(({ type, items }) =>
      renderTable(type, items, now, {
        wide: output === 'wide',
        withNamespace: allNamespaces && type.namespaced,
        showLabels: flagBool(args.flags, 'show-labels'),
        prefix: multiKind ? `${kindPrefix(type)}/` : '',
        noHeaders: flagBool(args.flags, 'no-headers'),
      }),
    );
    ctx.out(tables.join('\n'));
    return exitCode;
  },
};

interface TableOptions {
  readonly wide: boolean;
  readonly withNamespace: boolean;
  readonly showLabels: boolean;
  readonly prefix: string;
  readonly noHeaders: boolean;
}

export function renderTable(
  type: ResourceType,
  items: readonly KubeObject[],
  now: number,
  options: TableOptions,
): string {
  const columns = columnsFor(qualifiedResource(type));
  const headers = [
    ...(options.withNamespace ? ['NAMESPACE'] : []),
    ...columns.headers,
    ...(options.wide ? (columns.wideHeaders ?? []) : []),
    ...(options.showLabels ? ['LABELS'] : []),
  ];
  const rows = items.map((obj) => {
    const cells = columns.row(obj, now);
    if (options.prefix && cells.length > 0) cells[0] = `${options.prefix}${cells[0] ?? ''}`;
    const labels = Object.entries(obj.metadata.labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return [
      ...(options.withNamespace ? [obj.metadata.namespace ?? ''] : []),
      ...cells,
      ...(options.wide ? (columns.wideRow?.(obj, now) ?? []) : []),
      ...(options.showLabels ? [labels === '' ? '<none>' : labels] : []),
    ];
  });
  return formatTable(options.noHeaders ? rows : [headers, ...rows]);
}
