/**
 * Turns parsed documents into API objects the way kubectl's resource builder does: checks
 * apiVersion/kind, expands `kind: List`, maps kinds to resources and settles the namespace.
 */
import type { KubeObject, ResourceType } from '../../sim/index.ts';
import { RESOURCE_TYPES, apiVersionOf, resourceTypeForKind } from '../../sim/index.ts';
import { isRemoved, noMatchHint, notSimulatedReason } from './notSimulated.ts';
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

/**
 * kubectl's `resource mapping not found` error for a kind the server does not serve, followed by a
 * Kubeplay note on why; or, for kinds a real cluster serves that Kubeplay leaves out, a refusal that
 * names the kind and the reason.
 */
function unknownKindMessage(
  apiVersion: string,
  kind: string,
  metadata: Record<string, unknown>,
  source: string,
): string {
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const refusal = isRemoved(apiVersion, kind) ? undefined : notSimulatedReason(apiVersion, kind);
  if (refusal) return `error: ${refusal}. "${name}" from "${source}" was not applied.`;
  const served = [
    ...new Set(RESOURCE_TYPES.filter((t) => t.kind === kind).map((t) => apiVersionOf(t))),
  ];
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  const hint = noMatchHint(apiVersion, kind, served);
  return `error: resource mapping not found for name: "${name}" namespace: "${namespace}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first${hint ? `\n(Kubeplay: ${hint})` : ''}`;
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
    const type = resourceTypeForKind(apiVersion, kind);
    if (!type) {
      out.push({
        ok: false,
        source,
        message: unknownKindMessage(apiVersion, kind, metadata, source),
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
