/**
 * The official OpenAPI v3 schemas (Kubernetes v1.35), compacted by scripts/build-openapi-schemas.mjs.
 * Each field's type is a descriptor string: a scalar (`string`, `int32`, `int64`, `bool`, `double`,
 * `byte`, `intstr`, `quantity`, `time`, `any`), a type name (`core.v1.PodSpec`), `[]<descriptor>`
 * for arrays or `{}<descriptor>` for string-keyed maps.
 */
import bundle from './generated/schemas.json' with { type: 'json' };

export interface TypeSchema {
  /** Fields and their descriptors. */
  readonly p: Readonly<Record<string, string>>;
  /** Required fields, sorted. */
  readonly r?: readonly string[];
}

const types = bundle.types as Readonly<Record<string, TypeSchema | undefined>>;
const kinds = bundle.kinds as Readonly<Record<string, string | undefined>>;

export const SCALARS = new Set([
  'string',
  'int32',
  'int64',
  'bool',
  'double',
  'byte',
  'intstr',
  'quantity',
  'time',
  'any',
]);

/** The schema type name for an apiVersion and kind, e.g. `apps.v1.Deployment`. */
export function schemaTypeFor(apiVersion: string, kind: string): string | undefined {
  return kinds[`${apiVersion}/${kind}`];
}

export function typeSchema(name: string): TypeSchema | undefined {
  return types[name];
}

/** Every apiVersion/kind with a schema, e.g. `apps/v1/Deployment`. */
export function schemaKinds(): readonly string[] {
  return Object.keys(kinds);
}

/** `EnvVar` for `core.v1.EnvVar`: the Go struct name in json errors. */
export function goStructName(typeName: string): string {
  return typeName.slice(typeName.lastIndexOf('.') + 1);
}

/**
 * The Go type a descriptor decodes into, as reflect.Type.String() prints it in json errors:
 * `int32`, `[]v1.Container`, `map[string]string`, `v1.PodSpec`, `[]uint8` for base64 bytes.
 */
export function goTypeName(descriptor: string): string {
  if (descriptor.startsWith('[]')) return `[]${goTypeName(descriptor.slice(2))}`;
  if (descriptor.startsWith('{}')) return `map[string]${goTypeName(descriptor.slice(2))}`;
  switch (descriptor) {
    case 'bool':
      return 'bool';
    case 'double':
      return 'float64';
    case 'byte':
      return '[]uint8';
    case 'intstr':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'time':
      return 'v1.Time';
    case 'any':
      return 'interface {}';
    case 'string':
    case 'int32':
    case 'int64':
      return descriptor;
    default: {
      // core.v1.PodSpec → v1.PodSpec (the Go package is named after the version).
      const parts = descriptor.split('.');
      return parts.slice(-2).join('.');
    }
  }
}
