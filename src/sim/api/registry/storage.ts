/**
 * StorageClass and PersistentVolumeClaim checks with the API server's messages. Mirrors
 * pkg/apis/storage/v1/defaults.go, pkg/apis/storage/validation (ValidateStorageClass and its
 * update) and pkg/apis/core/validation (ValidatePersistentVolumeClaimSpec).
 */
import { deepEqual } from '../../util/objects.ts';
import { parseQuantity } from '../quantity.ts';
import type { FieldError } from '../statusErrors.ts';
import type { KubeObject } from '../types/index.ts';
import type { ResourceStrategy } from './strategy.ts';

interface StorageClassFields {
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
}

const supported = (values: readonly string[]): string =>
  `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`;

const classOf = (obj: KubeObject): StorageClassFields => obj as unknown as StorageClassFields;

export const storageClassStrategy: ResourceStrategy = {
  hasStatusSubresource: false,
  defaults(obj) {
    const sc = classOf(obj);
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validate(obj) {
    const sc = classOf(obj);
    const errors: FieldError[] = [];
    if (!sc.provisioner) errors.push({ field: 'provisioner', type: 'Required value' });
    if (sc.reclaimPolicy !== undefined && !['Delete', 'Retain'].includes(sc.reclaimPolicy))
      errors.push({
        field: 'reclaimPolicy',
        type: 'Unsupported value',
        value: sc.reclaimPolicy,
        detail: supported(['Delete', 'Retain']),
      });
    const modes = ['Immediate', 'WaitForFirstConsumer'];
    if (sc.volumeBindingMode !== undefined && !modes.includes(sc.volumeBindingMode))
      errors.push({
        field: 'volumeBindingMode',
        type: 'Unsupported value',
        value: sc.volumeBindingMode,
        detail: supported(modes),
      });
    return errors;
  },
  validateUpdate(obj, old) {
    const next = classOf(obj);
    const prev = classOf(old);
    const errors: FieldError[] = [];
    if (!deepEqual(next.parameters ?? {}, prev.parameters ?? {}))
      errors.push({
        field: 'parameters',
        type: 'Forbidden',
        detail: 'updates to parameters are forbidden.',
      });
    if (next.provisioner !== prev.provisioner)
      errors.push({
        field: 'provisioner',
        type: 'Forbidden',
        detail: 'updates to provisioner are forbidden.',
      });
    if (next.reclaimPolicy !== prev.reclaimPolicy)
      errors.push({
        field: 'reclaimPolicy',
        type: 'Forbidden',
        detail: 'updates to reclaimPolicy are forbidden.',
      });
    if (next.volumeBindingMode !== prev.volumeBindingMode)
      errors.push({
        field: 'volumeBindingMode',
        type: 'Invalid value',
        value: next.volumeBindingMode ?? '',
        detail: 'field is immutable',
      });
    return errors;
  },
};

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

interface ClaimSpec {
  accessModes?: string[];
  resources?: { requests?: Record<string, unknown> };
  dataSource?: unknown;
  dataSourceRef?: unknown;
}

/** ValidatePersistentVolumeClaimSpec, the parts a learner writes. */
export function validateClaimSpec(spec: ClaimSpec | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const modes = spec?.accessModes ?? [];
  if (modes.length === 0)
    errors.push({
      field: `${path}.accessModes`,
      type: 'Required value',
      detail: 'at least 1 access mode is required',
    });
  for (const mode of modes) {
    if (!ACCESS_MODES.includes(mode))
      errors.push({
        field: `${path}.accessModes`,
        type: 'Unsupported value',
        value: mode,
        detail: supported(ACCESS_MODES),
      });
  }
  const storage = spec?.resources?.requests?.storage;
  if (storage === undefined) {
    // A claim cloned or restored from a data source may take its size from it.
    if (!spec?.dataSource && !spec?.dataSourceRef)
      errors.push({ field: `${path}.resources[storage]`, type: 'Required value' });
  } else if (typeof storage === 'string' || typeof storage === 'number') {
    if ((parseQuantity(storage) ?? 0) > 0) return errors;
    errors.push({
      field: `${path}.resources.requests[storage]`,
      type: 'Invalid value',
      value: String(storage),
      detail: 'must be greater than zero',
    });
  }
  return errors;
}

/**
 * Validation only: the claim's status is written by the volume binder through ordinary updates here,
 * so the strategy does not claim a status subresource.
 */
export const persistentVolumeClaimStrategy: ResourceStrategy = {
  hasStatusSubresource: false,
  validate: (obj) => validateClaimSpec(obj.spec as ClaimSpec | undefined, 'spec'),
};
