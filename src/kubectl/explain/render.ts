/**
 * kubectl explain's plaintext template (pkg/explain/v2/templates/plaintext.tmpl) over the OpenAPI
 * v3 schemas: GROUP/KIND/VERSION, FIELD, DESCRIPTION (sprig `wrap 76 | indent 4`), FIELDS with
 * `name\t<type>` lines, `-required-`, enums, and `--recursive`.
 */
import bundle from './generated/explain.json' with { type: 'json' };

export interface Schema {
  readonly description?: string;
  readonly type?: string;
  readonly items?: Schema;
  readonly additionalProperties?: Schema | boolean;
  readonly allOf?: readonly Schema[];
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly externalDocs?: { readonly description?: string; readonly url?: string };
  readonly 'x-kubernetes-group-version-kind'?: readonly {
    group: string;
    version: string;
    kind: string;
  }[];
}

const SCHEMAS = bundle.schemas as unknown as Readonly<Record<string, Schema>>;

export class ExplainError extends Error {
  /** What kubectl has already printed to stdout when it fails (the GROUP/KIND/VERSION lines). */
  constructor(
    message: string,
    readonly printed = '',
  ) {
    super(message);
  }
}

function resolve(ref: string | undefined): Schema | undefined {
  if (!ref) return undefined;
  return SCHEMAS[ref.slice(ref.lastIndexOf('/') + 1)];
}

function mapValue(schema: Schema): Schema | undefined {
  const ap = schema.additionalProperties;
  return ap !== undefined && typeof ap !== 'boolean' ? ap : undefined;
}

/**
 * The template's `wrap`: kubectl's term.WordWrapWriter, i.e. mitchellh/go-wordwrap WrapString —
 * breaks at spaces before `limit`, keeps existing newlines, never splits a word.
 */
export function wrap(text: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of text) {
    if (ch === '\n') {
      if (word === '') {
        if (current + space.length <= limit) out += space;
      } else {
        out += space + word;
      }
      space = '';
      word = '';
      out += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (space === '' || word !== '') {
        current += space.length + word.length;
        out += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > limit && word.length < limit) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word === '') {
    if (current + space.length <= limit) out += space;
  } else out += space + word;
  return out;
}

/** sprig `indent`: the pad before the text and after every newline. */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return pad + text.replaceAll('\n', `\n${pad}`);
}

function typeGuess(schema: Schema): string {
  if (schema.items) return `[]${typeGuess(schema.items)}`;
  const mv = mapValue(schema);
  if (mv) return `map[string]${typeGuess(mv)}`;
  if (schema.allOf && !schema.properties && schema.allOf.length === 1 && schema.allOf[0])
    return typeGuess(schema.allOf[0]);
  if (schema.$ref) {
    const target = resolve(schema.$ref);
    if (!target || !target.type || target.type === 'object') {
      const name = schema.$ref.split('/').pop() ?? '';
      return name.split('.').pop() || 'Object';
    }
    return target.type;
  }
  return schema.type === 'object' ? 'Object' : (schema.type ?? 'Object');
}

function enumText(schema: Schema, longView: boolean, limit: number, indentAmount: number): string {
  const values = schema.enum;
  if (!values || values.length === 0) return '';
  let out = longView ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
  for (let i = 0; i < values.length; i++) {
    if (limit > -1 && i >= limit) {
      out += ', ....';
      break;
    }
    if (i > 0 && !longView) out += ', ';
    else if (longView) out += '\n    ';
    const v = values[i];
    out += v === '' ? '""' : typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

function description(schema: Schema): string {
  const s = resolve(schema.$ref) ?? schema;
  let out = s.description ? `${s.description}\n` : '';
  for (const sub of s.allOf ?? []) out += description(sub);
  if (s.items) out += description(s.items);
  const mv = mapValue(s);
  if (mv) out += description(mv);
  return out;
}

function fieldDetail(parent: Schema, name: string, short: boolean, level: number): string {
  const field = parent.properties?.[name] ?? {};
  const amount = level * 2;
  let out = `${indent(name, amount)}\t<${typeGuess(field)}>`;
  if (parent.required?.includes(name)) out += ' -required-';
  out += enumText(field, false, 4, amount);
  out += '\n';
  if (!short) {
    out += `${indent(wrap(field.description ?? '<no description>', 78 - amount), amount + 2)}\n`;
    if (field.externalDocs) {
      out += `${indent('EXTERNAL DOCS:', amount + 2)}\n`;
      if (field.externalDocs.description)
        out += `${indent(wrap(field.externalDocs.description, 76 - amount), amount + 4)}\n`;
      if (field.externalDocs.url)
        out += `${indent(`URL: ${field.externalDocs.url}`, amount + 4)}\n`;
    }
    out += '\n';
  }
  return out;
}

function fieldList(
  schema: Schema,
  level: number,
  recursive: boolean,
  history: ReadonlySet<string>,
): string {
  const ref = schema.$ref ?? '';
  if (ref && history.has(ref)) return '';
  const next = new Set(history);
  if (ref) next.add(ref);
  const resolved = resolve(ref) ?? schema;
  let out = '';
  for (const name of Object.keys(resolved.properties ?? {}).sort()) {
    out += fieldDetail(resolved, name, recursive, level);
    if (recursive) out += fieldList(resolved.properties?.[name] ?? {}, level + 1, recursive, next);
  }
  for (const sub of resolved.allOf ?? []) out += fieldList(sub, level, recursive, next);
  if (resolved.items) out += fieldList(resolved.items, level, recursive, next);
  const mv = mapValue(resolved);
  if (mv) out += fieldList(mv, level, recursive, next);
  return out;
}

function output(
  schema: Schema,
  path: readonly string[],
  recursive: boolean,
  history: ReadonlySet<string>,
): string {
  const ref = schema.$ref ?? '';
  const resolved = resolve(ref) ?? schema;
  if (path.length === 0) {
    let out = `DESCRIPTION:\n${indent(wrap(description(resolved) || '<empty>', 76), 4)}\n`;
    if (resolved.externalDocs) {
      out += '\nEXTERNAL DOCS:\n';
      if (resolved.externalDocs.description)
        out += `${indent(wrap(resolved.externalDocs.description, 76), 4)}\n`;
      if (resolved.externalDocs.url) out += `${indent(`URL: ${resolved.externalDocs.url}`, 4)}\n`;
    }
    const fields = fieldList(resolved, 1, recursive, new Set());
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref && history.has(ref)) return '';
  const next = new Set(history);
  if (ref) next.add(ref);
  const first = path[0] ?? '';
  const sub = resolved.properties?.[first];
  if (sub) {
    let out = '';
    if (path.length === 1)
      out += `FIELD: ${first} <${typeGuess(sub)}>\n${enumText(sub, true, -1, 0)}\n\n`;
    return out + output(sub, path.slice(1), recursive, new Set());
  }
  if (resolved.items) return output(resolved.items, path, recursive, next);
  const mv = mapValue(resolved);
  if (mv) return output(mv, path, recursive, next);
  for (const alt of resolved.allOf ?? []) {
    const text = output(alt, path, recursive, next);
    if (text) return text;
  }
  return '';
}

/** The explain text for a kind and a field path, or an ExplainError in kubectl's words. */
export function explain(
  gvk: { group: string; version: string; kind: string },
  path: readonly string[],
  recursive: boolean,
): string {
  const schema = Object.values(SCHEMAS).find((s) =>
    (s['x-kubernetes-group-version-kind'] ?? []).some(
      (g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind,
    ),
  );
  if (!schema)
    throw new ExplainError(
      `GVK ${gvk.group}/${gvk.version}, Kind=${gvk.kind} not found in OpenAPI schema`,
    );
  let out = gvk.group ? `GROUP:      ${gvk.group}\n` : '';
  out += `KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  const body = output(schema, path, recursive, new Set());
  if (!body) throw new ExplainError(`field "${path[path.length - 1] ?? ''}" does not exist`, out);
  return `${out}${body}\n`;
}
