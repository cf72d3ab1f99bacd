import { describe, expect, it } from 'vitest';
import { goYaml } from './goYaml.ts';

describe('goYaml, as kubectl -o yaml writes', () => {
  it.each([
    { name: 'plain string', value: { a: 'two' }, yaml: 'a: two\n' },
    { name: 'number-like string', value: { a: '1' }, yaml: 'a: "1"\n' },
    { name: 'bool-like string and key', value: { y: 'yes' }, yaml: '"y": "yes"\n' },
    {
      name: 'timestamp string',
      value: { t: '2025-06-02T09:00:00Z' },
      yaml: 't: "2025-06-02T09:00:00Z"\n',
    },
    { name: 'base 60', value: { u: '1:20' }, yaml: 'u: "1:20"\n' },
    { name: 'leading space', value: { w: ' lead' }, yaml: "w: ' lead'\n" },
    { name: 'colon space', value: { x: 'a: b' }, yaml: "x: 'a: b'\n" },
    { name: 'hash first', value: { c: '#c' }, yaml: "c: '#c'\n" },
    { name: 'star first', value: { s: '*/1 * * * *' }, yaml: "s: '*/1 * * * *'\n" },
    { name: 'tab', value: { z: 'tab\tx' }, yaml: 'z: "tab\\tx"\n' },
    { name: 'empty', value: { e: '' }, yaml: 'e: ""\n' },
    { name: 'null', value: { k: null }, yaml: 'k: null\n' },
    { name: 'empty map and list', value: { m: {}, l: [] }, yaml: 'l: []\nm: {}\n' },
    {
      name: 'literal block then key',
      value: { a: 'line1\nline2\n', b: 'x' },
      yaml: 'a: |\n  line1\n  line2\nb: x\n',
    },
    { name: 'literal strip', value: { a: 'l1\nl2' }, yaml: 'a: |-\n  l1\n  l2\n' },
    {
      name: 'indentless sequence of maps',
      value: { c: [{ name: 'web', image: 'i' }] },
      yaml: 'c:\n- image: i\n  name: web\n',
    },
  ])('$name', ({ value, yaml }) => {
    expect(goYaml(value)).toBe(yaml);
  });

  it('folds a long plain value past column 80', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${String(i)}`).join(' ');
    const out = goYaml({ spec: { message: words } });
    const lines = out.split('\n');
    expect(lines[1]?.startsWith('  message: word0')).toBe(true);
    expect(lines[2]?.startsWith('    word')).toBe(true);
    expect(out.replace(/\n +/g, ' ')).toContain(words);
  });
});
