/**
 * A small line editor for the xterm.js terminal (xterm has none of its own): prompt, cursor
 * movement, backspace/delete, history, Ctrl-C, Ctrl-L, Tab completion, multi-line paste and
 * heredocs (`kubectl apply -f - <<EOF … EOF`). Pure: it turns input bytes into effects, so it is
 * tested in Node without a terminal.
 */

export type LineEditorEffect =
  | { readonly type: 'write'; readonly data: string }
  | { readonly type: 'submit'; readonly line: string; readonly stdin?: string }
  | { readonly type: 'clear' };

export interface LineEditorOptions {
  readonly history?: readonly string[];
  readonly historyLimit?: number;
  /** Candidates for the last word of the text before the cursor. */
  readonly complete?: (textBeforeCursor: string) => readonly string[];
}

const PROMPT = '\x1b[1;32m$\x1b[0m ';
const CONTINUATION = '\x1b[2m>\x1b[0m ';
const HEREDOC = /^(.*?)\s*<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2\s*$/;

interface Heredoc {
  readonly command: string;
  readonly delimiter: string;
  readonly lines: string[];
}

export class LineEditor {
  private buffer = '';
  private cursor = 0;
  private readonly history: string[];
  private historyIndex: number;
  private draft = '';
  private heredoc: Heredoc | undefined;
  private readonly historyLimit: number;

  constructor(private readonly options: LineEditorOptions = {}) {
    this.history = [...(options.history ?? [])];
    this.historyLimit = options.historyLimit ?? 500;
    this.historyIndex = this.history.length;
  }

  get line(): string {
    return this.buffer;
  }

  get historyEntries(): readonly string[] {
    return this.history;
  }

  /** The prompt and the current line, with the cursor in place (after output, or a redraw). */
  render(): string {
    const prompt = this.heredoc ? CONTINUATION : PROMPT;
    const back = this.buffer.length - this.cursor;
    return `\r\x1b[K${prompt}${this.buffer}${back > 0 ? `\x1b[${String(back)}D` : ''}`;
  }

  /** Erases the line being edited, so output from elsewhere can be printed above it. */
  erase(): string {
    return '\r\x1b[K';
  }

  feed(data: string): LineEditorEffect[] {
    const effects: LineEditorEffect[] = [];
    let i = 0;
    while (i < data.length) {
      const rest = data.slice(i);
      // eslint-disable-next-line no-control-regex -- terminal escape sequences start with ESC.
      const seq = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(rest);
      if (seq) {
        this.escape(seq[1] ?? '', effects);
        i += seq[0].length;
        continue;
      }
      const ch = data[i] ?? '';
      i += 1;
      if (ch === '\r' || ch === '\n') {
        if (ch === '\r' && data[i] === '\n') i += 1;
        this.enter(effects);
      } else if (ch === '\x7f' || ch === '\b') this.backspace(effects);
      else if (ch === '\x03') this.interrupt(effects);
      else if (ch === '\x0c')
        effects.push({ type: 'clear' }, { type: 'write', data: this.render() });
      else if (ch === '\x01') this.moveTo(0, effects);
      else if (ch === '\x05') this.moveTo(this.buffer.length, effects);
      else if (ch === '\x15') {
        this.buffer = this.buffer.slice(this.cursor);
        this.cursor = 0;
        this.redraw(effects);
      } else if (ch === '\x0b') {
        this.buffer = this.buffer.slice(0, this.cursor);
        this.redraw(effects);
      } else if (ch === '\t') this.completeWord(effects);
      else if (ch >= ' ' || ch === '\u00a0') this.insert(ch, effects);
      // Other control characters are ignored, as a shell would.
    }
    return coalesce(effects);
  }

  private escape(body: string, effects: LineEditorEffect[]): void {
    switch (body) {
      case '[A':
      case 'OA':
        this.recall(-1, effects);
        return;
      case '[B':
      case 'OB':
        this.recall(1, effects);
        return;
      case '[C':
      case 'OC':
        this.moveTo(this.cursor + 1, effects);
        return;
      case '[D':
      case 'OD':
        this.moveTo(this.cursor - 1, effects);
        return;
      case '[H':
      case 'OH':
      case '[1~':
        this.moveTo(0, effects);
        return;
      case '[F':
      case 'OF':
      case '[4~':
        this.moveTo(this.buffer.length, effects);
        return;
      case '[3~':
        if (this.cursor < this.buffer.length) {
          this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
          this.redraw(effects);
        }
        return;
      default:
        return;
    }
  }

  private insert(text: string, effects: LineEditorEffect[]): void {
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
    if (this.cursor === this.buffer.length) effects.push({ type: 'write', data: text });
    else this.redraw(effects);
  }

  private backspace(effects: LineEditorEffect[]): void {
    if (this.cursor === 0) return;
    this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
    this.cursor -= 1;
    this.redraw(effects);
  }

  private moveTo(position: number, effects: LineEditorEffect[]): void {
    const next = Math.max(0, Math.min(this.buffer.length, position));
    if (next === this.cursor) return;
    const delta = next - this.cursor;
    this.cursor = next;
    effects.push({
      type: 'write',
      data: delta > 0 ? `\x1b[${String(delta)}C` : `\x1b[${String(-delta)}D`,
    });
  }

  private redraw(effects: LineEditorEffect[]): void {
    effects.push({ type: 'write', data: this.render() });
  }

  private recall(direction: -1 | 1, effects: LineEditorEffect[]): void {
    if (this.heredoc) return;
    const next = this.historyIndex + direction;
    if (next < 0 || next > this.history.length) return;
    if (this.historyIndex === this.history.length) this.draft = this.buffer;
    this.historyIndex = next;
    this.buffer = next === this.history.length ? this.draft : (this.history[next] ?? '');
    this.cursor = this.buffer.length;
    this.redraw(effects);
  }

  private interrupt(effects: LineEditorEffect[]): void {
    this.buffer = '';
    this.cursor = 0;
    this.heredoc = undefined;
    this.historyIndex = this.history.length;
    effects.push({ type: 'write', data: '^C\r\n' });
    this.redraw(effects);
  }

  private remember(line: string): void {
    if (line.trim() === '' || this.history[this.history.length - 1] === line) return;
    this.history.push(line);
    if (this.history.length > this.historyLimit)
      this.history.splice(0, this.history.length - this.historyLimit);
  }

  private enter(effects: LineEditorEffect[]): void {
    const line = this.buffer;
    this.buffer = '';
    this.cursor = 0;
    this.historyIndex = this.history.length;
    this.draft = '';
    effects.push({ type: 'write', data: '\r\n' });
    if (this.heredoc) {
      if (line.trim() === this.heredoc.delimiter) {
        const { command, lines } = this.heredoc;
        this.heredoc = undefined;
        effects.push({ type: 'submit', line: command, stdin: lines.map((l) => `${l}\n`).join('') });
      } else {
        this.heredoc.lines.push(line);
        this.redraw(effects);
      }
      return;
    }
    this.remember(line);
    this.historyIndex = this.history.length;
    const match = HEREDOC.exec(line);
    if (match) {
      this.heredoc = { command: match[1] ?? '', delimiter: match[3] ?? 'EOF', lines: [] };
      this.redraw(effects);
      return;
    }
    effects.push({ type: 'submit', line });
  }

  private completeWord(effects: LineEditorEffect[]): void {
    const complete = this.options.complete;
    if (!complete || this.heredoc) return;
    const before = this.buffer.slice(0, this.cursor);
    const word = /(\S*)$/.exec(before)?.[1] ?? '';
    const candidates = complete(before);
    if (candidates.length === 0) return;
    const common = commonPrefix(candidates);
    if (candidates.length === 1) {
      this.insertCompletion(`${common.slice(word.length)} `, effects);
    } else if (common.length > word.length) {
      this.insertCompletion(common.slice(word.length), effects);
    } else {
      effects.push({ type: 'write', data: `\r\n${candidates.join('  ')}\r\n` });
      this.redraw(effects);
    }
  }

  private insertCompletion(text: string, effects: LineEditorEffect[]): void {
    if (text === '') return;
    this.insert(text, effects);
  }
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Joins adjacent writes so the terminal gets one write per burst of typing. */
function coalesce(effects: LineEditorEffect[]): LineEditorEffect[] {
  const out: LineEditorEffect[] = [];
  for (const e of effects) {
    const last = out[out.length - 1];
    if (e.type === 'write' && last?.type === 'write')
      out[out.length - 1] = { type: 'write', data: last.data + e.data };
    else out.push(e);
  }
  return out;
}
