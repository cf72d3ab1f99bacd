/**
 * `-o yaml` and `-o json` as kubectl prints them: keys sorted at every level (objects pass through
 * a map on the way out), sequences not indented under their key, no line wrapping.
 */
import { dump } from 'js-yaml';

export function toYaml(value: unknown): string {
  return dump(value, {
    sortKeys: true,
    seqNoIndent: true,
    lineWidth: -1,
    quoteStyle: 'double',
    noRefs: true,
  });
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

/** encoding/json MarshalIndent with four spaces, as kubectl's JSON printer. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 4)}\n`;
}
