/**
 * One container's validation with the API server's messages: ports, environment, resources,
 * probes, volume mounts and pull policy. Mirrors pkg/apis/core/validation/validation.go
 * (validateContainerCommon, validateContainerPorts, ValidateEnv, validateProbe, validateHandler,
 * ValidateVolumeMounts, ValidateContainerResourceRequirements).
 */
import type { FieldError } from '../statusErrors.ts';
import type { Container } from '../types/index.ts';
import { isQuantity, milliCpu, bytes, parseQuantity } from '../quantity.ts';

type Probe = NonNullable<Container['livenessProbe']>;
type PortValue = number | string | undefined;

const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_VAR_NAME_ERROR =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const PORT_RANGE_ERROR = 'must be between 1 and 65535, inclusive';
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isQuantityValue(value: unknown): value is string | number {
  return (typeof value === 'string' || typeof value === 'number') && isQuantity(value);
}

const supported = (values: readonly string[]): string =>
  `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`;

/** IsValidPortName (apimachinery/pkg/util/validation): an IANA_SVC_NAME. */
export function portNameErrors(name: string): string[] {
  const errors: string[] = [];
  if (name.length > 15) errors.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errors.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errors.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-'))
    errors.push('must not begin or end with a hyphen');
  return errors;
}

/** A port given as a number (1–65535) or an IANA service name (probe and Service target ports). */
export function validatePortNumOrName(port: PortValue, field: string): FieldError[] {
  if (typeof port === 'number') {
    if (Number.isInteger(port) && port >= 1 && port <= 65535) return [];
    return [{ field, type: 'Invalid value', value: port, detail: PORT_RANGE_ERROR }];
  }
  if (port === undefined || port === '') return [{ field, type: 'Required value' }];
  return portNameErrors(port).map((detail) => ({
    field,
    type: 'Invalid value',
    value: port,
    detail,
  }));
}

function validatePorts(container: Container, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  (container.ports ?? []).forEach((port, j) => {
    const p = `${at}.ports[${String(j)}]`;
    if (port.name) {
      for (const detail of portNameErrors(port.name))
        errors.push({ field: `${p}.name`, type: 'Invalid value', value: port.name, detail });
      if (names.has(port.name))
        errors.push({ field: `${p}.name`, type: 'Duplicate value', value: port.name });
      names.add(port.name);
    }
    const containerPort = port.containerPort as number | undefined;
    if (!containerPort) errors.push({ field: `${p}.containerPort`, type: 'Required value' });
    else if (containerPort < 1 || containerPort > 65535)
      errors.push({
        field: `${p}.containerPort`,
        type: 'Invalid value',
        value: containerPort,
        detail: PORT_RANGE_ERROR,
      });
    if (port.hostPort && (port.hostPort < 1 || port.hostPort > 65535))
      errors.push({
        field: `${p}.hostPort`,
        type: 'Invalid value',
        value: port.hostPort,
        detail: PORT_RANGE_ERROR,
      });
    if (port.protocol !== undefined && !['SCTP', 'TCP', 'UDP'].includes(port.protocol))
      errors.push({
        field: `${p}.protocol`,
        type: 'Unsupported value',
        value: port.protocol,
        detail: supported(['SCTP', 'TCP', 'UDP']),
      });
  });
  return errors;
}

function validateEnv(container: Container, at: string): FieldError[] {
  const errors: FieldError[] = [];
  (container.env ?? []).forEach((env, j) => {
    const p = `${at}.env[${String(j)}]`;
    if (!env.name) errors.push({ field: `${p}.name`, type: 'Required value' });
    else if (!ENV_VAR_NAME.test(env.name))
      errors.push({
        field: `${p}.name`,
        type: 'Invalid value',
        value: env.name,
        detail: ENV_VAR_NAME_ERROR,
      });
    const from = env.valueFrom;
    if (!from) return;
    const sources = Object.keys(from).filter(
      (k) => (from as Record<string, unknown>)[k] !== undefined,
    );
    if (sources.length > 1)
      errors.push({
        field: `${p}.valueFrom`,
        type: 'Invalid value',
        value: '',
        detail: 'may not have more than one field specified at a time',
      });
    if (env.value)
      errors.push({
        field: `${p}.valueFrom`,
        type: 'Invalid value',
        value: '',
        detail: 'may not be specified when `value` is not empty',
      });
  });
  return errors;
}

function validateResources(container: Container, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const resources = container.resources ?? {};
  for (const kind of ['limits', 'requests'] as const) {
    for (const [name, value] of Object.entries(resources[kind] ?? {})) {
      const field = `${at}.resources.${kind}[${name}]`;
      const standard =
        STANDARD_CONTAINER_RESOURCES.has(name) ||
        name.startsWith('hugepages-') ||
        name.includes('/');
      if (!standard) {
        errors.push({
          field,
          type: 'Invalid value',
          value: name,
          detail: 'must be a standard resource type or fully qualified',
        });
      }
      if (!isQuantity(value)) continue;
      if ((parseQuantity(value) ?? 0) < 0) {
        errors.push({
          field,
          type: 'Invalid value',
          value,
          detail: 'must be greater than or equal to 0',
        });
      }
    }
  }
  for (const resource of ['cpu', 'memory'] as const) {
    // Values may be YAML numbers at run time (`cpu: 1`), whatever the declared type says.
    const request: unknown = resources.requests?.[resource];
    const limit: unknown = resources.limits?.[resource];
    if (!isQuantityValue(request) || !isQuantityValue(limit)) continue;
    const over =
      resource === 'cpu' ? milliCpu(request) > milliCpu(limit) : bytes(request) > bytes(limit);
    if (over)
      errors.push({
        field: `${at}.resources.requests`,
        type: 'Invalid value',
        value: String(request),
        detail: `must be less than or equal to ${resource} limit of ${String(limit)}`,
      });
  }
  return errors;
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

function validateProbe(
  probe: Probe | undefined,
  field: string,
  successMustBeOne: boolean,
): FieldError[] {
  if (!probe) return [];
  const errors: FieldError[] = [];
  const handlers = HANDLERS.filter((h) => probe[h] !== undefined);
  if (handlers.length === 0) {
    errors.push({ field, type: 'Required value', detail: 'must specify a handler type' });
  }
  for (const extra of handlers.slice(1)) {
    errors.push({
      field: `${field}.${extra}`,
      type: 'Forbidden',
      detail: 'may not specify more than 1 handler type',
    });
  }
  if (probe.exec && (probe.exec.command ?? []).length === 0)
    errors.push({ field: `${field}.exec.command`, type: 'Required value' });
  if (probe.httpGet)
    errors.push(...validatePortNumOrName(probe.httpGet.port, `${field}.httpGet.port`));
  if (probe.tcpSocket)
    errors.push(...validatePortNumOrName(probe.tcpSocket.port, `${field}.tcpSocket.port`));
  for (const name of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ] as const) {
    const value = probe[name];
    if (value !== undefined && value < 0)
      errors.push({
        field: `${field}.${name}`,
        type: 'Invalid value',
        value,
        detail: 'must be greater than or equal to 0',
      });
  }
  if (successMustBeOne && probe.successThreshold !== undefined && probe.successThreshold !== 1)
    errors.push({
      field: `${field}.successThreshold`,
      type: 'Invalid value',
      value: probe.successThreshold,
      detail: 'must be 1',
    });
  return errors;
}

function validateVolumeMounts(
  container: Container,
  at: string,
  volumes: ReadonlySet<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  const paths = new Set<string>();
  (container.volumeMounts ?? []).forEach((mount, j) => {
    const p = `${at}.volumeMounts[${String(j)}]`;
    if (!mount.name) errors.push({ field: `${p}.name`, type: 'Required value' });
    else if (!volumes.has(mount.name))
      errors.push({ field: `${p}.name`, type: 'Not found', value: mount.name });
    if (!mount.mountPath) errors.push({ field: `${p}.mountPath`, type: 'Required value' });
    else if (paths.has(mount.mountPath))
      errors.push({
        field: `${p}.mountPath`,
        type: 'Invalid value',
        value: mount.mountPath,
        detail: 'must be unique',
      });
    if (mount.mountPath) paths.add(mount.mountPath);
  });
  return errors;
}

/** Everything about one container except its name, which the caller checks for duplicates. */
export function validateContainer(
  container: Container,
  at: string,
  volumes: ReadonlySet<string>,
  options: { probes: boolean },
): FieldError[] {
  const errors: FieldError[] = [];
  if (!container.image) errors.push({ field: `${at}.image`, type: 'Required value' });
  const policy = container.imagePullPolicy;
  if (policy !== undefined && !['Always', 'IfNotPresent', 'Never'].includes(policy))
    errors.push({
      field: `${at}.imagePullPolicy`,
      type: 'Unsupported value',
      value: policy,
      detail: supported(['Always', 'IfNotPresent', 'Never']),
    });
  errors.push(...validatePorts(container, at));
  errors.push(...validateEnv(container, at));
  errors.push(...validateVolumeMounts(container, at, volumes));
  errors.push(...validateResources(container, at));
  if (options.probes) {
    errors.push(...validateProbe(container.livenessProbe, `${at}.livenessProbe`, true));
    errors.push(...validateProbe(container.readinessProbe, `${at}.readinessProbe`, false));
    errors.push(...validateProbe(container.startupProbe, `${at}.startupProbe`, true));
  } else {
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const)
      if (container[probe])
        errors.push({
          field: `${at}.${probe}`,
          type: 'Forbidden',
          detail: 'may not be set for init containers',
        });
  }
  return errors;
}
