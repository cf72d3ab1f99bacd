/**
 * Turns parsed documents into API objects the way kubectl's resource builder does: checks
 * apiVersion/kind, expands `kind: List`, maps kinds to resources and settles the namespace.
 */
import type { KubeObject, ResourceType } from '../../sim/index.ts';
import { RESOURCE_TYPES, resourceTypeForKind } from '../../sim/index.ts';
import type { SourceDocument } from './readSources.ts';

export type ObjectOrError =
  | {
      readonly ok: true;
      readonly object: KubeObject;
      readonly type: ResourceType;
      readonly source: string;
    }
  | { readonly ok: false; readonly message: string; readonly source: string };

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Converts YAML timestamps (which js-yaml turns into Date) back to the strings the API expects. */
function normalizeScalars(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(value)) return value.map(normalizeScalars);
  if (isMap(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeScalars(v)]));
  return value;
}

export function toObjects(
  docs: readonly SourceDocument[],
  namespace: string,
  explicitNamespace: boolean,
): ObjectOrError[] {
  const out: ObjectOrError[] = [];
  const visit = (raw: unknown, source: string): void => {
    const value = normalizeScalars(raw);
    if (!isMap(value)) {
      out.push({
        ok: false,
        source,
        message: `error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
      });
      return;
    }
    const missing = [
      ...(typeof value.apiVersion === 'string' && value.apiVersion ? [] : ['apiVersion not set']),
      ...(typeof value.kind === 'string' && value.kind ? [] : ['kind not set']),
    ];
    if (missing.length > 0) {
      out.push({
        ok: false,
        source,
        message: `error: error validating "${source}": error validating data: [${missing.join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false`,
      });
      return;
    }
    const apiVersion = value.apiVersion as string;
    const kind = value.kind as string;
    if (kind === 'List' || (kind.endsWith('List') && Array.isArray(value.items))) {
      for (const item of (value.items as unknown[] | undefined) ?? []) visit(item, source);
      return;
    }
    const metadata = isMap(value.metadata) ? value.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    const type = resourceTypeForKind(apiVersion, kind);
    if (!type) {
      const otherVersions = RESOURCE_TYPES.filter((t) => t.kind === kind).map((t) =>
        t.group === '' ? t.version : `${t.group}/${t.version}`,
      );
      const hint =
        otherVersions.length > 0
          ? `\nKubernetes v1.32 serves ${kind} as apiVersion ${[...new Set(otherVersions)].join(' or ')}`
          : '\nensure CRDs are installed first';
      out.push({
        ok: false,
        source,
        message: `error: resource mapping not found for name: "${name}" namespace: "${typeof metadata.namespace === 'string' ? metadata.namespace : ''}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"${hint}`,
      });
      return;
    }
    const object = { ...value, metadata: { ...metadata } } as unknown as KubeObject;
    if (type.namespaced) {
      const own = object.metadata.namespace;
      if (own && explicitNamespace && own !== namespace) {
        out.push({
          ok: false,
          source,
          message: `error: the namespace from the provided object "${own}" does not match the namespace "${namespace}". You must pass '--namespace=${own}' to perform this operation.`,
        });
        return;
      }
      object.metadata.namespace = own ?? namespace;
    } else {
      delete object.metadata.namespace;
    }
    out.push({ ok: true, object, type, source });
  };
  for (const doc of docs) visit(doc.value, doc.source);
  return out;
}
