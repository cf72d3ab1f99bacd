/**
 * Checks as authors write them (YAML mappings in a step block) to the Check model. Every key is
 * validated; lessons/README.md documents each form.
 */
import { parseDuration } from './duration.ts';
import { resolveResourceType } from './conditions.ts';
import { JsonPathError, parseJsonPath } from './jsonPath.ts';
import { Fields } from './lessonError.ts';
import { SelectorParseError, parseSelector, qualifiedResource } from '../sim/index.ts';
import type {
  Check,
  CheckCondition,
  Comparator,
  FieldFilter,
  ObjectReference,
  StateCondition,
} from './types.ts';

type Fail = (reason: string) => never;

const NUMERIC = ['atLeast', 'atMost', 'greaterThan', 'lessThan'] as const;
const COMPARATORS = ['equals', 'notEquals', ...NUMERIC, 'matches', 'present'] as const;
const STATE_KEYS = ['exists', 'absent', 'field', 'count'] as const;
const HISTORY_KEYS = ['always', 'ever'] as const;
const OTHER_KEYS = ['event', 'command', 'rescheduled'] as const;

/** Commands a check may run: they only read (exec only runs programs that look things up). */
const READ_ONLY =
  /^(?:(?:kubectl\s+)?(?:get|describe|logs|top|events|version|cluster-info|api-resources|explain|rollout\s+(?:status|history)|auth\s+can-i)|traffic\s+stats|(?:kubectl\s+)?exec\s+[^;&|]*--\s+(?:nslookup|wget\s+-qO-|cat|printenv|env|hostname))(?:\s|$)/;

function comparator(f: Fields, fail: Fail, what: string): Comparator {
  const present = COMPARATORS.filter((k) => f.has(k));
  if (present.length !== 1)
    fail(
      `${what} needs exactly one of ${COMPARATORS.join(', ')}${present.length > 1 ? ` (found ${present.join(' and ')})` : ''}`,
    );
  const op = present[0] ?? 'equals';
  if (op === 'equals' || op === 'notEquals') return { op, value: f.raw(op) };
  if (op === 'matches') {
    const value = f.requiredString('matches');
    try {
      new RegExp(value);
    } catch {
      fail(`"matches" is not a valid regular expression: ${value}`);
    }
    return { op, value };
  }
  if (op === 'present') return { op: 'exists', value: f.boolean('present') ?? true };
  const value = f.number(op);
  if (value === undefined) fail(`"${op}" needs a number`);
  return { op, value };
}

function reference(text: string, fail: Fail): ObjectReference {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1)
    fail(`"${text}" must name an object as type/name, e.g. deployment/web`);
  const type = resolveResourceType(text.slice(0, slash));
  if (!type) fail(`"${text.slice(0, slash)}" is not a resource type Kubeplay serves`);
  return { resource: qualifiedResource(type), name: text.slice(slash + 1), text };
}

function jsonPath(text: string, fail: Fail): string {
  try {
    parseJsonPath(text);
  } catch (error) {
    fail(error instanceof JsonPathError ? error.message : `bad JSONPath "${text}"`);
  }
  return text;
}

function filters(f: Fields, fail: Fail): FieldFilter[] {
  const out: FieldFilter[] = [];
  const ready = f.boolean('ready');
  if (ready !== undefined)
    out.push({
      path: '.status.conditions[?(@.type=="Ready")].status',
      compare: ready ? { op: 'equals', value: 'True' } : { op: 'notEquals', value: 'True' },
    });
  f.list('where').forEach((item, i) => {
    const fail2: Fail = (reason) => fail(`where[${String(i + 1)}]: ${reason}`);
    const w = Fields.of(item, 'a where filter', fail2);
    const path = jsonPath(w.requiredString('path'), fail2);
    out.push({ path, compare: comparator(w, fail2, 'a where filter') });
    w.done();
  });
  return out;
}

/** Reads one state condition from `f` (the check itself, or the body of always/ever). */
export function stateCondition(f: Fields, fail: Fail, defaultNamespace: string): StateCondition {
  const kinds = STATE_KEYS.filter((k) => f.has(k));
  if (kinds.length !== 1) fail(`a condition needs exactly one of ${STATE_KEYS.join(', ')}`);
  const namespace = f.string('namespace') ?? defaultNamespace;
  const kind = kinds[0] ?? 'exists';
  if (kind === 'exists' || kind === 'absent')
    return { kind, ref: reference(f.requiredString(kind), fail), namespace };
  if (kind === 'field') {
    const ref = reference(f.requiredString('field'), fail);
    const path = jsonPath(f.requiredString('path'), fail);
    return { kind, ref, namespace, path, compare: comparator(f, fail, `field ${ref.text}`) };
  }
  const text = f.requiredString('count');
  const type = resolveResourceType(text);
  if (!type) fail(`"${text}" is not a resource type Kubeplay serves`);
  const selector = f.string('selector');
  if (selector !== undefined)
    try {
      parseSelector(selector);
    } catch (error) {
      fail(error instanceof SelectorParseError ? error.message : `bad selector "${selector}"`);
    }
  const all = f.boolean('allNamespaces') ?? false;
  return {
    kind: 'count',
    resource: qualifiedResource(type),
    resourceText: text,
    namespace: all ? undefined : namespace,
    selector,
    where: filters(f, fail),
    compare: comparator(f, fail, `count ${text}`),
  };
}

function otherCondition(f: Fields, fail: Fail, namespace: string): CheckCondition | undefined {
  if (f.has('event')) {
    const raw = f.raw('event');
    const e = Fields.of(typeof raw === 'string' ? { reason: raw } : raw, '"event"', fail);
    const object = e.string('object');
    const slash = object?.indexOf('/') ?? -1;
    const kindText = object === undefined ? undefined : slash < 0 ? object : object.slice(0, slash);
    const kind = kindText === undefined ? undefined : resolveResourceType(kindText)?.kind;
    if (kindText !== undefined && kind === undefined)
      fail(`"${kindText}" is not a resource type Kubeplay serves`);
    const event = {
      reason: e.requiredString('reason'),
      type: e.string('type'),
      objectKind: kind?.toLowerCase(),
      objectName: object !== undefined && slash >= 0 ? object.slice(slash + 1) : undefined,
      namespace: e.string('namespace') ?? namespace,
      message: e.string('matches'),
    };
    e.done(['reason', 'type', 'object', 'namespace', 'matches']);
    return { kind: 'event', event };
  }
  if (f.has('command')) {
    const command = f.requiredString('command').trim();
    if (!READ_ONLY.test(command))
      fail(
        `a check's command must only read (kubectl get, describe, logs, …, traffic stats, exec … -- nslookup/wget -qO-/cat): "${command}"`,
      );
    const stdout: { op: 'contains' | 'matches' | 'notContains'; value: string }[] = [];
    for (const op of ['contains', 'notContains', 'matches'] as const) {
      const value = f.string(op);
      if (value !== undefined) stdout.push({ op, value });
    }
    const exitCode = f.number('exitCode');
    if (stdout.length === 0 && exitCode === undefined)
      fail('a command check needs contains, notContains, matches or exitCode');
    return { kind: 'command', command: { command, exitCode, stdout } };
  }
  if (f.has('rescheduled')) {
    const r = Fields.of(f.raw('rescheduled'), '"rescheduled"', fail);
    const reschedule = {
      selector: r.requiredString('selector'),
      from: r.string('from'),
      namespace: r.string('namespace') ?? namespace,
    };
    r.done(['selector', 'from', 'namespace']);
    return { kind: 'rescheduled', reschedule };
  }
  return undefined;
}

export function parseCheck(value: unknown, fail: Fail): Check {
  const f = Fields.of(value, 'a check', fail);
  const title = f.requiredString('title');
  const message = f.requiredString('message');
  const forText = f.string('for');
  const forMs = forText === undefined ? 0 : parseDuration(forText);
  if (forMs === undefined) fail(`"for" needs a duration such as 30s or 2m, got "${forText ?? ''}"`);
  const namespace = f.string('namespace') ?? 'default';
  const history = HISTORY_KEYS.filter((k) => f.has(k));
  const all = [...STATE_KEYS, ...HISTORY_KEYS, ...OTHER_KEYS].filter((k) => f.has(k));
  if (all.length !== 1)
    fail(
      `a check needs exactly one of ${[...STATE_KEYS, ...HISTORY_KEYS, ...OTHER_KEYS].join(', ')}${all.length > 1 ? ` (found ${all.join(' and ')})` : ''}`,
    );
  let condition: CheckCondition;
  const mode = history[0];
  if (mode !== undefined) {
    const inner = Fields.of(f.raw(mode), `"${mode}"`, fail);
    condition = { kind: mode, condition: stateCondition(inner, fail, namespace) };
    inner.done([...STATE_KEYS, ...COMPARATORS, 'path', 'selector', 'ready', 'where']);
  } else {
    const other = otherCondition(f, fail, namespace);
    condition = other ?? { kind: 'state', condition: stateCondition(f, fail, namespace), forMs };
  }
  if (forMs > 0 && condition.kind !== 'state')
    fail('"for" applies to state checks (exists, absent, field, count) only');
  f.done([
    ...STATE_KEYS,
    ...HISTORY_KEYS,
    ...OTHER_KEYS,
    ...COMPARATORS,
    'path',
    'selector',
    'ready',
  ]);
  return { title, message, condition };
}
