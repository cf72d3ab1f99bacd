/**
 * Per-resource behaviour of the API server (the registry "strategy" in Kubernetes): defaulting,
 * what create/update may change, and validation.
 */
import type { FieldError } from '../statusErrors.ts';
import type { KubeObject } from '../types/index.ts';

export interface ResourceStrategy {
  /** SetDefaults_*: fills fields the API server defaults. Mutates the (unfrozen) object. */
  defaults?(obj: KubeObject): void;
  /** Semantic validation of a new object (beyond metadata, which the server checks). */
  validate?(obj: KubeObject): FieldError[];
  /** Validation of an update against the stored object (immutable fields and the like). */
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Mutations on create, e.g. resetting status or setting the initial phase. */
  prepareForCreate?(obj: KubeObject): void;
  /** Fields derived from the new object's UID (a Job's generated selector and labels). */
  afterUid?(obj: KubeObject): void;
  /**
   * True when the kind has a status subresource: updates of the main resource keep the stored
   * status, and status updates keep the stored spec.
   */
  readonly hasStatusSubresource: boolean;
}

export const plainStrategy: ResourceStrategy = { hasStatusSubresource: false };
