/**
 * JSON Schemas (draft-07) built from the compact OpenAPI bundle, for editors such as monaco-yaml:
 * one kind's schema, or one schema for every kind that picks the right type by apiVersion and kind.
 * Structs allow no extra properties, as strict field validation rejects them. Descriptions are a
 * separate, lazily loaded file so the initial bundle stays small.
 */
import { SCALARS, schemaKinds, schemaTypeFor, typeSchema } from './schemas.ts';

export type JsonSchema = Record<string, unknown>;
/** Per type, per field (and '' for the type itself): the first sentence of the upstream description. */
export type SchemaDescriptions = Readonly<Record<string, Readonly<Record<string, string>>>>;

const SCALAR_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  string: { type: 'string' },
  int32: { type: 'integer' },
  int64: { type: 'integer' },
  bool: { type: 'boolean' },
  double: { type: 'number' },
  byte: { type: 'string', contentEncoding: 'base64' },
  intstr: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
  quantity: {
    anyOf: [
      {
        type: 'string',
        pattern: '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$',
      },
      { type: 'number' },
    ],
  },
  time: { type: 'string', format: 'date-time' },
  any: {},
};

const definitionKey = (typeName: string): string => typeName;

function descriptorSchema(descriptor: string, reached: Set<string>): JsonSchema {
  const scalar = SCALAR_SCHEMAS[descriptor];
  if (scalar && SCALARS.has(descriptor)) return scalar;
  if (descriptor.startsWith('[]'))
    return { type: 'array', items: descriptorSchema(descriptor.slice(2), reached) };
  if (descriptor.startsWith('{}'))
    return {
      type: 'object',
      additionalProperties: descriptorSchema(descriptor.slice(2), reached),
    };
  reached.add(descriptor);
  return { $ref: `#/definitions/${definitionKey(descriptor)}` };
}

function structSchema(
  typeName: string,
  reached: Set<string>,
  descriptions: SchemaDescriptions | undefined,
): JsonSchema {
  const schema = typeSchema(typeName);
  if (!schema) return {};
  const docs = descriptions?.[typeName];
  const properties: Record<string, JsonSchema> = {};
  for (const [field, descriptor] of Object.entries(schema.p)) {
    const property = descriptorSchema(descriptor, reached);
    const text = docs?.[field];
    // A $ref cannot carry siblings in draft-07, so a described reference is wrapped in allOf.
    properties[field] = text
      ? '$ref' in property
        ? { allOf: [property], description: text }
        : { ...property, description: text }
      : property;
  }
  return {
    type: 'object',
    properties,
    additionalProperties: false,
    ...(schema.r ? { required: schema.r } : {}),
    ...(docs?.[''] ? { description: docs[''] } : {}),
  };
}

/** Definitions for every type reachable from `roots`. */
function definitions(
  roots: readonly string[],
  descriptions: SchemaDescriptions | undefined,
): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const reached = new Set(roots);
  const done = new Set<string>();
  while (done.size < reached.size) {
    for (const name of [...reached]) {
      if (done.has(name)) continue;
      done.add(name);
      out[definitionKey(name)] = structSchema(name, reached, descriptions);
    }
  }
  return out;
}

function kindSchema(apiVersion: string, kind: string, typeName: string): JsonSchema {
  return {
    allOf: [
      { $ref: `#/definitions/${definitionKey(typeName)}` },
      {
        properties: { apiVersion: { const: apiVersion }, kind: { const: kind } },
        required: ['apiVersion', 'kind', 'metadata'],
      },
    ],
  };
}

/** The schema of one kind, or undefined when Kubeplay has no schema for it. */
export function jsonSchemaFor(
  apiVersion: string,
  kind: string,
  descriptions?: SchemaDescriptions,
): JsonSchema | undefined {
  const typeName = schemaTypeFor(apiVersion, kind);
  if (!typeName) return undefined;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...kindSchema(apiVersion, kind, typeName),
    definitions: definitions([typeName], descriptions),
  };
}

/** One schema for any manifest: each kind's schema applies when apiVersion and kind match it. */
export function kubernetesJsonSchema(descriptions?: SchemaDescriptions): JsonSchema {
  const kinds = schemaKinds().map((key) => {
    const slash = key.lastIndexOf('/');
    return { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1) };
  });
  const roots = kinds.map((k) => schemaTypeFor(k.apiVersion, k.kind) ?? '');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      apiVersion: { type: 'string', enum: [...new Set(kinds.map((k) => k.apiVersion))] },
      kind: { type: 'string', enum: [...new Set(kinds.map((k) => k.kind))].sort() },
    },
    required: ['apiVersion', 'kind'],
    allOf: kinds.map((k, i) => ({
      if: {
        properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } },
        required: ['apiVersion', 'kind'],
      },
      then: { $ref: `#/definitions/${definitionKey(roots[i] ?? '')}` },
    })),
    definitions: definitions(roots, descriptions),
  };
}

/** Loads the field descriptions (about 190 KB) on demand; pass them to the functions above. */
export async function loadSchemaDescriptions(): Promise<SchemaDescriptions> {
  const module = (await import('./generated/descriptions.json')) as {
    default: SchemaDescriptions;
  };
  return module.default;
}
