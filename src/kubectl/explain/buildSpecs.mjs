// Builds generated/explain.json from the official OpenAPI v3 documents in /work/shared/k8s-openapi/v3
// (or the folder given): every schema reachable from the kinds Kubeplay serves, with only the
// fields kubectl explain's template reads. Run: node src/kubectl/explain/buildSpecs.mjs [dir]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? '/work/shared/k8s-openapi/v3';
const here = dirname(fileURLToPath(import.meta.url));
const KEEP = [
  'description',
  'type',
  'items',
  'additionalProperties',
  'allOf',
  '$ref',
  'properties',
  'required',
  'enum',
  'externalDocs',
  'x-kubernetes-group-version-kind',
];

const all = {};
for (const file of readdirSync(dir).filter((f) => f.endsWith('_openapi.json').valueOf())) {
  const doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  Object.assign(all, doc.components?.schemas ?? {});
}

function trim(schema) {
  if (Array.isArray(schema)) return schema.map(trim);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const key of KEEP) {
    if (!(key in schema)) continue;
    const value = schema[key];
    if (key === 'properties')
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trim(v)]));
    else if (key === 'items' || key === 'additionalProperties' || key === 'allOf')
      out[key] = typeof value === 'object' ? trim(value) : value;
    else out[key] = value;
  }
  return out;
}

const wanted = new Set();
const visit = (name) => {
  if (wanted.has(name) || !all[name]) return;
  wanted.add(name);
  JSON.stringify(all[name]).replace(/#\/components\/schemas\/([^"]+)/g, (_, ref) => {
    visit(ref);
    return '';
  });
};
const served = JSON.parse(readFileSync(join(here, 'servedKinds.json'), 'utf8'));
for (const [name, schema] of Object.entries(all)) {
  const gvks = schema['x-kubernetes-group-version-kind'] ?? [];
  if (gvks.some((g) => served.includes(`${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`)))
    visit(name);
}
const schemas = Object.fromEntries([...wanted].sort().map((n) => [n, trim(all[n])]));
writeFileSync(
  join(here, 'generated', 'explain.json'),
  `${JSON.stringify({ source: 'Kubernetes OpenAPI v3 (api/openapi-spec/v3), see generated/SOURCE.md', schemas })}\n`,
);
console.log(`${String(wanted.size)} schemas`);
