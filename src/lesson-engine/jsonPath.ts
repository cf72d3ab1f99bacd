/**
 * The part of kubectl's JSONPath that checks need: `.a.b`, `['a.b/c']` keys, `[0]` / `[-1]`
 * indexes, `[*]` and filters `[?(@.type=="Ready")]`. Braces are optional: `{.status.phase}` and
 * `.status.phase` mean the same. A path selects a list of values (as kubectl's does).
 */

type Segment =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'all' }
  | { readonly kind: 'filter'; readonly path: readonly string[]; readonly value: string };

export class JsonPathError extends Error {}

const KEY = /^\.([A-Za-z0-9_-]+)/;
const QUOTED = /^\[\s*(['"])(.*?)\1\s*\]/;
const INDEX = /^\[\s*(-?\d+)\s*\]/;
const ALL = /^(\[\s*\*\s*\]|\.\*)/;
const FILTER = /^\[\s*\?\(\s*@((?:\.[A-Za-z0-9_-]+)+)\s*==\s*(?:(['"])(.*?)\2|([^)\s]+))\s*\)\s*\]/;

export function parseJsonPath(text: string): readonly Segment[] {
  let rest = text.trim();
  if (rest.startsWith('{') && rest.endsWith('}')) rest = rest.slice(1, -1).trim();
  if (rest === '' || rest === '.') return [];
  if (!rest.startsWith('.') && !rest.startsWith('[')) rest = `.${rest}`;
  const segments: Segment[] = [];
  while (rest !== '') {
    let m: RegExpExecArray | null;
    if ((m = ALL.exec(rest))) segments.push({ kind: 'all' });
    else if ((m = KEY.exec(rest))) segments.push({ kind: 'key', key: m[1] ?? '' });
    else if ((m = QUOTED.exec(rest))) segments.push({ kind: 'key', key: m[2] ?? '' });
    else if ((m = INDEX.exec(rest))) segments.push({ kind: 'index', index: Number(m[1]) });
    else if ((m = FILTER.exec(rest)))
      segments.push({
        kind: 'filter',
        path: (m[1] ?? '').split('.').filter(Boolean),
        value: m[3] ?? m[4] ?? '',
      });
    else throw new JsonPathError(`cannot parse JSONPath "${text}" at "${rest}"`);
    rest = rest.slice(m[0].length);
  }
  return segments;
}

function child(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return (value as Record<string, unknown>)[key];
}

function scalar(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

function step(values: readonly unknown[], segment: Segment): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    if (segment.kind === 'key') {
      const next = child(value, segment.key);
      if (next !== undefined) out.push(next);
    } else if (!Array.isArray(value)) {
      if (segment.kind === 'all' && value !== null && typeof value === 'object')
        out.push(...(Object.values(value) as unknown[]));
    } else if (segment.kind === 'index') {
      const next: unknown = value[segment.index < 0 ? value.length + segment.index : segment.index];
      if (next !== undefined) out.push(next);
    } else if (segment.kind === 'all') out.push(...(value as unknown[]));
    else
      for (const item of value as unknown[]) {
        const probe = segment.path.reduce<unknown>((v, k) => child(v, k), item);
        if (scalar(probe) === segment.value) out.push(item);
      }
  }
  return out;
}

/** Every value the path selects in `root` (empty when the field is absent). */
export function selectAll(root: unknown, path: string): unknown[] {
  return parseJsonPath(path).reduce<unknown[]>((values, s) => step(values, s), [root]);
}

/** The single value a path selects: undefined if none, the list if several. */
export function selectOne(root: unknown, path: string): unknown {
  const values = selectAll(root, path);
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}
