/**
 * Label selectors: the structured form (matchLabels + matchExpressions) and kubectl's string form
 * (`a=b,c!=d,e in (f,g),!h`). Mirrors apimachinery/pkg/labels.
 */
import type { LabelSelector } from './types/index.ts';

export type Labels = Readonly<Record<string, string>>;

export type Operator =
  'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals' | 'Gt' | 'Lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/** A parsed selector: every requirement must hold. An empty list matches everything. */
export type Selector = readonly Requirement[];

export function matchesRequirement(labels: Labels, req: Requirement): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
    case 'Equals':
      return has && req.values.includes(value ?? '');
    case 'NotIn':
    case 'NotEquals':
      return !has || !req.values.includes(value ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || req.values.length !== 1) return false;
      const actual = Number.parseInt(value ?? '', 10);
      const wanted = Number.parseInt(req.values[0] ?? '', 10);
      if (Number.isNaN(actual) || Number.isNaN(wanted)) return false;
      return req.operator === 'Gt' ? actual > wanted : actual < wanted;
    }
  }
}

export function matchesSelector(labels: Labels | undefined, selector: Selector): boolean {
  const actual = labels ?? {};
  return selector.every((req) => matchesRequirement(actual, req));
}

/**
 * Converts a metav1.LabelSelector. `undefined` (nil) matches nothing, as LabelSelectorAsSelector
 * returns labels.Nothing(); `{}` matches everything.
 */
export function fromLabelSelector(selector: LabelSelector | undefined): Selector | undefined {
  if (selector === undefined) return undefined;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    reqs.push({ key, operator: 'In', values: [value] });
  }
  for (const expr of selector.matchExpressions ?? []) {
    reqs.push({ key: expr.key, operator: expr.operator as Operator, values: expr.values ?? [] });
  }
  return reqs;
}

export function labelSelectorMatches(
  selector: LabelSelector | undefined,
  labels: Labels | undefined,
): boolean {
  const parsed = fromLabelSelector(selector);
  return parsed !== undefined && matchesSelector(labels, parsed);
}

export function selectorFromMap(map: Labels | undefined): Selector {
  return Object.entries(map ?? {}).map(([key, value]) => ({
    key,
    operator: 'Equals',
    values: [value],
  }));
}

/** Renders a selector as kubectl prints it: `app=web,tier in (a,b)`. */
export function formatSelector(selector: Selector): string {
  return selector
    .map((r) => {
      switch (r.operator) {
        case 'Equals':
          return `${r.key}=${r.values[0] ?? ''}`;
        case 'NotEquals':
          return `${r.key}!=${r.values[0] ?? ''}`;
        case 'In':
          return r.values.length === 1
            ? `${r.key}=${r.values[0] ?? ''}`
            : `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        case 'Gt':
          return `${r.key}>${r.values[0] ?? ''}`;
        case 'Lt':
          return `${r.key}<${r.values[0] ?? ''}`;
      }
    })
    .join(',');
}

export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const parsed = fromLabelSelector(selector);
  if (parsed === undefined) return '<none>';
  return parsed.length === 0 ? '<none>' : formatSelector(parsed);
}

export class SelectorParseError extends Error {}

/**
 * Parses kubectl's `-l` syntax. Throws SelectorParseError with a message close to
 * apimachinery's (`unable to parse requirement: …`).
 */
export function parseSelector(text: string): Selector {
  const reqs: Requirement[] = [];
  let i = 0;
  const s = text;
  const skipSpace = (): void => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const readKey = (): string => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9_./-]/.test(s[i] ?? '')) i++;
    return s.slice(start, i);
  };
  const readValue = (): string => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9_.-]/.test(s[i] ?? '')) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipSpace();
    if (s[i] === '!') {
      i++;
      skipSpace();
      const key = readKey();
      if (!key)
        throw new SelectorParseError(
          `unable to parse requirement: found '${s.slice(i, i + 1)}', expected: identifier`,
        );
      reqs.push({ key, operator: 'DoesNotExist', values: [] });
    } else {
      const key = readKey();
      if (!key)
        throw new SelectorParseError(
          `unable to parse requirement: found '${s.slice(i, i + 1) || 'EOF'}', expected: identifier`,
        );
      skipSpace();
      const rest = s.slice(i);
      if (rest.startsWith('!=')) {
        i += 2;
        reqs.push({ key, operator: 'NotEquals', values: [readValue()] });
      } else if (rest.startsWith('==')) {
        i += 2;
        reqs.push({ key, operator: 'Equals', values: [readValue()] });
      } else if (rest.startsWith('=')) {
        i += 1;
        reqs.push({ key, operator: 'Equals', values: [readValue()] });
      } else if (/^(in|notin)\s*\(/.test(rest)) {
        const operator: Operator = rest.startsWith('in') ? 'In' : 'NotIn';
        i = s.indexOf('(', i) + 1;
        const close = s.indexOf(')', i);
        if (close < 0)
          throw new SelectorParseError(`unable to parse requirement: found '', expected: ')'`);
        const values = s
          .slice(i, close)
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '');
        i = close + 1;
        reqs.push({ key, operator, values });
      } else if (rest.startsWith('>') || rest.startsWith('<')) {
        i += 1;
        reqs.push({ key, operator: rest.startsWith('>') ? 'Gt' : 'Lt', values: [readValue()] });
      } else {
        reqs.push({ key, operator: 'Exists', values: [] });
      }
    }
    skipSpace();
    if (i < s.length) {
      if (s[i] !== ',') {
        throw new SelectorParseError(
          `unable to parse requirement: found '${s[i] ?? ''}', expected: ',' or 'end of string'`,
        );
      }
      i++;
    }
  }
  return reqs;
}
