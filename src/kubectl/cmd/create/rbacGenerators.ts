/** `kubectl create role|clusterrole|rolebinding|clusterrolebinding` (pkg/cmd/create/create_role.go). */
import { KubectlError } from '../../command.ts';
import { resolveResource } from '../../resources.ts';
import { flagString, flagStrings, type ParsedArgs } from '../../shell/flags.ts';
import type { Generator } from './generator.ts';
import { explicitNamespace, objectMeta, oneName } from './output.ts';

const RBAC = 'rbac.authorization.k8s.io';
const VALID_VERBS = [
  '*',
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
];

function rules(args: ParsedArgs): Record<string, unknown>[] {
  const verbs = flagStrings(args.flags, 'verb');
  const resources = flagStrings(args.flags, 'resource');
  const resourceNames = flagStrings(args.flags, 'resource-name');
  if (verbs.length === 0) throw new KubectlError('at least one verb must be specified');
  if (resources.length === 0) throw new KubectlError('at least one resource must be specified');
  for (const verb of verbs)
    if (!VALID_VERBS.includes(verb)) throw new KubectlError(`invalid verb: '${verb}'`);
  const byGroup = new Map<string, string[]>();
  for (const text of resources) {
    const slash = text.indexOf('/');
    const base = slash < 0 ? text : text.slice(0, slash);
    const sub = slash < 0 ? '' : text.slice(slash);
    let group: string;
    let plural: string;
    if (base === '*') {
      const dot = text.indexOf('.');
      group = dot < 0 ? '' : text.slice(dot + 1);
      plural = '*';
    } else {
      const type = resolveResource(base);
      group = type.group;
      plural = type.plural;
    }
    const list = byGroup.get(group) ?? [];
    if (!list.includes(plural + sub)) list.push(plural + sub);
    byGroup.set(group, list);
  }
  return [...byGroup.keys()].sort().map((group) => ({
    verbs,
    apiGroups: [group],
    resources: byGroup.get(group) ?? [],
    ...(resourceNames.length > 0 ? { resourceNames } : {}),
  }));
}

function roleGenerator(kind: 'Role' | 'ClusterRole'): Generator {
  const sub = kind.toLowerCase();
  return {
    name: sub,
    flags: [
      { name: 'verb', type: 'strings' },
      { name: 'resource', type: 'strings' },
      { name: 'resource-name', type: 'array' },
    ],
    build(_ctx, args) {
      const name = oneName(args, `create ${sub}`);
      return {
        kind,
        apiVersion: `${RBAC}/v1`,
        metadata: objectMeta(name, kind === 'Role' ? explicitNamespace(args) : undefined),
        rules: rules(args),
      };
    },
  };
}

export const roleGen = roleGenerator('Role');
export const clusterRoleGen = roleGenerator('ClusterRole');

function subjects(args: ParsedArgs): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const user of flagStrings(args.flags, 'user'))
    out.push({ kind: 'User', apiGroup: RBAC, name: user });
  for (const group of flagStrings(args.flags, 'group'))
    out.push({ kind: 'Group', apiGroup: RBAC, name: group });
  for (const sa of flagStrings(args.flags, 'serviceaccount')) {
    const [namespace = '', name] = sa.split(':');
    if (name === undefined || namespace === '' || name === '')
      throw new KubectlError(`serviceaccount must be <namespace>:<name>`);
    out.push({ kind: 'ServiceAccount', name, namespace });
  }
  return out;
}

function bindingGenerator(kind: 'RoleBinding' | 'ClusterRoleBinding'): Generator {
  const sub = kind.toLowerCase();
  return {
    name: sub,
    flags: [
      ...(kind === 'RoleBinding' ? [{ name: 'role', type: 'string' as const }] : []),
      { name: 'clusterrole', type: 'string' },
      { name: 'user', type: 'array' },
      { name: 'group', type: 'array' },
      { name: 'serviceaccount', type: 'array' },
    ],
    build(_ctx, args) {
      const role = flagString(args.flags, 'role');
      const clusterRole = flagString(args.flags, 'clusterrole');
      if (kind === 'ClusterRoleBinding' && clusterRole === undefined)
        throw new KubectlError('required flag(s) "clusterrole" not set');
      const name = oneName(args, `create ${sub}`);
      if ((role === undefined) === (clusterRole === undefined))
        throw new KubectlError('exactly one of clusterrole or role must be specified');
      const list = subjects(args);
      return {
        kind,
        apiVersion: `${RBAC}/v1`,
        metadata: objectMeta(name, kind === 'RoleBinding' ? explicitNamespace(args) : undefined),
        ...(list.length > 0 ? { subjects: list } : {}),
        roleRef: {
          apiGroup: RBAC,
          kind: role !== undefined ? 'Role' : 'ClusterRole',
          name: role ?? clusterRole ?? '',
        },
      };
    },
  };
}

export const roleBindingGen = bindingGenerator('RoleBinding');
export const clusterRoleBindingGen = bindingGenerator('ClusterRoleBinding');
