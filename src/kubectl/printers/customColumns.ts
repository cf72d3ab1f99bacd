/** `-o custom-columns=HEADER:.path,…` (kubectl get/customcolumn.go): `<none>` for missing values. */
import { KubectlError } from '../command.ts';
import { evaluate, formatValue, JsonPathError, parsePath, relaxedPath } from './jsonPath.ts';
import { formatTable } from './table.ts';

interface Column {
  readonly header: string;
  readonly path: string;
}

export function parseCustomColumns(spec: string): Column[] {
  if (spec === '')
    throw new KubectlError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0)
      throw new KubectlError(
        `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`,
      );
    return { header: part.slice(0, colon), path: part.slice(colon + 1) };
  });
}

export function renderCustomColumns(
  columns: readonly Column[],
  items: readonly unknown[],
  noHeaders: boolean,
): string {
  const paths = columns.map((c) => {
    try {
      return parsePath(relaxedPath(c.path).slice(1, -1));
    } catch (error) {
      if (error instanceof JsonPathError) throw new KubectlError(error.message);
      throw error;
    }
  });
  const rows = items.map((item) =>
    paths.map((path) => {
      const values = evaluate(item, path);
      return values.length === 0 ? '<none>' : values.map(formatValue).join(',');
    }),
  );
  return formatTable(noHeaders ? rows : [columns.map((c) => c.header), ...rows]);
}
