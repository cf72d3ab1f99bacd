/**
 * Strategic merge patch for the built-in kinds (apimachinery/pkg/util/strategicpatch): maps merge,
 * `null` deletes, lists with a patch merge key (containers by name, ports by containerPort or port,
 * env by name, volumes by name, …) merge item by item, other lists are replaced. Supports the
 * `$patch: delete|replace` directives on list items and maps.
 */
type Json = unknown;
type JsonMap = Record<string, Json>;

function isMap(v: Json): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** patchMergeKey from the Kubernetes API types, by field name. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  conditions: 'type',
  ownerReferences: 'uid',
  resourceClaims: 'name',
  readinessGates: 'conditionType',
};

/** Primitive lists that merge as sets (patchStrategy:"merge"). */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

/** The patchMergeKey of a list field (containers → name, container ports → containerPort, …). */
export function mergeKeyFor(field: string, items: readonly Json[]): string | undefined {
  if (field === 'ports')
    return items.some((i) => isMap(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

function mergeList(field: string, live: Json[], patch: Json[]): Json[] {
  if (MERGED_PRIMITIVE_LISTS.has(field) && patch.every((p) => !isMap(p)))
    return [...live, ...patch.filter((p) => !live.includes(p))];
  const key = mergeKeyFor(field, [...live, ...patch]);
  if (!key) return patch.filter((p) => !(isMap(p) && p.$patch !== undefined));
  if (patch.some((p) => isMap(p) && p.$patch === 'replace'))
    return patch.filter((p) => !(isMap(p) && p.$patch === 'replace'));
  const out = live.map((item) => structuredClone(item));
  for (const item of patch) {
    if (!isMap(item)) continue;
    const index = out.findIndex((o) => isMap(o) && o[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    if (index >= 0) out[index] = strategicMerge(out[index], item);
    else out.push(strategicMerge(undefined, item));
  }
  return out;
}

export function strategicMerge(live: Json, patch: Json): Json {
  if (!isMap(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const rest = { ...patch };
    delete rest.$patch;
    return rest;
  }
  if (patch.$patch === 'delete') return undefined;
  const out: JsonMap = isMap(live) ? structuredClone(live) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) delete out[key];
    else if (Array.isArray(value) && Array.isArray(out[key]))
      out[key] = mergeList(key, out[key], value);
    else if (Array.isArray(value)) out[key] = mergeList(key, [], value);
    else if (isMap(value)) {
      const merged = strategicMerge(out[key], value);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    } else out[key] = value;
  }
  return out;
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(live: Json, patch: Json): Json {
  if (!isMap(patch)) return structuredClone(patch);
  const out: JsonMap = isMap(live) ? structuredClone(live) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
