/**
 * Decodes a request body against its kind's schema the way the API server's JSON serializer
 * decodes it into the typed Go struct, and reports what goes wrong in the same words.
 *
 * Mirrors apimachinery/pkg/runtime/serializer/json/json.go (Serializer.unmarshal), which calls
 * sigs.k8s.io/json (a fork of encoding/json):
 * - type mismatches are Go's UnmarshalTypeError, `json: cannot unmarshal <value> into Go struct
 *   field <Struct>.<json path without indices> of type <Go type>`; the decoder keeps the FIRST one
 *   and carries on (decodeState.saveError), and base64 errors for []byte are saved the same way;
 * - types with their own UnmarshalJSON (resource.Quantity, intstr.IntOrString, metav1.Time) stop
 *   decoding at once with their own error (`quantities must match the regular expression …`);
 * - in strict mode, every unknown field is collected with its full path, array indices included
 *   (`unknown field "spec.rules[0].http.paths[0].backend.serviceName"`), and reported only when
 *   decoding otherwise succeeded: runtime.NewStrictDecodingError joins them with ", ".
 * kubectl sends the object as JSON marshalled from a map, so keys arrive sorted: fields are visited
 * in sorted order, which fixes which type error is "first" and the order of unknown fields.
 */
import { isQuantity } from '../quantity.ts';
import { canonicalQuantity } from './canonicalQuantity.ts';
import { SCALARS, goStructName, goTypeName, typeSchema } from '../openapi/schemas.ts';

export interface DecodeProblem {
  /**
   * Path with list indices and map keys in brackets, as field errors write them
   * (`spec.template.spec.containers[0].env[1].value`, `metadata.labels[version]`), for editors.
   */
  readonly path: string;
  /** The decoder's own message, e.g. `json: cannot unmarshal bool into Go struct field …`. */
  readonly message: string;
}

export interface DecodeResult {
  /** The object as the typed struct keeps it: unknown fields dropped (API server pruning). */
  readonly object: Record<string, unknown>;
  /** The error the decoder returns, if any: the request fails whatever the field validation. */
  readonly error?: DecodeProblem;
  /** Unknown fields (paths with indices), in the order the strict decoder reports them. */
  readonly unknownFields: readonly string[];
}

/** Named Go types for common enum-like fields, which json errors print instead of `string`. */
const NAMED_GO_TYPES: Readonly<Record<string, string>> = {
  'Container.imagePullPolicy': 'v1.PullPolicy',
  'Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'ContainerPort.protocol': 'v1.Protocol',
  'ServicePort.protocol': 'v1.Protocol',
  'PodSpec.restartPolicy': 'v1.RestartPolicy',
  'PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'ServiceSpec.type': 'v1.ServiceType',
  'ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'Secret.type': 'v1.SecretType',
  'Toleration.operator': 'v1.TolerationOperator',
  'Toleration.effect': 'v1.TaintEffect',
  'Taint.effect': 'v1.TaintEffect',
  'DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'HTTPGetAction.scheme': 'v1.URIScheme',
  'HTTPIngressPath.pathType': 'v1.PathType',
  'LabelSelectorRequirement.operator': 'v1.LabelSelectorOperator',
  'NodeSelectorRequirement.operator': 'v1.NodeSelectorOperator',
  'PersistentVolumeClaimSpec.accessModes': '[]v1.PersistentVolumeAccessMode',
  'PersistentVolumeClaimSpec.accessModes[]': 'v1.PersistentVolumeAccessMode',
  'PersistentVolumeSpec.accessModes': '[]v1.PersistentVolumeAccessMode',
  'PersistentVolumeSpec.accessModes[]': 'v1.PersistentVolumeAccessMode',
  'ResourceRequirements.limits': 'v1.ResourceList',
  'ResourceRequirements.requests': 'v1.ResourceList',
  'VolumeResourceRequirements.limits': 'v1.ResourceList',
  'VolumeResourceRequirements.requests': 'v1.ResourceList',
  'ResourceQuotaSpec.hard': 'v1.ResourceList',
  'CronJobSpec.concurrencyPolicy': 'v1.ConcurrencyPolicy',
};

/** resource.ErrFormatWrong and friends (apimachinery/pkg/api/resource/quantity.go). */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';

const RFC3339_LAYOUT = '2006-01-02T15:04:05Z07:00';
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Thrown to stop decoding, as a custom UnmarshalJSON error stops encoding/json. */
class AbortDecoding extends Error {
  constructor(readonly problem: DecodeProblem) {
    super(problem.message);
  }
}

interface Context {
  /** Go name of the struct holding the field being decoded. */
  readonly struct: string;
  /** json names from the root, without indices: what UnmarshalTypeError.Field holds. */
  readonly goPath: readonly string[];
  /** The full path with indices and keys. */
  readonly path: string;
  /** `Struct.field` of the field, for named Go types. */
  readonly field: string;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What UnmarshalTypeError.Value says about a JSON value. */
function jsonKind(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

/** Go's base64.StdEncoding.Decode: the offset of the first illegal byte, or undefined if valid. */
export function base64ErrorOffset(text: string): number | undefined {
  const alphabet = /[A-Za-z0-9+/]/;
  const newline = (c: string | undefined): boolean => c === '\n' || c === '\r';
  let si = 0;
  for (;;) {
    let j = 0;
    while (j < 4) {
      if (si === text.length) {
        if (j === 0) return undefined;
        return si - j;
      }
      const c = text[si] ?? '';
      si++;
      if (alphabet.test(c)) {
        j++;
        continue;
      }
      if (newline(c)) continue;
      if (c !== '=') return si - 1;
      if (j < 2) return si - 1;
      if (j === 2) {
        while (si < text.length && newline(text[si])) si++;
        if (si === text.length) return text.length;
        if (text[si] !== '=') return si - 1;
        si++;
      }
      while (si < text.length && newline(text[si])) si++;
      return si < text.length ? si : undefined;
    }
  }
}

/** resource.ParseQuantity's error for a value, or undefined when it parses. */
export function quantityError(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return QUANTITY_FORMAT_ERROR;
  const text = String(value).trim();
  if (isQuantity(text)) return undefined;
  const match = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(text);
  if (!match) return QUANTITY_FORMAT_ERROR;
  const [, numeric = '', suffix = ''] = match;
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(numeric.replace(/^[+-]/, ''))) return QUANTITY_NUMERIC_ERROR;
  return suffix === '' ? QUANTITY_NUMERIC_ERROR : QUANTITY_SUFFIX_ERROR;
}

class Decoder {
  saved: DecodeProblem | undefined;
  readonly unknownFields: string[] = [];

  typeError(value: unknown, goType: string, ctx: Context, kind = jsonKind(value)): void {
    if (this.saved) return;
    const where =
      ctx.goPath.length > 0 ? `Go struct field ${ctx.struct}.${ctx.goPath.join('.')}` : 'Go value';
    this.saved = {
      path: ctx.path,
      message: `json: cannot unmarshal ${kind} into ${where} of type ${goType}`,
    };
  }

  goType(descriptor: string, ctx: Context): string {
    return NAMED_GO_TYPES[ctx.field] ?? goTypeName(descriptor);
  }

  value(value: unknown, descriptor: string, ctx: Context): unknown {
    // A JSON null leaves the Go value at its zero value, whatever its type.
    if (value === null) return zeroValue(descriptor);
    if (SCALARS.has(descriptor)) return this.scalar(value, descriptor, ctx);
    if (descriptor.startsWith('[]')) {
      const item = descriptor.slice(2);
      if (!Array.isArray(value)) {
        this.typeError(value, this.goType(descriptor, ctx), ctx);
        return undefined;
      }
      return value.map((element: unknown, i) =>
        this.value(element, item, {
          ...ctx,
          path: `${ctx.path}[${String(i)}]`,
          field: `${ctx.field}[]`,
        }),
      );
    }
    if (descriptor.startsWith('{}')) {
      const item = descriptor.slice(2);
      if (!isMap(value)) {
        this.typeError(value, this.goType(descriptor, ctx), ctx);
        return undefined;
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) {
        out[key] = this.value(value[key], item, { ...ctx, path: `${ctx.path}[${key}]` });
      }
      return out;
    }
    if (!isMap(value)) {
      this.typeError(value, goTypeName(descriptor), ctx);
      return undefined;
    }
    return this.struct(value, descriptor, ctx.goPath, ctx.path);
  }

  struct(
    value: Record<string, unknown>,
    typeName: string,
    goPath: readonly string[],
    path: string,
  ): Record<string, unknown> {
    const schema = typeSchema(typeName);
    if (!schema) return value;
    const struct = goStructName(typeName);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const childPath = path === '' ? key : `${path}.${key}`;
      const descriptor = schema.p[key];
      if (descriptor === undefined) {
        this.unknownFields.push(childPath);
        continue;
      }
      // A null field is as good as absent: the typed struct keeps its zero value and omits it.
      if (value[key] === null) continue;
      const decoded = this.value(value[key], descriptor, {
        struct,
        goPath: [...goPath, key],
        path: childPath,
        field: `${struct}.${key}`,
      });
      if (decoded !== undefined) out[key] = decoded;
    }
    return out;
  }

  scalar(value: unknown, descriptor: string, ctx: Context): unknown {
    switch (descriptor) {
      case 'any':
        return value;
      case 'string':
        if (typeof value === 'string') return value;
        break;
      case 'bool':
        if (typeof value === 'boolean') return value;
        break;
      case 'double':
        if (typeof value === 'number') return value;
        break;
      case 'int32':
      case 'int64':
        if (typeof value === 'number') {
          const limit = descriptor === 'int32' ? 2 ** 31 : 2 ** 63;
          if (Number.isInteger(value) && value >= -limit && value < limit) return value;
          this.typeError(value, descriptor, ctx, `number ${String(value)}`);
          return undefined;
        }
        break;
      case 'byte':
        if (typeof value === 'string') {
          const offset = base64ErrorOffset(value);
          if (offset !== undefined && !this.saved) {
            this.saved = {
              path: ctx.path,
              message: `illegal base64 data at input byte ${String(offset)}`,
            };
          }
          return value;
        }
        break;
      case 'intstr':
        return intOrString(value, ctx);
      case 'quantity': {
        const error = quantityError(value);
        if (error) throw new AbortDecoding({ path: ctx.path, message: error });
        // The server stores and returns a Quantity in its canonical form (`0.5` → `500m`).
        return canonicalQuantity(value as string | number) ?? value;
      }
      case 'time':
        return time(value, ctx);
    }
    this.typeError(value, this.goType(descriptor, ctx), ctx);
    return undefined;
  }
}

/** The zero value a list element or map value keeps when the JSON says `null`. */
function zeroValue(descriptor: string): unknown {
  switch (descriptor) {
    case 'string':
    case 'byte':
      return '';
    case 'int32':
    case 'int64':
    case 'double':
    case 'intstr':
      return 0;
    case 'quantity':
      return '0';
    case 'bool':
      return false;
    case 'time':
    case 'any':
      return null;
    default:
      return descriptor.startsWith('[]') || descriptor.startsWith('{}') ? null : {};
  }
}

/** intstr.IntOrString.UnmarshalJSON: a string, or json.Unmarshal into an int32. */
function intOrString(value: unknown, ctx: Context): unknown {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 2 ** 31) {
    return value;
  }
  const kind = typeof value === 'number' ? `number ${String(value)}` : jsonKind(value);
  throw new AbortDecoding({
    path: ctx.path,
    message: `json: cannot unmarshal ${kind} into Go value of type int32`,
  });
}

/**
 * metav1.Time.UnmarshalJSON: a string parsed with time.RFC3339. Go's time.Parse names the first
 * layout element that fails; we name the whole layout and value, which is exact when the year is
 * wrong and close otherwise.
 */
function time(value: unknown, ctx: Context): unknown {
  if (typeof value !== 'string') {
    throw new AbortDecoding({
      path: ctx.path,
      message: `json: cannot unmarshal ${jsonKind(value)} into Go value of type string`,
    });
  }
  if (RFC3339.test(value)) return value;
  throw new AbortDecoding({
    path: ctx.path,
    message: `parsing time ${JSON.stringify(value)} as "${RFC3339_LAYOUT}": cannot parse ${JSON.stringify(value)} as "2006"`,
  });
}

/** Decodes `value` as the schema type `typeName` (e.g. `apps.v1.Deployment`). */
export function decodeObject(value: Record<string, unknown>, typeName: string): DecodeResult {
  const decoder = new Decoder();
  try {
    const object = decoder.struct(value, typeName, [], '');
    return {
      object,
      ...(decoder.saved ? { error: decoder.saved } : {}),
      unknownFields: decoder.unknownFields,
    };
  } catch (error) {
    if (!(error instanceof AbortDecoding)) throw error;
    return { object: value, error: error.problem, unknownFields: decoder.unknownFields };
  }
}

/** `strict decoding error: unknown field "a", unknown field "b"` (runtime.strictDecodingError). */
export function strictDecodingMessage(unknownFields: readonly string[]): string {
  return `strict decoding error: ${unknownFields.map((f) => `unknown field ${JSON.stringify(f)}`).join(', ')}`;
}
