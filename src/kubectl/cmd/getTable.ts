/** The table part of `kubectl get`: headers and rows per resource, shared by get and get -w. */
import type { KubeObject, ResourceType } from '../../sim/index.ts';
import { qualifiedResource } from '../../sim/index.ts';
import { columnsFor } from '../printers/columns.ts';
import { formatTable } from '../printers/table.ts';
import { kindPrefix } from '../resources.ts';
import { flagBool, flagStrings, type ParsedArgs } from '../shell/flags.ts';

export type OutputFormat =
  | { readonly kind: 'table'; readonly wide: boolean }
  | { readonly kind: 'yaml' }
  | { readonly kind: 'json' }
  | { readonly kind: 'name' }
  | { readonly kind: 'jsonpath'; readonly template: string }
  | { readonly kind: 'custom-columns'; readonly spec: string };

export function tableOptions(
  args: ParsedArgs,
  wide: boolean,
  type: ResourceType,
  multiKind: boolean,
): TableOptions {
  return {
    wide,
    withNamespace: flagBool(args.flags, 'all-namespaces') && type.namespaced,
    showLabels: flagBool(args.flags, 'show-labels'),
    labelColumns: flagStrings(args.flags, 'label-columns'),
    prefix: multiKind ? `${kindPrefix(type)}/` : '',
    noHeaders: flagBool(args.flags, 'no-headers'),
  };
}

export interface TableOptions {
  readonly wide: boolean;
  readonly withNamespace: boolean;
  readonly showLabels: boolean;
  readonly labelColumns?: readonly string[];
  readonly prefix: string;
  readonly noHeaders: boolean;
}

/** Header and cells of each row, before tab alignment. */
export function tableRows(
  type: ResourceType,
  items: readonly KubeObject[],
  now: number,
  options: TableOptions,
): { headers: string[]; rows: string[][] } {
  const columns = columnsFor(qualifiedResource(type));
  const replace = options.wide && columns.wideReplacesRow === true;
  const labelColumns = options.labelColumns ?? [];
  const headers = [
    ...(options.withNamespace ? ['NAMESPACE'] : []),
    ...(replace ? [] : columns.headers),
    ...(options.wide ? (columns.wideHeaders ?? []) : []),
    ...labelColumns.map((l) => (l.split('/').pop() ?? l).toUpperCase()),
    ...(options.showLabels ? ['LABELS'] : []),
  ];
  const rows = items.map((obj) => {
    const cells = replace ? (columns.wideRow?.(obj, now) ?? []) : columns.row(obj, now);
    if (options.prefix && cells.length > 0) cells[0] = `${options.prefix}${cells[0] ?? ''}`;
    const labels = Object.entries(obj.metadata.labels ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return [
      ...(options.withNamespace ? [obj.metadata.namespace ?? ''] : []),
      ...cells,
      ...(options.wide && !replace ? (columns.wideRow?.(obj, now) ?? []) : []),
      ...labelColumns.map((l) => obj.metadata.labels?.[l] ?? ''),
      ...(options.showLabels ? [labels === '' ? '<none>' : labels] : []),
    ];
  });
  return { headers, rows };
}

export function renderTable(
  type: ResourceType,
  items: readonly KubeObject[],
  now: number,
  options: TableOptions,
): string {
  const { headers, rows } = tableRows(type, items, now, options);
  return formatTable(options.noHeaders ? rows : [headers, ...rows]);
}
