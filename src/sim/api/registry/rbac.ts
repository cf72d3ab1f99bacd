/**
 * RBAC strategies: Role, ClusterRole, RoleBinding, ClusterRoleBinding. Defaults and validation
 * mirror pkg/apis/rbac/v1/defaults.go (SetDefaults_Subject) and pkg/apis/rbac/validation
 * (ValidatePolicyRule, ValidateRoleBinding, ValidateRoleBindingSubject, the roleRef update rule).
 */
import { deepEqual } from '../../util/objects.ts';
import type { FieldError } from '../statusErrors.ts';
import type { KubeObject } from '../types/index.ts';
import type { ResourceStrategy } from './strategy.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
interface Subject {
  kind?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
}
interface RoleRef {
  apiGroup?: string;
  kind?: string;
  name?: string;
}

const supported = (values: readonly string[]): string =>
  `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`;

/** []string as Go's %#v prints it in these messages. */
const goStrings = (values: readonly string[]): string =>
  `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;

function validateRules(obj: KubeObject, namespaced: boolean): FieldError[] {
  const rules = (obj as { rules?: PolicyRule[] }).rules ?? [];
  const errors: FieldError[] = [];
  rules.forEach((rule, i) => {
    const at = `rules[${String(i)}]`;
    if ((rule.verbs ?? []).length === 0)
      errors.push({
        field: `${at}.verbs`,
        type: 'Required value',
        detail: 'verbs must contain at least one value',
      });
    const urls = rule.nonResourceURLs ?? [];
    if (urls.length > 0) {
      if (namespaced)
        errors.push({
          field: `${at}.nonResourceURLs`,
          type: 'Invalid value',
          detail: `${goStrings(urls)}: namespaced rules cannot apply to non-resource URLs`,
        });
      const mixed =
        (rule.apiGroups ?? []).length +
        (rule.resources ?? []).length +
        (rule.resourceNames ?? []).length;
      if (mixed > 0)
        errors.push({
          field: `${at}.nonResourceURLs`,
          type: 'Invalid value',
          detail: `${goStrings(urls)}: rules cannot apply to both regular resources and non-resource URLs`,
        });
      return;
    }
    if ((rule.apiGroups ?? []).length === 0)
      errors.push({
        field: `${at}.apiGroups`,
        type: 'Required value',
        detail: 'resource rules must supply at least one api group',
      });
    if ((rule.resources ?? []).length === 0)
      errors.push({
        field: `${at}.resources`,
        type: 'Required value',
        detail: 'resource rules must supply at least one resource',
      });
  });
  return errors;
}

function hasAggregation(obj: KubeObject): boolean {
  return (obj as { aggregationRule?: unknown }).aggregationRule !== undefined;
}

export const roleStrategy: ResourceStrategy = {
  hasStatusSubresource: false,
  validate: (obj) => validateRules(obj, true),
};

export const clusterRoleStrategy: ResourceStrategy = {
  hasStatusSubresource: false,
  // An aggregated ClusterRole's rules are filled in by its controller.
  validate: (obj) => (hasAggregation(obj) ? [] : validateRules(obj, false)),
};

function defaultSubjects(obj: KubeObject): void {
  for (const subject of (obj as { subjects?: Subject[] }).subjects ?? []) {
    if (subject.apiGroup !== undefined && subject.apiGroup !== '') continue;
    if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = RBAC_GROUP;
    else if (subject.kind === 'ServiceAccount') subject.apiGroup = '';
  }
}

function validateBinding(obj: KubeObject, clusterScoped: boolean): FieldError[] {
  const binding = obj as { roleRef?: RoleRef; subjects?: Subject[] };
  const roleRef = binding.roleRef ?? {};
  const errors: FieldError[] = [];
  if (roleRef.apiGroup !== RBAC_GROUP)
    errors.push({
      field: 'roleRef.apiGroup',
      type: 'Unsupported value',
      value: roleRef.apiGroup ?? '',
      detail: supported([RBAC_GROUP]),
    });
  const kinds = clusterScoped ? ['ClusterRole'] : ['Role', 'ClusterRole'];
  if (!kinds.includes(roleRef.kind ?? ''))
    errors.push({
      field: 'roleRef.kind',
      type: 'Unsupported value',
      value: roleRef.kind ?? '',
      detail: supported(kinds),
    });
  if (!roleRef.name) errors.push({ field: 'roleRef.name', type: 'Required value' });
  (binding.subjects ?? []).forEach((subject, i) => {
    const at = `subjects[${String(i)}]`;
    if (!subject.name) errors.push({ field: `${at}.name`, type: 'Required value' });
    switch (subject.kind) {
      case 'ServiceAccount':
        if (subject.apiGroup !== '')
          errors.push({
            field: `${at}.apiGroup`,
            type: 'Unsupported value',
            value: subject.apiGroup ?? '',
            detail: supported(['']),
          });
        if (clusterScoped && !subject.namespace)
          errors.push({ field: `${at}.namespace`, type: 'Required value' });
        break;
      case 'User':
      case 'Group':
        if (subject.apiGroup !== RBAC_GROUP)
          errors.push({
            field: `${at}.apiGroup`,
            type: 'Unsupported value',
            value: subject.apiGroup ?? '',
            detail: supported([RBAC_GROUP]),
          });
        break;
      default:
        errors.push({
          field: `${at}.kind`,
          type: 'Unsupported value',
          value: subject.kind ?? '',
          detail: supported(['ServiceAccount', 'User', 'Group']),
        });
    }
  });
  return errors;
}

/** roleRef cannot change: delete and recreate the binding instead. */
function validateRoleRefUnchanged(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = (obj as { roleRef?: RoleRef }).roleRef ?? {};
  const prev = (old as { roleRef?: RoleRef }).roleRef ?? {};
  if (deepEqual(next, prev)) return [];
  const q = (v: string | undefined): string => JSON.stringify(v ?? '');
  return [
    {
      field: 'roleRef',
      type: 'Invalid value',
      detail: `rbac.RoleRef{APIGroup:${q(next.apiGroup)}, Kind:${q(next.kind)}, Name:${q(next.name)}}: cannot change roleRef`,
    },
  ];
}

export const roleBindingStrategy: ResourceStrategy = {
  hasStatusSubresource: false,
  defaults: defaultSubjects,
  validate: (obj) => validateBinding(obj, false),
  validateUpdate: validateRoleRefUnchanged,
};

export const clusterRoleBindingStrategy: ResourceStrategy = {
  hasStatusSubresource: false,
  defaults: defaultSubjects,
  validate: (obj) => validateBinding(obj, true),
  validateUpdate: validateRoleRefUnchanged,
};
