/**
 * ConfigMap and Secret strategies: Secret defaults (type Opaque, stringData merged into data as the
 * v1 conversion does), key and type validation, and immutability on update.
 * Mirrors pkg/apis/core/validation/validation.go (ValidateConfigMap, ValidateSecret and their
 * Update variants) and pkg/apis/core/v1/conversion.go (Convert_v1_Secret_To_core_Secret).
 */
import { deepEqual } from '../../util/objects.ts';
import type { FieldError } from '../statusErrors.ts';
import type { KubeObject } from '../types/index.ts';
import type { ResourceStrategy } from './strategy.ts';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_ERROR =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

interface ConfigFields {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
  type?: string;
}

const fieldsOf = (obj: KubeObject): ConfigFields => obj as unknown as ConfigFields;

/** IsConfigMapKey (apimachinery/pkg/util/validation). */
export function configKeyErrors(key: string): string[] {
  const errors: string[] = [];
  if (key.length > 253) errors.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key)) errors.push(CONFIG_KEY_ERROR);
  if (key === '.') errors.push("must not be '.'");
  else if (key === '..') errors.push("must not be '..'");
  else if (key.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

function validateKeys(map: Record<string, unknown> | undefined, field: string): FieldError[] {
  return Object.keys(map ?? {}).flatMap((key) =>
    configKeyErrors(key).map((detail): FieldError => ({
      field: `${field}[${key}]`,
      type: 'Invalid value',
      value: key,
      detail,
    })),
  );
}

function validateImmutableData(obj: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  const next = fieldsOf(obj);
  const prev = fieldsOf(old);
  const errors: FieldError[] = [];
  if (prev.immutable !== true) return errors;
  if (next.immutable !== true)
    errors.push({
      field: 'immutable',
      type: 'Forbidden',
      detail: 'field is immutable when `immutable` is set',
    });
  for (const field of fields) {
    const a = (next as Record<string, unknown>)[field];
    const b = (prev as Record<string, unknown>)[field];
    if (!deepEqual(a ?? {}, b ?? {}))
      errors.push({
        field,
        type: 'Forbidden',
        detail: 'field is immutable when `immutable` is set',
      });
  }
  return errors;
}

export const configMapStrategy: ResourceStrategy = {
  hasStatusSubresource: false,
  validate(obj) {
    const cm = fieldsOf(obj);
    const errors = [...validateKeys(cm.data, 'data'), ...validateKeys(cm.binaryData, 'binaryData')];
    for (const key of Object.keys(cm.data ?? {})) {
      if (cm.binaryData && key in cm.binaryData)
        errors.push({
          field: `data[${key}]`,
          type: 'Invalid value',
          value: key,
          detail: 'duplicate of key present in binaryData',
        });
    }
    return errors;
  },
  validateUpdate: (obj, old) => validateImmutableData(obj, old, ['data', 'binaryData']),
};

/** UTF-8 text to standard base64, without Node's Buffer (the sim also runs in the browser). */
export function encodeBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += alphabet[(n >> 18) & 63] ?? '';
    out += alphabet[(n >> 12) & 63] ?? '';
    out += i + 1 < bytes.length ? (alphabet[(n >> 6) & 63] ?? '') : '=';
    out += i + 2 < bytes.length ? (alphabet[n & 63] ?? '') : '=';
  }
  return out;
}

/** Keys each Secret type must carry (ValidateSecret). */
const REQUIRED_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export const secretStrategy: ResourceStrategy = {
  hasStatusSubresource: false,
  defaults(obj) {
    const secret = fieldsOf(obj);
    secret.type ||= 'Opaque';
    if (secret.stringData) {
      // The v1 → internal conversion: stringData wins over data and is never stored.
      const data = { ...(secret.data ?? {}) };
      for (const [key, value] of Object.entries(secret.stringData)) data[key] = encodeBase64(value);
      secret.data = data;
      delete secret.stringData;
    }
  },
  validate(obj) {
    const secret = fieldsOf(obj);
    const errors = validateKeys(secret.data, 'data');
    for (const key of REQUIRED_KEYS[secret.type ?? ''] ?? []) {
      if (!secret.data || !(key in secret.data))
        errors.push({ field: `data[${key}]`, type: 'Required value' });
    }
    if (secret.type === 'kubernetes.io/service-account-token') {
      const annotations = obj.metadata.annotations ?? {};
      if (!annotations['kubernetes.io/service-account.name'])
        errors.push({
          field: 'metadata.annotations[kubernetes.io/service-account.name]',
          type: 'Required value',
        });
    }
    return errors;
  },
  validateUpdate(obj, old) {
    const errors: FieldError[] = [];
    const type = fieldsOf(obj).type;
    if (type !== fieldsOf(old).type)
      errors.push({
        field: 'type',
        type: 'Invalid value',
        value: type,
        detail: 'field is immutable',
      });
    return [...errors, ...validateImmutableData(obj, old, ['data'])];
  },
};
