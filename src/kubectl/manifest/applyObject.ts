/**
 * Client-side `kubectl apply` for one object: create it with the last-applied-configuration
 * annotation, or three-way merge (last applied, new config, live) and update it.
 * Lists with a patch merge key (containers, env, ports, volumes, …) merge item by item, as the
 * strategic merge patch kubectl sends does; other lists are replaced.
 */
import type { Cluster, FieldValidation, KubeObject, ResourceType } from '../../sim/index.ts';
import { qualifiedResource } from '../../sim/index.ts';
import { kindPrefix } from '../resources.ts';
import { mergeKeyFor } from '../patch/strategicMerge.ts';
import { toJson } from '../printers/yaml.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

export interface ApplyResult {
  readonly outcome: ApplyOutcome;
  readonly object: KubeObject;
  /** `deployment.apps/web created` */
  readonly line: string;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The compact, key-sorted JSON kubectl stores in the annotation (with a trailing newline). */
export function lastAppliedOf(config: KubeObject): string {
  const copy = structuredClone(config);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  return `${JSON.stringify(JSON.parse(toJson(copy)))}\n`;
}

/** Three-way merge: set what the config says, delete what it stopped saying, keep the rest of live. */
export function threeWayMerge(live: unknown, lastApplied: unknown, desired: unknown): unknown {
  if (!isMap(desired) || !isMap(live)) return structuredClone(desired);
  const out: Record<string, unknown> = structuredClone(live);
  const previous = isMap(lastApplied) ? lastApplied : undefined;
  for (const [key, value] of Object.entries(desired)) {
    const current = out[key];
    if (isMap(value) && isMap(current)) out[key] = threeWayMerge(current, previous?.[key], value);
    else if (Array.isArray(value) && Array.isArray(current))
      out[key] = mergeList(key, current, previous?.[key], value);
    else out[key] = structuredClone(value);
  }
  if (previous) {
    for (const key of Object.keys(previous)) if (!(key in desired)) delete out[key];
  }
  return out;
}

/**
 * A list with a merge key: the config's items in its order, each merged with the live item of the
 * same key; live items the config never had (added by the server or others) stay; items the last
 * applied config had and this one dropped go.
 */
function mergeList(
  field: string,
  live: unknown[],
  lastApplied: unknown,
  desired: unknown[],
): unknown[] {
  const key = mergeKeyFor(field, [...live, ...desired]);
  if (!key || ![...live, ...desired].every(isMap)) return structuredClone(desired);
  const previous = Array.isArray(lastApplied) ? lastApplied.filter(isMap) : [];
  const find = (
    list: readonly unknown[],
    item: Record<string, unknown>,
  ): Record<string, unknown> | undefined =>
    list.find((x): x is Record<string, unknown> => isMap(x) && x[key] === item[key]);
  const merged = desired.map((item) => {
    const d = item as Record<string, unknown>;
    const l = find(live, d);
    return l ? threeWayMerge(l, find(previous, d), d) : structuredClone(d);
  });
  const kept = live.filter((item) => isMap(item) && !find(desired, item) && !find(previous, item));
  return [...merged, ...structuredClone(kept)];
}

export function applyObject(
  cluster: Cluster,
  type: ResourceType,
  config: KubeObject,
  options: {
    dryRun: boolean;
    actor?: string;
    /** kubectl's `--validate`: Strict unless told otherwise. */
    fieldValidation?: FieldValidation;
    warnings?: string[];
    /** The file the object came from, as kubectl names it in errors. */
    source?: string;
  },
): ApplyResult {
  const api = cluster.api;
  const resource = qualifiedResource(type);
  const namespace = type.namespaced ? (config.metadata.namespace ?? 'default') : '';
  const name = config.metadata.name ?? '';
  const annotation = lastAppliedOf(config);
  const prefix = `${kindPrefix(type)}/${name}`;
  const suffix = options.dryRun ? ' (dry run)' : '';
  const actor = options.actor ?? 'kubectl-client-side-apply';
  const request = {
    actor,
    dryRun: options.dryRun,
    fieldValidation: options.fieldValidation ?? 'Strict',
    ...(options.warnings ? { warnings: options.warnings } : {}),
  } as const;
  if (name === '') {
    // kubectl apply reads the live object first, and client-go refuses a GET without a name.
    const gv = type.group === '' ? `/${type.version}` : `${type.group}/${type.version}`;
    throw new Error(
      `error when retrieving current configuration of:\nResource: "${gv}, Resource=${type.plural}", GroupVersionKind: "${gv}, Kind=${type.kind}"\nName: "", Namespace: "${namespace}"\nfrom server for: "${options.source ?? ''}": resource name may not be empty`,
    );
  }
  const live = api.get(resource, namespace, name);
  if (!live) {
    const toCreate = structuredClone(config);
    toCreate.metadata.annotations = {
      ...(toCreate.metadata.annotations ?? {}),
      [LAST_APPLIED]: annotation,
    };
    const created = api.create(toCreate, request);
    return { outcome: 'created', object: created, line: `${prefix} created${suffix}` };
  }
  const previousText = live.metadata.annotations?.[LAST_APPLIED];
  let previous: unknown;
  try {
    previous = previousText ? JSON.parse(previousText) : undefined;
  } catch {
    previous = undefined;
  }
  // kubectl diffs against the *modified* config: the new one plus its last-applied annotation, so
  // a manifest without annotations never deletes those the controllers added (the revision).
  const modified = structuredClone(config);
  modified.metadata.annotations = {
    ...(modified.metadata.annotations ?? {}),
    [LAST_APPLIED]: annotation,
  };
  const merged = threeWayMerge(live, previous, modified) as KubeObject;
  merged.metadata.resourceVersion = live.metadata.resourceVersion ?? '';
  const updated = api.update(merged, request);
  const changed = updated !== live;
  return changed
    ? { outcome: 'configured', object: updated, line: `${prefix} configured${suffix}` }
    : { outcome: 'unchanged', object: live, line: `${prefix} unchanged${suffix}` };
}
