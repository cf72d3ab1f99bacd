/**
 * Parses the small subset of POSIX sh that container commands in tutorials use: lists with `;`,
 * `&&`, `||` and newlines, pipes, redirections, `while`/`until`/`for`/`if`, `{ … }` groups and
 * assignments. Words keep their source text; expansion happens when they run.
 */

export type ShellNode =
  | { readonly type: 'simple'; readonly words: readonly string[]; readonly redirects: Redirect[] }
  | { readonly type: 'list'; readonly items: readonly ListItem[] }
  | { readonly type: 'pipe'; readonly stages: readonly ShellNode[] }
  | {
      readonly type: 'while';
      readonly until: boolean;
      readonly cond: ShellNode;
      readonly body: ShellNode;
    }
  | {
      readonly type: 'for';
      readonly variable: string;
      readonly items: readonly string[];
      readonly body: ShellNode;
    }
  | {
      readonly type: 'if';
      readonly branches: readonly { cond: ShellNode; body: ShellNode }[];
      readonly otherwise?: ShellNode;
    };

export interface ListItem {
  /** How this item joins the previous one. */
  readonly op: ';' | '&&' | '||';
  readonly node: ShellNode;
}

export interface Redirect {
  readonly fd: number;
  readonly op: '>' | '>>' | '<' | '>&';
  readonly target: string;
}

export class ShellSyntaxError extends Error {}

type Token = { kind: 'word'; text: string } | { kind: 'op'; text: string };

const OPERATORS = ['&&', '||', ';;', '>>', '>&', '2>&1', ';', '|', '&', '>', '<', '(', ')', '\n'];

export function tokenizeShell(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let word = '';
  let inWord = false;
  const flush = (): void => {
    if (inWord) tokens.push({ kind: 'word', text: word });
    word = '';
    inWord = false;
  };
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (ch === "'") {
      const end = source.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
      word += source.slice(i, end + 1);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      if (j >= source.length) throw new ShellSyntaxError('unterminated quoted string');
      word += source.slice(i, j + 1);
      inWord = true;
      i = j + 1;
      continue;
    }
    if (ch === '\\') {
      if (source[i + 1] === '\n') {
        i += 2;
        continue;
      }
      word += source.slice(i, i + 2);
      inWord = true;
      i += 2;
      continue;
    }
    if (ch === '$' && source[i + 1] === '(') {
      // $( … ) and $(( … )): copy up to the matching parenthesis.
      let depth = 0;
      let j = i + 1;
      for (; j < source.length; j++) {
        if (source[j] === '(') depth++;
        else if (source[j] === ')' && --depth === 0) break;
      }
      if (j >= source.length) throw new ShellSyntaxError("unexpected EOF while looking for `)'");
      word += source.slice(i, j + 1);
      inWord = true;
      i = j + 1;
      continue;
    }
    if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated backquote');
      word += `$(${source.slice(i + 1, end)})`;
      inWord = true;
      i = end + 1;
      continue;
    }
    if (ch === '#' && !inWord) {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      flush();
      i++;
      continue;
    }
    if (ch === '2' && !inWord && source.startsWith('2>', i)) {
      flush();
      if (source.startsWith('2>&1', i)) {
        tokens.push({ kind: 'op', text: '2>&1' });
        i += 4;
      } else {
        tokens.push({ kind: 'op', text: '2>' });
        i += 2;
      }
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      flush();
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    word += ch;
    inWord = true;
    i++;
  }
  flush();
  return tokens;
}

const RESERVED_END = new Set(['do', 'done', 'then', 'elif', 'else', 'fi', '}', 'in']);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parseProgram(): ShellNode {
    const list = this.parseList(new Set());
    if (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos];
      throw new ShellSyntaxError(`syntax error: unexpected "${t?.text ?? ''}"`);
    }
    return list;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isWord(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.text === text;
  }

  private skipSeparators(): void {
    for (
      let t = this.peek();
      t?.kind === 'op' && (t.text === ';' || t.text === '\n' || t.text === '&');
      t = this.peek()
    )
      this.pos++;
  }

  private expectWord(text: string): void {
    this.skipSeparators();
    if (!this.isWord(text)) {
      const t = this.peek();
      throw new ShellSyntaxError(
        t
          ? `syntax error: unexpected "${t.text}" (expecting "${text}")`
          : `syntax error: end of file unexpected (expecting "${text}")`,
      );
    }
    this.pos++;
  }

  /** A list of and-or items, until a reserved word from `stops` (or the end). */
  private parseList(stops: ReadonlySet<string>): ShellNode {
    const items: ListItem[] = [];
    let op: ListItem['op'] = ';';
    for (;;) {
      this.skipSeparators();
      const t = this.peek();
      if (!t) break;
      if (t.kind === 'word' && stops.has(t.text)) break;
      if (t.kind === 'op' && t.text === ')') break;
      items.push({ op, node: this.parsePipeline() });
      const next = this.peek();
      if (next?.kind === 'op' && (next.text === '&&' || next.text === '||')) {
        op = next.text;
        this.pos++;
        while (this.peek()?.text === '\n') this.pos++;
      } else op = ';';
    }
    return items.length === 1 && items[0] ? items[0].node : { type: 'list', items };
  }

  private parsePipeline(): ShellNode {
    const stages = [this.parseCommand()];
    while (this.peek()?.kind === 'op' && this.peek()?.text === '|') {
      this.pos++;
      stages.push(this.parseCommand());
    }
    return stages.length === 1 && stages[0] ? stages[0] : { type: 'pipe', stages };
  }

  private parseCommand(): ShellNode {
    const t = this.peek();
    if (t?.kind === 'word') {
      if (t.text === 'while' || t.text === 'until') {
        this.pos++;
        const cond = this.parseList(new Set(['do']));
        this.expectWord('do');
        const body = this.parseList(new Set(['done']));
        this.expectWord('done');
        return { type: 'while', until: t.text === 'until', cond, body };
      }
      if (t.text === 'for') {
        this.pos++;
        const variable = this.peek()?.text ?? '';
        this.pos++;
        const items: string[] = [];
        this.skipNewlines();
        if (this.isWord('in')) {
          this.pos++;
          for (let w = this.peek(); w?.kind === 'word'; w = this.peek()) {
            items.push(w.text);
            this.pos++;
          }
        }
        this.expectWord('do');
        const body = this.parseList(new Set(['done']));
        this.expectWord('done');
        return { type: 'for', variable, items, body };
      }
      if (t.text === 'if') {
        this.pos++;
        const branches: { cond: ShellNode; body: ShellNode }[] = [];
        let otherwise: ShellNode | undefined;
        for (;;) {
          const cond = this.parseList(new Set(['then']));
          this.expectWord('then');
          const body = this.parseList(new Set(['elif', 'else', 'fi']));
          branches.push({ cond, body });
          this.skipSeparators();
          if (this.isWord('elif')) {
            this.pos++;
            continue;
          }
          if (this.isWord('else')) {
            this.pos++;
            otherwise = this.parseList(new Set(['fi']));
          }
          this.expectWord('fi');
          break;
        }
        return otherwise ? { type: 'if', branches, otherwise } : { type: 'if', branches };
      }
      if (t.text === '{') {
        this.pos++;
        const body = this.parseList(new Set(['}']));
        this.expectWord('}');
        return body;
      }
      if (RESERVED_END.has(t.text))
        throw new ShellSyntaxError(`syntax error: unexpected "${t.text}"`);
    }
    if (t?.kind === 'op' && t.text === '(') {
      this.pos++;
      const body = this.parseList(new Set());
      if (this.peek()?.text !== ')') throw new ShellSyntaxError('syntax error: missing ")"');
      this.pos++;
      return body;
    }
    return this.parseSimple();
  }

  private skipNewlines(): void {
    while (this.peek()?.text === '\n' || this.peek()?.text === ';') this.pos++;
  }

  private parseSimple(): ShellNode {
    const words: string[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.kind === 'word') {
        words.push(t.text);
        this.pos++;
        continue;
      }
      if (t.text === '>' || t.text === '>>' || t.text === '<' || t.text === '2>') {
        this.pos++;
        const target = this.peek();
        if (target?.kind !== 'word')
          throw new ShellSyntaxError('syntax error: unexpected redirection');
        this.pos++;
        redirects.push({
          fd: t.text === '2>' ? 2 : t.text === '<' ? 0 : 1,
          op: t.text === '2>' ? '>' : t.text,
          target: target.text,
        });
        continue;
      }
      if (t.text === '2>&1') {
        this.pos++;
        redirects.push({ fd: 2, op: '>&', target: '1' });
        continue;
      }
      if (t.text === '>&') {
        this.pos++;
        const target = this.peek();
        this.pos++;
        redirects.push({ fd: 1, op: '>&', target: target?.text ?? '1' });
        continue;
      }
      break;
    }
    if (words.length === 0 && redirects.length === 0) {
      const t = this.peek();
      throw new ShellSyntaxError(
        `syntax error: unexpected "${t?.text === '\n' ? 'newline' : (t?.text ?? 'end of file')}"`,
      );
    }
    return { type: 'simple', words, redirects };
  }
}

export function parseShell(source: string): ShellNode {
  return new Parser(tokenizeShell(source)).parseProgram();
}
