import { describe, expect, it } from 'vitest';
import {
  formatSelector,
  labelSelectorMatches,
  matchesSelector,
  parseSelector,
  SelectorParseError,
} from './labels.ts';

describe('label selectors', () => {
  it.each([
    ['app=web', { app: 'web' }, true],
    ['app=web', { app: 'api' }, false],
    ['app==web,tier!=db', { app: 'web', tier: 'front' }, true],
    ['tier!=db', {}, true],
    ['env in (prod,qa)', { env: 'qa' }, true],
    ['env notin (prod,qa)', { env: 'qa' }, false],
    ['env notin (prod)', {}, true],
    ['canary', { canary: '' }, true],
    ['!canary', { canary: 'true' }, false],
    ['!canary', {}, true],
  ])('%s against %j is %s', (text, labels, expected) => {
    expect(matchesSelector(labels, parseSelector(text))).toBe(expected);
  });

  it('rejects malformed selectors with an apimachinery-style message', () => {
    expect(() => parseSelector('app=web,,')).toThrow(SelectorParseError);
    expect(() => parseSelector('env in (a')).toThrow(/expected: '\)'/);
  });

  it('treats a nil structured selector as matching nothing and {} as everything', () => {
    expect(labelSelectorMatches(undefined, { app: 'web' })).toBe(false);
    expect(labelSelectorMatches({}, { app: 'web' })).toBe(true);
    expect(
      labelSelectorMatches(
        { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
        { app: 'x' },
      ),
    ).toBe(true);
  });

  it('prints selectors the way kubectl shows them', () => {
    expect(formatSelector(parseSelector('app=web,env in (qa,prod),!canary'))).toBe(
      'app=web,env in (prod,qa),!canary',
    );
  });
});
