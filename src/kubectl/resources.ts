/** Resolves what the learner typed (`po`, `pods`, `deploy`, `deployments.apps`, `all`) to API types. */
import { RESOURCE_TYPES, qualifiedResource, type ResourceType } from '../sim/index.ts';
import { KubectlError } from './command.ts';

/** The preferred group for a bare name when several groups serve it (`events` → core). */
const LISTABLE = RESOURCE_TYPES.filter(
  (t) => t.plural !== 'bindings' && !(t.plural === 'events' && t.group !== ''),
);

export function resolveResource(text: string): ResourceType {
  const lower = text.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  const candidates = group === undefined ? LISTABLE : RESOURCE_TYPES;
  const found = candidates.find(
    (t) =>
      (group === undefined || t.group === group || (group === 'v1' && t.group === '')) &&
      (t.plural === name || t.singular === name || t.shortNames.includes(name)),
  );
  if (!found) throw new KubectlError(`the server doesn't have a resource type "${text}"`);
  return found;
}

/** Expands a category such as `all` (pods, services, daemonsets, deployments, replicasets, …). */
export function expandCategory(text: string): ResourceType[] | undefined {
  const order = [
    'pods',
    'replicationcontrollers',
    'services',
    'daemonsets',
    'deployments',
    'replicasets',
    'statefulsets',
    'horizontalpodautoscalers',
    'cronjobs',
    'jobs',
  ];
  const members = LISTABLE.filter((t) => t.categories.includes(text));
  if (members.length === 0) return undefined;
  return members.sort((a, b) => order.indexOf(a.plural) - order.indexOf(b.plural));
}

/** `deployment.apps` or `pod`: the prefix kubectl prints before `/name`. */
export function kindPrefix(type: ResourceType): string {
  return type.group === '' ? type.singular : `${type.singular}.${type.group}`;
}

export { qualifiedResource };
