/**
 * Go's text/tabwriter (the algorithm, not the code): tab-terminated cells, columns aligned per
 * block of consecutive lines that have a cell in that column, the last cell of a line never
 * padded. kubectl describe uses minwidth 0, padding 2 (describe.go tabbedString).
 */
function width(text: string): number {
  return Array.from(text).length;
}

export function alignTabs(text: string, minwidth = 0, padding = 2): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];
  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i] ?? [];
      let rendered = '';
      cells.forEach((cell, j) => {
        rendered += cell;
        const w = widths[j];
        if (j < widths.length && w !== undefined)
          rendered += ' '.repeat(Math.max(0, w - width(cell)));
      });
      out.push(rendered);
    }
  };
  const format = (start: number, end: number): void => {
    let line0 = start;
    const column = widths.length;
    for (let current = line0; current < end; current++) {
      if (column >= (lines[current]?.length ?? 0) - 1) continue;
      writeLines(line0, current);
      line0 = current;
      let cellWidth = minwidth;
      for (; current < end; current++) {
        const cells = lines[current] ?? [];
        if (column >= cells.length - 1) break;
        cellWidth = Math.max(cellWidth, width(cells[column] ?? '') + padding);
      }
      widths.push(cellWidth);
      format(line0, current);
      widths.pop();
      line0 = current;
    }
    writeLines(line0, end);
  };
  format(0, lines.length);
  return out.join('\n');
}

/**
 * describe.go's PrefixWriter over a tabwriter: `write(level, text)` indents by two spaces a level;
 * `flush()` ends a block of alignment (DescribeEvents flushes before its table).
 */
export class PrefixWriter {
  private pending = '';
  private done = '';

  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  flush(): void {
    if (this.pending === '') return;
    // Flushed text ends with a newline; format everything before it, keep the newline.
    const endsWithNewline = this.pending.endsWith('\n');
    const body = endsWithNewline ? this.pending.slice(0, -1) : this.pending;
    this.done += alignTabs(body) + (endsWithNewline ? '\n' : '');
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.done;
  }
}
