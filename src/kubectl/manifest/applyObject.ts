/**
 * Client-side `kubectl apply` for one object: create it with the last-applied-configuration
 * annotation, or three-way merge (last applied, new config, live) and update it.
 * TODO(#7): strategic-merge list semantics (lists keyed by name) beyond whole-list replacement.
 */
import type { Cluster, FieldValidation, KubeObject, ResourceType } from '../../sim/index.ts';
import { qualifiedResource } from '../../sim/index.ts';
import { kindPrefix } from '../resources.ts';
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
  for (const [key, value] of Object.entries(desired)) {
    out[key] =
      isMap(value) && isMap(out[key])
        ? threeWayMerge(out[key], isMap(lastApplied) ? lastApplied[key] : undefined, value)
        : structuredClone(value);
  }
  if (isMap(lastApplied)) {
    for (const key of Object.keys(lastApplied)) if (!(key in desired)) delete out[key];
  }
  return out;
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
  const merged = threeWayMerge(live, previous, config) as KubeObject;
  merged.metadata.annotations = {
    ...(merged.metadata.annotations ?? {}),
    [LAST_APPLIED]: annotation,
  };
  merged.metadata.resourceVersion = live.metadata.resourceVersion ?? '';
  const updated = api.update(merged, request);
  const changed = updated !== live;
  return changed
    ? { outcome: 'configured', object: updated, line: `${prefix} configured${suffix}` }
    : { outcome: 'unchanged', object: live, line: `${prefix} unchanged${suffix}` };
}
