/**
 * Everything the API server would say about one manifest object, as a list of problems with field
 * paths, for the editor to underline: client-side checks (apiVersion, kind), decoding (type errors
 * and every unknown field) and, when it decodes, the semantic validation of a create. It runs no
 * admission, allocates nothing and draws no randomness, so checking as the learner types never
 * changes the simulation.
 */
import type { ApiServer } from '../apiServer.ts';
import { schemaTypeFor } from '../openapi/schemas.ts';
import { apiVersionOf, resourceTypeForKind } from '../resourceTypes.ts';
import { formatFieldError } from '../statusErrors.ts';
import type { KubeObject } from '../types/index.ts';
import { decodeObject } from './decode.ts';

export interface ValidationProblem {
  /**
   * Where: `spec.template.spec.containers[0].image`, with list indices and map keys in brackets
   * (`data[bad key]`). Go validation names a whole map for label errors (`metadata.labels`). Empty
   * for the whole object.
   */
  readonly path: string;
  /** The message kubectl would print for this problem. */
  readonly message: string;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a parsed manifest object (a YAML document) against the cluster's API server. */
export function validateObject(api: ApiServer, value: unknown): ValidationProblem[] {
  if (!isMap(value)) return [{ path: '', message: 'invalid object to validate' }];
  const problems: ValidationProblem[] = [];
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '')
    problems.push({ path: 'apiVersion', message: 'apiVersion not set' });
  if (typeof value.kind !== 'string' || value.kind === '')
    problems.push({ path: 'kind', message: 'kind not set' });
  if (problems.length > 0) return problems;
  const apiVersion = value.apiVersion as string;
  const kind = value.kind as string;
  if (kind === 'List') return [];
  const type = resourceTypeForKind(apiVersion, kind);
  if (!type) {
    return [{ path: 'kind', message: `no matches for kind "${kind}" in version "${apiVersion}"` }];
  }
  const typeName = schemaTypeFor(apiVersionOf(type), type.kind);
  let decoded: Record<string, unknown> = value;
  if (typeName) {
    const result = decodeObject(value, typeName);
    for (const field of result.unknownFields)
      problems.push({ path: field, message: `unknown field "${field}"` });
    if (result.error) {
      problems.push({ path: result.error.path, message: result.error.message });
      return problems;
    }
    decoded = result.object;
  }
  for (const error of api.check(decoded as unknown as KubeObject)) {
    problems.push({ path: error.field, message: formatFieldError(error) });
  }
  return problems;
}
