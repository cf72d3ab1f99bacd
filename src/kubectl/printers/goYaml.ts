/**
 * A YAML emitter that writes what kubectl's `-o yaml` writes: sigs.k8s.io/yaml on go-yaml v2
 * (libyaml's emitter ported to Go). Keys sorted, sequences not indented under their key, strings
 * quoted only when go-yaml's resolver or emitter needs it, long scalars folded past column 80, and
 * multi-line strings as literal blocks. Facts from gopkg.in/yaml.v2 encode.go, resolve.go and
 * emitterc.go (yaml_emitter_analyze_scalar, select_scalar_style, write_*_scalar).
 */

const BEST_WIDTH = 80;

/** libyaml walks UTF-8 characters: one entry per code point. */
function codePoints(text: string): string[] {
  return Array.from(text);
}

type Style = 'plain' | 'single' | 'double' | 'literal';

const BOOL_OR_NULL = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'],
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'],
  ...['', '~', 'null', 'Null', 'NULL', '<<'],
  ...['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'],
  ...['-.inf', '-.Inf', '-.INF'],
]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*|0)$/;
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;

/** True when go-yaml's resolver would read the plain text as something other than a string. */
function resolvesAsNonString(s: string): boolean {
  if (BOOL_OR_NULL.has(s)) return true;
  const first = s[0] ?? '';
  if (first === '.') return YAML_FLOAT.test(s);
  if (!/[-+0-9]/.test(first)) return false;
  if (TIMESTAMP.test(s)) return true;
  const plain = s.replaceAll('_', '');
  if (GO_INT.test(plain) || YAML_FLOAT.test(plain)) return true;
  return /^-?0b[01]+$/.test(plain);
}

function isPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    code === 0x85 ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    code >= 0x10000
  );
}

interface Analysis {
  readonly blockPlain: boolean;
  readonly singleQuoted: boolean;
  readonly block: boolean;
}

/** yaml_emitter_analyze_scalar for the block context kubectl's output is always in. */
function analyze(value: string): Analysis {
  if (value === '') return { blockPlain: false, singleQuoted: true, block: false };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let special = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  const chars = codePoints(value);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || /[ \t\n\r\u0085\u2028\u2029]/.test(next);
    const code = ch.codePointAt(0) ?? 0;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':') && followedByWhitespace) blockIndicators = true;
      if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(code)) special = true;
    const isBreak =
      ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
    if (isBreak) lineBreaks = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = /[ \t\n\r\u0085\u2028\u2029]/.test(ch);
  }
  let blockPlain = true;
  let singleQuoted = true;
  let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) blockPlain = singleQuoted = false;
  if (spaceBreak || special) blockPlain = singleQuoted = block = false;
  if (lineBreaks || blockIndicators) blockPlain = false;
  return { blockPlain, singleQuoted, block };
}

function styleFor(value: string, simpleKey: boolean): Style {
  let style: Style =
    resolvesAsNonString(value) || BASE60_FLOAT.test(value)
      ? 'double'
      : value.includes('\n')
        ? 'literal'
        : 'plain';
  const a = analyze(value);
  if (style === 'plain' && !a.blockPlain) style = 'single';
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  if (style === 'single' && !a.singleQuoted) style = 'double';
  return style;
}

/** Writes text while tracking the column, as libyaml's emitter does, so folding matches. */
class Writer {
  out = '';
  column = 0;

  write(text: string): void {
    this.out += text;
    const nl = text.lastIndexOf('\n');
    this.column =
      nl < 0 ? this.column + codePoints(text).length : codePoints(text.slice(nl + 1)).length;
  }

  /** libyaml's write_indent: a new line unless one was just written (after a literal block). */
  indent(to: number): void {
    this.write(`${this.out === '' || this.out.endsWith('\n') ? '' : '\n'}${' '.repeat(to)}`);
  }
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\x0b': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\u0085': 'N',
  '\u00a0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

function escapeChar(ch: string): string {
  const known = ESCAPES[ch];
  if (known !== undefined) return `\\${known}`;
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Emits a scalar; `indent` is where folded continuation lines start. */
function writeScalar(w: Writer, value: string, indent: number, simpleKey: boolean): void {
  const style = styleFor(value, simpleKey);
  const chars = codePoints(value);
  const allowBreaks = !simpleKey;
  if (style === 'literal') {
    const last = chars[chars.length - 1];
    const beforeLast = chars[chars.length - 2];
    let hints = chars[0] === ' ' || chars[0] === '\n' ? '2' : '';
    if (last !== '\n') hints += '-';
    else if (chars.length === 1 || beforeLast === '\n') hints += '+';
    w.write(`|${hints}`);
    w.write('\n');
    let breaks = true;
    for (const ch of chars) {
      if (ch === '\n') {
        w.write('\n');
        breaks = true;
      } else {
        if (breaks) w.write(' '.repeat(indent));
        w.write(ch);
        breaks = false;
      }
    }
    return;
  }
  if (style === 'plain') {
    let spaces = false;
    chars.forEach((ch, i) => {
      if (ch === ' ') {
        if (allowBreaks && !spaces && w.column > BEST_WIDTH && chars[i + 1] !== ' ')
          w.indent(indent);
        else w.write(ch);
        spaces = true;
      } else {
        w.write(ch);
        spaces = false;
      }
    });
    return;
  }
  const quote = style === 'single' ? "'" : '"';
  w.write(quote);
  let spaces = false;
  chars.forEach((ch, i) => {
    const code = ch.codePointAt(0) ?? 0;
    if (style === 'double' && (!isPrintable(code) || ch === '\n' || ch === '"' || ch === '\\')) {
      w.write(escapeChar(ch));
      spaces = false;
    } else if (ch === ' ') {
      const canBreak =
        allowBreaks && !spaces && w.column > BEST_WIDTH && i > 0 && i < chars.length - 1;
      if (canBreak && style === 'single' && chars[i + 1] !== ' ') w.indent(indent);
      else if (canBreak && style === 'double') {
        w.indent(indent);
        if (chars[i + 1] === ' ') w.write('\\');
      } else w.write(ch);
      spaces = true;
    } else {
      w.write(style === 'single' && ch === "'" ? "''" : ch);
      spaces = false;
    }
  });
  w.write(quote);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '+.inf';
  if (n === -Infinity) return '-.inf';
  return String(n);
}

/** A value after `key:` or `- `: scalars inline, collections on following lines. */
function writeValue(w: Writer, value: unknown, indent: number, inSequence: boolean): void {
  if (value === null || value === undefined) w.write(' null');
  else if (typeof value === 'boolean') w.write(` ${String(value)}`);
  else if (typeof value === 'number') w.write(` ${formatNumber(value)}`);
  else if (typeof value === 'string') {
    w.write(' ');
    writeScalar(w, value, indent + 2, false);
  } else if (Array.isArray(value)) {
    if (value.length === 0) w.write(' []');
    else if (inSequence) {
      w.write(' ');
      writeSequence(w, value, indent + 2, true);
    } else {
      w.indent(indent);
      writeSequence(w, value, indent, true);
    }
  } else if (isMap(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    if (keys.length === 0) w.write(' {}');
    else if (inSequence) {
      w.write(' ');
      writeMap(w, value, indent + 2, true);
    } else {
      w.indent(indent + 2);
      writeMap(w, value, indent + 2, true);
    }
  } else w.write(` ${JSON.stringify(value)}`);
}

function writeMap(w: Writer, map: Record<string, unknown>, indent: number, started: boolean): void {
  const keys = Object.keys(map)
    .filter((k) => map[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  keys.forEach((key, i) => {
    if (i > 0 || !started) w.indent(indent);
    writeScalar(w, key, indent, true);
    w.write(':');
    writeValue(w, map[key], indent, false);
  });
}

function writeSequence(
  w: Writer,
  items: readonly unknown[],
  indent: number,
  started: boolean,
): void {
  items.forEach((item, i) => {
    if (i > 0 || !started) w.indent(indent);
    w.write('-');
    writeValue(w, item, indent, true);
  });
}

/** The document kubectl prints for one object (or a List), ending with a newline. */
export function goYaml(value: unknown): string {
  const w = new Writer();
  if (isMap(value)) {
    if (Object.keys(value).length === 0) return '{}\n';
    writeMap(w, value, 0, true);
  } else if (Array.isArray(value)) {
    if (value.length === 0) return '[]\n';
    writeSequence(w, value, 0, true);
  } else if (typeof value === 'string') writeScalar(w, value, 2, false);
  else w.write(value === null || value === undefined ? 'null' : JSON.stringify(value));
  return w.out.endsWith('\n') ? w.out : `${w.out}\n`;
}
