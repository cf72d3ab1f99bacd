/** GNU `diff -u` hunks between two texts (line LCS, three lines of context). */

function lcsTable(a: readonly string[], b: readonly string[]): Uint32Array[] {
  const rows = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = rows[i] as Uint32Array;
    const below = rows[i + 1] as Uint32Array;
    for (let j = b.length - 1; j >= 0; j--)
      row[j] = a[i] === b[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
  }
  return rows;
}

type Op = { kind: ' ' | '-' | '+'; text: string; a: number; b: number };

function operations(a: readonly string[], b: readonly string[]): Op[] {
  const t = lcsTable(a, b);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i] ?? '', a: i++, b: j++ });
    } else if (j < b.length && (i >= a.length || (t[i]?.[j + 1] ?? 0) >= (t[i + 1]?.[j] ?? 0))) {
      ops.push({ kind: '+', text: b[j] ?? '', a: i, b: j++ });
    } else {
      ops.push({ kind: '-', text: a[i] ?? '', a: i++, b: j });
    }
  }
  // GNU diff prints deletions before insertions within a change.
  for (let k = 0; k < ops.length; k++) {
    let end = k;
    while (end < ops.length && ops[end]?.kind !== ' ') end++;
    if (end > k) {
      const block = ops.slice(k, end);
      ops.splice(
        k,
        end - k,
        ...block.filter((o) => o.kind === '-'),
        ...block.filter((o) => o.kind === '+'),
      );
      k = end;
    }
  }
  return ops;
}

function range(start: number, count: number): string {
  if (count === 1) return String(start + 1);
  return `${String(count === 0 ? start : start + 1)},${String(count)}`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** The hunks (`@@ … @@` and their lines), or '' when the texts are equal. */
export function unifiedHunks(before: string, after: string, context = 3): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = operations(a, b);
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  let out = '';
  let index = 0;
  while (index < changed.length) {
    const first = changed[index] ?? 0;
    let last = first;
    while (index + 1 < changed.length && (changed[index + 1] ?? 0) - last <= context * 2 + 1)
      last = changed[++index] ?? last;
    index++;
    const start = Math.max(0, first - context);
    const end = Math.min(ops.length, last + context + 1);
    const slice = ops.slice(start, end);
    const aStart = Math.min(...slice.map((o) => o.a));
    const bStart = Math.min(...slice.map((o) => o.b));
    const aCount = slice.filter((o) => o.kind !== '+').length;
    const bCount = slice.filter((o) => o.kind !== '-').length;
    out += `@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@\n`;
    for (const o of slice) out += `${o.kind}${o.text}\n`;
  }
  return out;
}
