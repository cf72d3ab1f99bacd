/**
 * Kubernetes-shaped API errors (metav1.Status): a reason, an HTTP code and the API server's message.
 * kubectl turns these into its own wording; see src/kubectl.
 */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'TooManyRequests'
  | 'InternalError';

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  TooManyRequests: 429,
  InternalError: 500,
};

/** One field error, rendered as `<field>: <type>[: <value>][: <detail>]`. */
export interface FieldError {
  readonly field: string;
  readonly type:
    | 'Required value'
    | 'Invalid value'
    | 'Unsupported value'
    | 'Duplicate value'
    | 'Forbidden'
    | 'Too long'
    | 'Not found'
    | 'Too many';
  readonly value?: unknown;
  readonly detail?: string;
}

export class ApiError extends Error {
  readonly reason: StatusReason;
  readonly code: number;
  /** For Invalid: the kind (without group) and name kubectl prints in `The <Kind> "<name>" is invalid`. */
  readonly details: {
    readonly kind?: string;
    readonly name?: string;
    readonly causes?: readonly FieldError[];
  };

  constructor(
    reason: StatusReason,
    message: string,
    details: { kind?: string; name?: string; causes?: readonly FieldError[] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.reason = reason;
    this.code = CODES[reason];
    this.details = details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Renders a value the way Go's validation errors do before v1.34 (strings quoted, numbers bare). */
export function formatFieldValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => typeof v === 'string')) {
      return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`;
    }
  }
  return JSON.stringify(value);
}

export function formatFieldError(error: FieldError): string {
  let text = `${error.field}: ${error.type}`;
  if ('value' in error && error.type !== 'Required value' && error.type !== 'Forbidden') {
    text += `: ${formatFieldValue(error.value)}`;
  }
  if (error.detail !== undefined && error.detail !== '') text += `: ${error.detail}`;
  return text;
}

export const notFound = (qualified: string, name: string): ApiError =>
  new ApiError('NotFound', `${qualified} "${name}" not found`);

export const alreadyExists = (qualified: string, name: string): ApiError =>
  new ApiError('AlreadyExists', `${qualified} "${name}" already exists`);

export const conflict = (qualified: string, name: string): ApiError =>
  new ApiError(
    'Conflict',
    `Operation cannot be fulfilled on ${qualified} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );

/** `<Kind>.<group> "<name>" is invalid: [e1, e2]` with the causes kept for kubectl. */
export function invalid(
  kind: string,
  group: string,
  name: string,
  causes: readonly FieldError[],
): ApiError {
  const rendered = [...new Set(causes.map(formatFieldError))];
  const list = rendered.length === 1 ? (rendered[0] ?? '') : `[${rendered.join(', ')}]`;
  const qualifiedKind = group === '' ? kind : `${kind}.${group}`;
  return new ApiError('Invalid', `${qualifiedKind} "${name}" is invalid: ${list}`, {
    kind,
    name,
    causes,
  });
}

export const forbidden = (message: string): ApiError => new ApiError('Forbidden', message);
