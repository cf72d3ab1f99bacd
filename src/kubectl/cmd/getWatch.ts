/**
 * `kubectl get -w`: after the current table, one row per change as virtual time runs. The rows are
 * produced by the API server's watch events, so they appear exactly when the change happens; each
 * row is aligned on its own, as kubectl flushes its tab writer after every event.
 */
import type { KubeObject, ResourceType, WatchEvent } from '../../sim/index.ts';
import { qualifiedResource } from '../../sim/index.ts';
import type { CommandContext, WatchStream } from '../command.ts';
import { executeJsonPath } from '../printers/jsonPath.ts';
import { formatTable } from '../printers/table.ts';
import { toJson, toYaml } from '../printers/yaml.ts';
import { kindPrefix } from '../resources.ts';
import { flagBool, flagString, type ParsedArgs } from '../shell/flags.ts';
import { tableOptions, tableRows, type OutputFormat } from './getTable.ts';

export function startWatch(
  ctx: CommandContext,
  args: ParsedArgs,
  type: ResourceType,
  name: string | undefined,
  output: OutputFormat,
): void {
  const allNamespaces = flagBool(args.flags, 'all-namespaces');
  const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
  const withEvents = flagBool(args.flags, 'output-watch-events');
  let buffer = '';
  const render = (event: WatchEvent): string => {
    const obj: KubeObject = event.object;
    if (output.kind === 'yaml') return `---\n${toYaml(obj)}`;
    if (output.kind === 'json') return toJson(obj);
    if (output.kind === 'name') return `${kindPrefix(type)}/${obj.metadata.name ?? ''}\n`;
    if (output.kind === 'jsonpath') return executeJsonPath(output.template, obj);
    const wide = output.kind === 'table' && output.wide;
    const { rows } = tableRows(type, [obj], ctx.cluster.now(), {
      ...tableOptions(args, wide, type, false),
      noHeaders: true,
    });
    const row = rows[0] ?? [];
    return formatTable([withEvents ? [event.type, ...row] : row]);
  };
  const unsubscribe = ctx.cluster.api.watch(qualifiedResource(type), (event) => {
    const meta = event.object.metadata;
    if (type.namespaced && !allNamespaces && meta.namespace !== namespace) return;
    if (name !== undefined && meta.name !== name) return;
    buffer += render(event);
  });
  const stream: WatchStream = {
    description: `kubectl get ${qualifiedResource(type)} --watch`,
    poll() {
      const text = buffer;
      buffer = '';
      return text;
    },
    stop: unsubscribe,
  };
  ctx.stream(stream);
}
