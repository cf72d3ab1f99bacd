/**
 * `--field-selector`: the fields each resource's registry supports (GetAttrs / field label
 * conversion funcs in pkg/registry and pkg/apis/core/v1/conversion.go), with `=`, `==` and `!=`.
 */
import type { KubeObject, ResourceType } from '../sim/index.ts';
import { apiVersionOf } from '../sim/index.ts';
import { KubectlError } from './command.ts';

interface FieldRequirement {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

const COMMON = ['metadata.name', 'metadata.namespace'];

const FIELDS: Record<string, readonly string[]> = {
  pods: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  nodes: ['spec.unschedulable'],
  namespaces: ['status.phase'],
  secrets: ['type'],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  'replicasets.apps': ['status.replicas'],
  replicationcontrollers: ['status.replicas'],
  'jobs.batch': ['status.successful'],
};

export class FieldSelectorError extends Error {}

export function parseFieldSelector(text: string): FieldRequirement[] {
  return text
    .split(',')
    .filter((p) => p !== '')
    .map((part) => {
      const match = /^([^=!]+)(==|=|!=)(.*)$/.exec(part);
      if (!match) throw new KubectlError(`invalid selector: '${text}'; can't understand '${part}'`);
      return {
        field: match[1] ?? '',
        op: match[2] === '!=' ? '!=' : '=',
        value: match[3] ?? '',
      };
    });
}

function fieldValue(obj: KubeObject, field: string): string {
  if (field === 'source') {
    const source = (obj as { source?: { component?: string } }).source;
    return source?.component ?? '';
  }
  if (field === 'status.podIPs') {
    const ips = (obj.status as { podIPs?: { ip: string }[] } | undefined)?.podIPs ?? [];
    return ips[0]?.ip ?? '';
  }
  let value: unknown = obj;
  for (const part of field.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  if (value === undefined || value === null) return field === 'spec.unschedulable' ? 'false' : '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Checks each field is supported for the resource (the server's BadRequest otherwise). */
export function checkFields(
  type: ResourceType,
  resource: string,
  requirements: readonly FieldRequirement[],
  selectorText: string,
  labelSelectorText: string,
): void {
  const allowed = [...COMMON, ...(FIELDS[resource] ?? [])];
  for (const r of requirements) {
    if (!allowed.includes(r.field)) {
      const gv = apiVersionOf(type);
      throw new FieldSelectorError(
        `Error from server (BadRequest): Unable to find "${type.group === '' ? `/${gv}` : gv}, Resource=${type.plural}" that match label selector "${labelSelectorText}", field selector "${selectorText}": field label not supported: ${r.field}`,
      );
    }
  }
}

export function matchesFields(obj: KubeObject, requirements: readonly FieldRequirement[]): boolean {
  return requirements.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === '='));
}
