/**
 * kubectl's tab-aligned tables: Go's text/tabwriter with minwidth 6, padding 3, spaces
 * (printers.GetNewTabWriter). The last column is not padded.
 */
export function formatTable(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const columns = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < columns - 1; c++) {
    let width = 0;
    for (const row of rows) width = Math.max(width, (row[c] ?? '').length + 3);
    widths.push(Math.max(6, width));
  }
  return rows
    .map((row) =>
      row.map((cell, c) => (c < row.length - 1 ? cell.padEnd(widths[c] ?? 0) : cell)).join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}
