/**
 * `-o yaml` and `-o json` as kubectl prints them. Objects read from the server are unstructured, so
 * their keys come out sorted; objects kubectl builds itself (generators with `--dry-run=client`)
 * are Go structs, so JSON keeps their field order while YAML (which goes through a map) sorts.
 */
import { goYaml } from './goYaml.ts';

export function toYaml(value: unknown): string {
  return goYaml(value);
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeysDeep(v);
    }
    return out;
  }
  return value;
}

/** encoding/json escapes HTML-significant characters and the JavaScript line separators. */
function goEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** encoding/json MarshalIndent with four spaces over an unstructured object: keys sorted. */
export function toJson(value: unknown): string {
  return `${goEscape(JSON.stringify(sortKeysDeep(value), null, 4))}\n`;
}

/** MarshalIndent over a typed object: keys in the order the object was built (Go field order). */
export function toJsonOrdered(value: unknown): string {
  return `${goEscape(JSON.stringify(value, null, 4))}\n`;
}
