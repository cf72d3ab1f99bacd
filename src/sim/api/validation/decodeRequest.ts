/**
 * The decode step of a create or update request (apiserver/pkg/endpoints/handlers/create.go and
 * update.go): decoding errors fail the request as BadRequest with transformDecodeError's wording,
 * `<Kind> in version "<version>" cannot be handled as a <Kind>: <error>`; unknown fields fail it
 * too under `fieldValidation=Strict` (kubectl's default, `--validate=strict`), become warnings
 * under `Warn`, and are dropped silently under `Ignore`.
 */
import { schemaTypeFor } from '../openapi/schemas.ts';
import { apiVersionOf, type ResourceType } from '../resourceTypes.ts';
import { ApiError } from '../statusErrors.ts';
import type { KubeObject } from '../types/index.ts';
import { decodeObject, strictDecodingMessage } from './decode.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Returns the object as decoded (unknown fields pruned), or throws the API server's BadRequest. */
export function decodeRequest<T extends KubeObject>(
  input: T,
  type: ResourceType,
  fieldValidation: FieldValidation,
  warnings?: string[],
): T {
  const typeName = schemaTypeFor(apiVersionOf(type), type.kind);
  if (!typeName) return input;
  const result = decodeObject(input, typeName);
  const prefix = `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: `;
  if (result.error) throw new ApiError('BadRequest', prefix + result.error.message);
  if (result.unknownFields.length > 0) {
    if (fieldValidation === 'Strict') {
      throw new ApiError('BadRequest', prefix + strictDecodingMessage(result.unknownFields));
    }
    if (fieldValidation === 'Warn') {
      for (const field of result.unknownFields) warnings?.push(`unknown field "${field}"`);
    }
  }
  return result.object as unknown as T;
}
