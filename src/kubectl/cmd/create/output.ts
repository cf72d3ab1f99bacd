/**
 * What every object-making command (create, run, expose, autoscale) does with the object it built:
 * print it for `--dry-run=client`, or send it to the API server and print kubectl's line.
 */
import type { KubeObject, ResourceType } from '../../../sim/index.ts';
import { resourceTypeForKind } from '../../../sim/index.ts';
import { KubectlError, type CommandContext } from '../../command.ts';
import { describeError } from '../../errors.ts';
import { toJson, toJsonOrdered, toYaml } from '../../printers/yaml.ts';
import { LAST_APPLIED } from '../../manifest/applyObject.ts';
import { kindPrefix } from '../../resources.ts';
import { flagBool, flagString, type FlagSpec, type ParsedArgs } from '../../shell/flags.ts';

export const OUTPUT_FLAGS: readonly FlagSpec[] = [
  { name: 'dry-run', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
];

export type DryRun = 'none' | 'client' | 'server';

export function dryRunOf(args: ParsedArgs): DryRun {
  const value = flagString(args.flags, 'dry-run');
  if (value === undefined || value === 'none') return 'none';
  if (value === 'client' || value === 'server') return value;
  throw new KubectlError(
    `Invalid dry-run value (${value}). Must be "none", "server", or "client".`,
  );
}

function checkOutput(args: ParsedArgs): string | undefined {
  const output = flagString(args.flags, 'output');
  if (output === undefined || ['yaml', 'json', 'name'].includes(output)) return output;
  throw new KubectlError(
    `unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`,
  );
}

/** ObjectMeta in Go field order: name, namespace, creationTimestamp (null until created), labels. */
export function objectMeta(
  name: string,
  namespace: string | undefined,
  extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): Record<string, unknown> {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    creationTimestamp: null,
    ...(extra.labels ? { labels: extra.labels } : {}),
    ...(extra.annotations ? { annotations: extra.annotations } : {}),
  };
}

/** The namespace a generator writes into the object: only when `-n` was given, as kubectl. */
export function explicitNamespace(args: ParsedArgs): string | undefined {
  return flagString(args.flags, 'namespace');
}

/** Drops the nulls and empty status a client-built object carries before it goes to the server. */
function forServer(obj: KubeObject, namespace: string, type: ResourceType): KubeObject {
  const copy = structuredClone(obj);
  const strip = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(strip);
    else if (value !== null && typeof value === 'object') {
      const map = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(map)) {
        if (v === null) delete map[k];
        else strip(v);
      }
    }
  };
  strip(copy);
  delete copy.status;
  if (type.namespaced) copy.metadata.namespace = copy.metadata.namespace ?? namespace;
  return copy;
}

export interface EmitOptions {
  /** The verb kubectl prints: `created`, `exposed`, `autoscaled`. */
  readonly verb?: string;
  /** What the server stores when it differs from what the client sent (HPA v1 → v2). */
  readonly toStored?: (obj: KubeObject) => KubeObject;
}

export function emitObject(
  ctx: CommandContext,
  args: ParsedArgs,
  obj: KubeObject,
  options: EmitOptions = {},
): number {
  const dryRun = dryRunOf(args);
  const output = checkOutput(args);
  const stored = options.toStored ? options.toStored(obj) : obj;
  const type = resourceTypeForKind(stored.apiVersion, stored.kind);
  if (!type)
    throw new KubectlError(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  const verb = options.verb ?? 'created';
  const name = obj.metadata.name ?? '';
  const prefix = `${kindPrefix(type)}/${name}`;
  if (dryRun === 'client') {
    if (output === 'yaml') ctx.out(toYaml(obj));
    else if (output === 'json') ctx.out(toJsonOrdered(obj));
    else if (output === 'name') ctx.out(`${prefix}\n`);
    else ctx.out(`${prefix} ${verb} (dry run)\n`);
    return 0;
  }
  const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
  const toSend = forServer(stored, namespace, type);
  if (flagBool(args.flags, 'save-config')) {
    // --save-config: kubectl encodes the object it built (Go field order, creationTimestamp
    // null, empty annotations omitted) into the annotation a later apply merges against.
    const built = structuredClone(obj);
    const annotations = { ...(built.metadata.annotations ?? {}) };
    delete annotations[LAST_APPLIED];
    if (Object.keys(annotations).length === 0) delete built.metadata.annotations;
    else built.metadata.annotations = annotations;
    toSend.metadata.annotations = {
      ...(toSend.metadata.annotations ?? {}),
      [LAST_APPLIED]: `${JSON.stringify(built).replace(/[<>&]/g, (c) => `\\u00${(c.codePointAt(0) ?? 0).toString(16)}`)}\n`,
    };
  }
  let created: KubeObject;
  try {
    created = ctx.cluster.api.create(toSend, {
      actor: 'kubectl-create',
      dryRun: dryRun === 'server',
    });
  } catch (error) {
    ctx.err(`${describeError(error)}\n`);
    return 1;
  }
  if (output === 'yaml') ctx.out(toYaml(created));
  else if (output === 'json') ctx.out(toJson(created));
  else if (output === 'name') ctx.out(`${prefix}\n`);
  else ctx.out(`${prefix} ${verb}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
  return 0;
}

/** `exactly one NAME is required, got 2` */
export function oneName(args: ParsedArgs, usage: string): string {
  const count = args.positional.length;
  if (count !== 1)
    throw new KubectlError(`exactly one NAME is required, got ${String(count)}`, usage);
  return args.positional[0] ?? '';
}

/** `name=value,…` pairs (labels, env, hard limits). */
export function parsePairs(text: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',').filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new KubectlError(`invalid ${what}: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** base64 of the UTF-8 bytes, as Secret data holds it. */
export function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The container name kubectl derives from an image: last path element, without tag or digest. */
export function containerNameFromImage(image: string): string {
  const lastPart = image.split('/').pop() ?? image;
  return (lastPart.split('@')[0] ?? lastPart).split(':')[0] ?? lastPart;
}
