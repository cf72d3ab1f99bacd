/**
 * kubectl's JSONPath templates (client-go/util/jsonpath): text with `{…}` actions, `range`/`end`,
 * string literals, `.field`, `['field']`, `[n]`, `[a:b]`, `[*]`, `..field` and `[?(@.x=="y")]`
 * filters. Missing keys print nothing (kubectl's default --allow-missing-template-keys=true).
 */

export class JsonPathError extends Error {}

type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'path'; readonly path: Segment[] }
  | { readonly kind: 'range'; readonly path: Segment[]; readonly body: Node[] };

type Segment =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'recursive'; readonly name: string }
  | {
      readonly kind: 'index';
      readonly start?: number;
      readonly end?: number;
      readonly single: boolean;
    }
  | { readonly kind: 'wildcard' }
  | {
      readonly kind: 'filter';
      readonly left: Segment[];
      readonly op?: string;
      readonly right?: unknown;
    };

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unquote(text: string): string {
  const body = text.slice(1, -1);
  return body.replace(/\\(.)/g, (_, ch: string) =>
    ch === 'n' ? '\n' : ch === 't' ? '\t' : ch === 'r' ? '\r' : ch,
  );
}

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))
    return unquote(t);
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  if (t !== '' && !Number.isNaN(n)) return n;
  throw new JsonPathError(`unrecognized filter value ${t}`);
}

function parseFilter(body: string): Segment {
  const match = /^(@[^=!<>]*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.+)$/.exec(body.trim());
  if (!match) return { kind: 'filter', left: parsePath(body.trim().slice(1)) };
  const [, left = '', op = '', right = ''] = match;
  return { kind: 'filter', left: parsePath(left.slice(1)), op, right: parseLiteral(right) };
}

function parseBracket(body: string): Segment {
  const t = body.trim();
  if (t === '*') return { kind: 'wildcard' };
  if (t.startsWith('?(') && t.endsWith(')')) return parseFilter(t.slice(2, -1));
  if (t.startsWith("'") || t.startsWith('"')) return { kind: 'field', name: unquote(t) };
  if (t.includes(':')) {
    const [a = '', b = ''] = t.split(':');
    return {
      kind: 'index',
      single: false,
      ...(a.trim() !== '' ? { start: Number(a) } : {}),
      ...(b.trim() !== '' ? { end: Number(b) } : {}),
    };
  }
  const n = Number(t);
  if (!Number.isInteger(n)) throw new JsonPathError(`invalid array index ${t}`);
  return { kind: 'index', start: n, single: true };
}

/** Parses `.a.b[0]['c'][*]..d` (the leading `.`, `$` or `@` optional). */
export function parsePath(text: string): Segment[] {
  const segments: Segment[] = [];
  let i = text.startsWith('$') || text.startsWith('@') ? 1 : 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') {
      const recursive = text[i + 1] === '.';
      i += recursive ? 2 : 1;
      let name = '';
      while (i < text.length && text[i] !== '.' && text[i] !== '[') {
        if (text[i] === '\\' && i + 1 < text.length) {
          name += text[i + 1] ?? '';
          i += 2;
        } else name += text[i++] ?? '';
      }
      if (name === '*') segments.push({ kind: 'wildcard' });
      else if (name !== '') segments.push({ kind: recursive ? 'recursive' : 'field', name });
    } else if (ch === '[') {
      let depth = 0;
      let j = i;
      let quote = '';
      for (; j < text.length; j++) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === "'" || c === '"') quote = c;
        else if (c === '[' || c === '(') depth++;
        else if (c === ']' || c === ')') {
          depth--;
          if (depth === 0 && c === ']') break;
        }
      }
      if (j >= text.length) throw new JsonPathError(`unterminated array`);
      segments.push(parseBracket(text.slice(i + 1, j)));
      i = j + 1;
    } else if (ch === ' ' || ch === '\t') i++;
    else {
      let name = '';
      while (i < text.length && text[i] !== '.' && text[i] !== '[') name += text[i++] ?? '';
      segments.push({ kind: 'field', name });
    }
  }
  return segments;
}

/** Splits a template into text and `{…}` actions, nesting `range … end`. */
export function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: { path: Segment[]; body: Node[] }[] = [];
  const current = (): Node[] => stack[stack.length - 1]?.body ?? root;
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      current().push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) current().push({ kind: 'text', text: template.slice(i, open) });
    let j = open + 1;
    let quote = '';
    for (; j < template.length; j++) {
      const c = template[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '}') break;
    }
    if (j >= template.length) throw new JsonPathError(`unclosed action`);
    const action = template.slice(open + 1, j).trim();
    i = j + 1;
    if (action === 'end') {
      const done = stack.pop();
      if (!done) throw new JsonPathError('not in range, nothing to end');
      current().push({ kind: 'range', path: done.path, body: done.body });
    } else if (action.startsWith('range ')) {
      stack.push({ path: parsePath(action.slice(6).trim()), body: [] });
    } else if (action.startsWith('"') || action.startsWith("'")) {
      current().push({ kind: 'text', text: unquote(action) });
    } else current().push({ kind: 'path', path: parsePath(action) });
  }
  if (stack.length > 0) throw new JsonPathError('unclosed range');
  return root;
}

function compare(a: unknown, op: string | undefined, b: unknown): boolean {
  if (op === undefined) return a !== undefined && a !== null && a !== false;
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return typeof a === typeof b && (a as number) < (b as number);
    case '>':
      return typeof a === typeof b && (a as number) > (b as number);
    case '<=':
      return typeof a === typeof b && (a as number) <= (b as number);
    case '>=':
      return typeof a === typeof b && (a as number) >= (b as number);
    default:
      throw new JsonPathError(`unsupported filter operator ${op}`);
  }
}

function recurse(value: unknown, name: string, out: unknown[]): void {
  if (isMap(value)) {
    if (name in value) out.push(value[name]);
    for (const v of Object.values(value)) recurse(v, name, out);
  } else if (Array.isArray(value)) for (const v of value) recurse(v, name, out);
}

function step(values: unknown[], segment: Segment): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    switch (segment.kind) {
      case 'field':
        if (isMap(value) && value[segment.name] !== undefined) out.push(value[segment.name]);
        break;
      case 'recursive':
        recurse(value, segment.name, out);
        break;
      case 'wildcard':
        if (Array.isArray(value)) out.push(...(value as unknown[]));
        else if (isMap(value)) out.push(...Object.values(value));
        break;
      case 'index': {
        if (!Array.isArray(value)) break;
        const list = value as unknown[];
        const norm = (n: number): number => (n < 0 ? list.length + n : n);
        if (segment.single) {
          const v = list[norm(segment.start ?? 0)];
          if (v !== undefined) out.push(v);
        } else
          out.push(
            ...list.slice(
              norm(segment.start ?? 0),
              segment.end === undefined ? undefined : norm(segment.end),
            ),
          );
        break;
      }
      case 'filter': {
        const items: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
        for (const item of items) {
          const found = evaluate(item, segment.left);
          if (found.some((f) => compare(f, segment.op, segment.right))) out.push(item);
        }
        break;
      }
    }
  }
  return out;
}

export function evaluate(value: unknown, path: readonly Segment[]): unknown[] {
  let values = [value];
  for (const segment of path) values = step(values, segment);
  return values;
}

/** encoding/json.Marshal of unstructured data: keys sorted, HTML characters escaped. */
function compactJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (isMap(v))
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sorted(v[k])]),
      );
    return v;
  };
  return JSON.stringify(sorted(value)).replace(
    /[<>&]/g,
    (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** How the jsonpath printer writes one value: strings bare, collections as compact JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return value === null ? 'null' : '';
  if (typeof value === 'object') return compactJson(value);
  return JSON.stringify(value);
}

function render(nodes: readonly Node[], data: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'path') out += evaluate(data, node.path).map(formatValue).join(' ');
    else
      for (const item of evaluate(data, node.path).flatMap(expandRange))
        out += render(node.body, item);
  }
  return out;
}

function expandRange(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** Executes a kubectl `-o jsonpath=` template (text outside braces is printed as is). */
export function executeJsonPath(template: string, data: unknown): string {
  return render(parseTemplate(template), data);
}

/** custom-columns and --sort-by take a bare path and wrap it in braces (RelaxedJSONPathExpression). */
export function relaxedPath(text: string): string {
  const t = text.trim();
  if (t.startsWith('{') && t.endsWith('}')) return t;
  return `{${t.startsWith('.') ? t : `.${t}`}}`;
}
