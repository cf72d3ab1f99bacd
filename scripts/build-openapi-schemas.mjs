#!/usr/bin/env node
/**
 * Builds the compact schema bundle the simulated API server decodes against, from the official
 * Kubernetes OpenAPI v3 documents (api/openapi-spec/v3 of kubernetes/kubernetes).
 *
 *   node scripts/build-openapi-schemas.mjs [path/to/k8s-openapi/v3]
 *
 * Default input: ../shared/k8s-openapi/v3 (relative to the repo root). Output:
 *   src/sim/api/openapi/generated/schemas.json       types, fields, required lists, kinds
 *   src/sim/api/openapi/generated/descriptions.json  first sentence of each field's description
 *
 * Every field type becomes one short descriptor string:
 *   string | int32 | int64 | bool | double | byte | intstr | quantity | time | any
 *   <type name>           a reference, e.g. core.v1.PodSpec (prefix io.k8s.api. dropped)
 *   []<descriptor>        an array
 *   {}<descriptor>        a map with string keys
 * Descriptions, defaults and patch hints are dropped, which takes 5.3 MiB down to a few hundred KB.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? join(root, '../shared/k8s-openapi/v3'));
const outDir = join(root, 'src/sim/api/openapi/generated');

const SPECIAL = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'intstr',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': 'any',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch': 'any',
  'io.k8s.apimachinery.pkg.runtime.RawExtension': 'any',
};

function shortName(full) {
  return full
    .replace(/^io\.k8s\.api\./, '')
    .replace(/^io\.k8s\.apimachinery\.pkg\.apis\./, '')
    .replace(/^io\.k8s\.apimachinery\.pkg\./, '');
}

function refOf(schema) {
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  return ref?.replace('#/components/schemas/', '');
}

function descriptor(schema, where) {
  const ref = refOf(schema);
  if (ref) return SPECIAL[ref] ?? shortName(ref);
  switch (schema.type) {
    case 'string':
      return schema.format === 'byte' ? 'byte' : schema.format === 'date-time' ? 'time' : 'string';
    case 'integer':
      return schema.format === 'int32' ? 'int32' : 'int64';
    case 'number':
      return 'double';
    case 'boolean':
      return 'bool';
    case 'array':
      return `[]${descriptor(schema.items, where)}`;
    case 'object':
      return schema.additionalProperties
        ? `{}${descriptor(schema.additionalProperties, where)}`
        : 'any';
    default:
      if (schema.format === 'int-or-string') return 'intstr';
      throw new Error(`unsupported schema at ${where}: ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

/** The first sentence of a description, for editor hovers. */
function firstSentence(text) {
  if (!text) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/\.(\s|$)/);
  const sentence = end >= 0 ? flat.slice(0, end + 1) : flat;
  return sentence.length > 240 ? `${sentence.slice(0, 237)}...` : sentence;
}

const files = readdirSync(input)
  .filter((f) => f.endsWith('_openapi.json'))
  .sort();
const definitions = new Map();
for (const file of files) {
  const doc = JSON.parse(readFileSync(join(input, file), 'utf8'));
  for (const [name, schema] of Object.entries(doc.components.schemas))
    definitions.set(name, schema);
}

const types = {};
const descriptions = {};
const kinds = {};
for (const name of [...definitions.keys()].sort()) {
  if (SPECIAL[name]) continue;
  const schema = definitions.get(name);
  const short = shortName(name);
  const props = {};
  const docs = {};
  for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
    props[field] = descriptor(fieldSchema, `${name}.${field}`);
    const text = firstSentence(fieldSchema.description);
    if (text) docs[field] = text;
  }
  const entry = { p: props };
  if (schema.required?.length) entry.r = [...schema.required].sort();
  types[short] = entry;
  const own = firstSentence(schema.description);
  descriptions[short] = { ...(own ? { '': own } : {}), ...docs };
  for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
    // Only objects a client writes: List kinds and meta types (WatchEvent, Status, ...) are skipped.
    if (gvk.kind.endsWith('List') || !props.metadata) continue;
    if (name.startsWith('io.k8s.apimachinery.')) continue;
    const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
    kinds[`${apiVersion}/${gvk.kind}`] = short;
  }
}

const sortedKinds = Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => (a < b ? -1 : 1)));
mkdirSync(outDir, { recursive: true });
const schemas = {
  source:
    'Kubernetes v1.35 OpenAPI v3 (api/openapi-spec/v3), built by scripts/build-openapi-schemas.mjs',
  kinds: sortedKinds,
  types,
};
writeFileSync(join(outDir, 'schemas.json'), `${JSON.stringify(schemas)}\n`);
writeFileSync(join(outDir, 'descriptions.json'), `${JSON.stringify(descriptions)}\n`);
console.log(
  `${String(files.length)} files, ${String(Object.keys(types).length)} types, ${String(Object.keys(sortedKinds).length)} kinds`,
);
