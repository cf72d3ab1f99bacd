/**
 * State conditions evaluated against a view of the cluster: the live API server, or the state
 * rebuilt from the change log at some past instant (timeline.ts). Both answer get/list.
 */
import {
  RESOURCE_TYPES,
  matchesSelector,
  resourceTypeByKey,
  parseQuantity,
  parseSelector,
  type KubeObject,
  type ResourceType,
} from '../sim/index.ts';
import { selectOne } from './jsonPath.ts';
import type { Comparator, FieldFilter, StateCondition } from './types.ts';

export interface StateView {
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
  list(resource: string, namespace?: string): readonly KubeObject[];
}

export interface Outcome {
  readonly passed: boolean;
  /** The observed value, as the learner would read it. */
  readonly actual: string;
  /** What the condition wants, in words ("at least 3"). */
  readonly expected: string;
  /** Replaces the author's message when the template cannot apply (the object is missing). */
  readonly note?: string;
}

/** Resolves `deploy`, `deployments`, `deployment.apps`, `Deployment` like kubectl (core events first). */
export function resolveResourceType(text: string): ResourceType | undefined {
  const lower = text.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  return RESOURCE_TYPES.find(
    (t) =>
      t.plural !== 'bindings' &&
      (group === undefined ? !(t.plural === 'events' && t.group !== '') : t.group === group) &&
      (t.plural === name || t.singular === name || t.shortNames.includes(name)),
  );
}

function isNamespaced(resource: string): boolean {
  return resourceTypeByKey(resource)?.namespaced ?? true;
}

function show(value: unknown): string {
  if (value === undefined) return '<none>';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function asNumber(value: unknown): number {
  // Kubernetes omits zero counts (`readyReplicas` is absent, not 0), so absent reads as 0.
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? (parseQuantity(value) ?? Number.NaN) : Number.NaN;
}

function sameValue(actual: unknown, wanted: unknown): boolean {
  if (typeof wanted === 'number') return asNumber(actual) === wanted;
  if (typeof wanted === 'boolean')
    return actual === wanted || show(actual).toLowerCase() === String(wanted);
  if (typeof wanted === 'string') return show(actual) === wanted;
  return JSON.stringify(actual) === JSON.stringify(wanted);
}

export function describeComparator(compare: Comparator): string {
  switch (compare.op) {
    case 'equals':
      return show(compare.value);
    case 'notEquals':
      return `anything but ${show(compare.value)}`;
    case 'atLeast':
      return `at least ${String(compare.value)}`;
    case 'atMost':
      return `at most ${String(compare.value)}`;
    case 'greaterThan':
      return `more than ${String(compare.value)}`;
    case 'lessThan':
      return `fewer than ${String(compare.value)}`;
    case 'matches':
      return `a value matching /${compare.value}/`;
    case 'exists':
      return compare.value ? 'a value' : 'no value';
  }
}

export function compareValue(actual: unknown, compare: Comparator): boolean {
  switch (compare.op) {
    case 'equals':
      return sameValue(actual, compare.value);
    case 'notEquals':
      return !sameValue(actual, compare.value);
    case 'atLeast':
      return asNumber(actual) >= compare.value;
    case 'atMost':
      return asNumber(actual) <= compare.value;
    case 'greaterThan':
      return asNumber(actual) > compare.value;
    case 'lessThan':
      return asNumber(actual) < compare.value;
    case 'matches':
      return actual !== undefined && new RegExp(compare.value).test(show(actual));
    case 'exists':
      return (actual !== undefined) === compare.value;
  }
}

function passesFilters(obj: KubeObject, where: readonly FieldFilter[]): boolean {
  return where.every((f) => compareValue(selectOne(obj, f.path), f.compare));
}

function namespaceFor(resource: string, namespace: string): string {
  return isNamespaced(resource) ? namespace : '';
}

export function evaluateState(view: StateView, condition: StateCondition): Outcome {
  switch (condition.kind) {
    case 'exists':
    case 'absent': {
      const { ref } = condition;
      const found = view.get(
        ref.resource,
        namespaceFor(ref.resource, condition.namespace),
        ref.name,
      );
      const wanted = condition.kind === 'exists';
      return {
        passed: (found !== undefined) === wanted,
        actual: found ? `${ref.text} exists` : `${ref.text} does not exist`,
        expected: wanted ? `${ref.text} to exist` : `${ref.text} to be gone`,
      };
    }
    case 'field': {
      const { ref } = condition;
      const obj = view.get(ref.resource, namespaceFor(ref.resource, condition.namespace), ref.name);
      const value = obj ? selectOne(obj, condition.path) : undefined;
      return {
        passed: obj !== undefined && compareValue(value, condition.compare),
        actual: obj ? show(value) : `${ref.text} does not exist`,
        expected: describeComparator(condition.compare),
        ...(obj ? {} : { note: `${ref.text} does not exist yet.` }),
      };
    }
    case 'count': {
      const selector = condition.selector === undefined ? [] : parseSelector(condition.selector);
      const namespace =
        condition.namespace === undefined
          ? undefined
          : namespaceFor(condition.resource, condition.namespace);
      let count = 0;
      for (const obj of view.list(condition.resource, namespace || undefined))
        if (matchesSelector(obj.metadata.labels, selector) && passesFilters(obj, condition.where))
          count++;
      return {
        passed: compareValue(count, condition.compare),
        actual: String(count),
        expected: describeComparator(condition.compare),
      };
    }
  }
}

/** The resources a condition reads, so a replay only rebuilds those. */
export function resourcesOf(condition: StateCondition): string[] {
  return [condition.kind === 'count' ? condition.resource : condition.ref.resource];
}
