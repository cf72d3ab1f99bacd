/**
 * Runs parsed shell programs inside a simulated container. A program is a generator: it yields
 * `sleep` effects, and the kubelet resumes it when virtual time reaches the wake-up, so
 * `while true; do date; sleep 5; done` prints a line every five virtual seconds. Output goes to the
 * container's log through the host. Programs and messages follow busybox, the shell most
 * tutorial images have.
 */
import { civilFromMs } from '../../clock/timeFormat.ts';
import { parseShell, ShellSyntaxError, type ShellNode } from './shellParser.ts';

export interface SleepEffect {
  readonly sleepMs: number;
  /** The program spun without sleeping: it used a whole CPU core meanwhile. */
  readonly busy?: boolean;
}

export type Program = Generator<SleepEffect, number, void>;

/** What a shell inside a container can reach. */
export interface ShellHost {
  /** Virtual time at the point the program has reached. */
  now(): number;
  readonly env: Map<string, string>;
  readonly files: Map<string, string>;
  readonly hostname: string;
  write(stream: 'stdout' | 'stderr', text: string): void;
  /** DNS through the pod's resolver; undefined = NXDOMAIN. */
  resolve(host: string): string | undefined;
  /** One HTTP GET from this pod. */
  request(url: string): { status?: number; body?: string; error?: string };
}

/** `exit N` unwinds the interpreter to the top of the program. */
class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${String(code)}`);
  }
}

/** Commands run without sleeping before the shell yields a second of virtual time (busy loops). */
const BUSY_BUDGET = 200;

interface Frame {
  out: string;
  err: string;
}

export class Shell {
  private status = 0;
  private budget = BUSY_BUDGET;
  private readonly captures: Frame[] = [];
  private stdin: string | undefined;

  constructor(private readonly host: ShellHost) {}

  /** `sh -c <script>`: parses and runs; syntax errors print busybox's message and exit 2. */
  *runScript(source: string, name = 'sh'): Program {
    let node: ShellNode;
    try {
      node = parseShell(source);
    } catch (error) {
      if (error instanceof ShellSyntaxError) {
        this.write('stderr', `${name}: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
    try {
      return yield* this.exec(node);
    } catch (error) {
      if (error instanceof ExitSignal) return error.code;
      throw error;
    }
  }

  /** Runs argv as PID 1 (a container's command + args without a shell). */
  *runArgv(argv: readonly string[]): Program {
    try {
      return yield* this.program(argv);
    } catch (error) {
      if (error instanceof ExitSignal) return error.code;
      throw error;
    }
  }

  private write(stream: 'stdout' | 'stderr', text: string): void {
    const frame = this.captures[this.captures.length - 1];
    if (frame) {
      if (stream === 'stdout') frame.out += text;
      else frame.err += text;
    } else this.host.write(stream, text);
  }

  private *exec(node: ShellNode): Program {
    switch (node.type) {
      case 'list': {
        let status = 0;
        for (const item of node.items) {
          if (item.op === '&&' && status !== 0) continue;
          if (item.op === '||' && status === 0) continue;
          status = yield* this.exec(item.node);
        }
        return status;
      }
      case 'pipe': {
        let input: string | undefined;
        let status = 0;
        for (let i = 0; i < node.stages.length; i++) {
          const stage = node.stages[i];
          if (!stage) continue;
          const last = i === node.stages.length - 1;
          this.stdin = input;
          if (last) {
            status = yield* this.exec(stage);
          } else {
            this.captures.push({ out: '', err: '' });
            try {
              status = yield* this.exec(stage);
            } finally {
              const frame = this.captures.pop();
              input = frame?.out ?? '';
              if (frame?.err) this.write('stderr', frame.err);
            }
          }
        }
        this.stdin = undefined;
        return status;
      }
      case 'while': {
        let status = 0;
        for (;;) {
          const cond = yield* this.exec(node.cond);
          if ((cond === 0) === node.until) break;
          status = yield* this.exec(node.body);
          yield* this.tick();
        }
        return status;
      }
      case 'for': {
        let status = 0;
        const items = node.items.flatMap((w) => this.expand(w));
        for (const item of items) {
          this.host.env.set(node.variable, item);
          status = yield* this.exec(node.body);
          yield* this.tick();
        }
        return status;
      }
      case 'if': {
        for (const branch of node.branches) {
          if ((yield* this.exec(branch.cond)) === 0) return yield* this.exec(branch.body);
        }
        return node.otherwise ? yield* this.exec(node.otherwise) : 0;
      }
      case 'simple':
        return yield* this.simple(node);
    }
  }

  /** Busy loops still take virtual time, so they cannot hang the simulation. */
  private *tick(): Generator<SleepEffect, void, void> {
    if (--this.budget <= 0) {
      this.budget = BUSY_BUDGET;
      yield { sleepMs: 1000, busy: true };
    }
  }

  private *simple(node: Extract<ShellNode, { type: 'simple' }>): Program {
    const assignments: [string, string][] = [];
    let i = 0;
    for (; i < node.words.length; i++) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(node.words[i] ?? '');
      if (!match) break;
      assignments.push([match[1] ?? '', this.expand(match[2] ?? '', false).join('')]);
    }
    const argv = node.words.slice(i).flatMap((w) => this.expand(w));
    if (argv.length === 0) {
      for (const [k, v] of assignments) this.host.env.set(k, v);
      this.status = 0;
      return 0;
    }
    const saved = assignments.map(([k]) => [k, this.host.env.get(k)] as const);
    for (const [k, v] of assignments) this.host.env.set(k, v);
    const redirectOut = node.redirects.find((r) => r.fd === 1 && r.op !== '>&');
    const errToOut = node.redirects.some((r) => r.fd === 2 && r.op === '>&');
    const errToFile = node.redirects.find((r) => r.fd === 2 && r.op === '>');
    const input = node.redirects.find((r) => r.fd === 0);
    if (input) {
      const path = this.expand(input.target).join(' ');
      const content = this.host.files.get(path);
      if (content === undefined) {
        this.write('stderr', `sh: can't open ${path}: no such file\n`);
        return (this.status = 1);
      }
      this.stdin = content;
    }
    const capturing = redirectOut !== undefined || errToFile !== undefined;
    if (capturing) this.captures.push({ out: '', err: '' });
    let status: number;
    try {
      status = yield* this.program(argv);
    } finally {
      if (capturing) {
        const frame = this.captures.pop() ?? { out: '', err: '' };
        if (redirectOut) {
          const path = this.expand(redirectOut.target).join(' ');
          const text = errToOut ? frame.out + frame.err : frame.out;
          if (path !== '/dev/null')
            this.host.files.set(
              path,
              redirectOut.op === '>>' ? (this.host.files.get(path) ?? '') + text : text,
            );
          if (!errToOut && !errToFile && frame.err) this.write('stderr', frame.err);
        } else {
          this.write('stdout', frame.out);
        }
        if (errToFile && !errToOut) {
          const path = this.expand(errToFile.target).join(' ');
          if (path !== '/dev/null') this.host.files.set(path, frame.err);
        }
      }
      if (input) this.stdin = undefined;
      if (argv[0] !== 'export')
        for (const [k, v] of saved) {
          if (v === undefined) this.host.env.delete(k);
          else this.host.env.set(k, v);
        }
    }
    this.status = status;
    return status;
  }

  /** One program (a builtin or a busybox applet). */
  private *program(argv: readonly string[]): Program {
    const [cmd = '', ...args] = argv;
    const out = (text: string): void => {
      this.write('stdout', text);
    };
    const err = (text: string): void => {
      this.write('stderr', text);
    };
    switch (cmd.slice(cmd.lastIndexOf('/') + 1)) {
      case 'sh':
      case 'bash':
      case 'ash': {
        const c = args.indexOf('-c');
        if (c >= 0) return yield* this.runScript(args[c + 1] ?? '', cmd);
        if (args.length === 0) {
          if (this.stdin !== undefined) return yield* this.runScript(this.stdin, cmd);
          return 0; // No terminal: an interactive shell reads EOF and exits at once.
        }
        const script = this.host.files.get(args[0] ?? '');
        if (script === undefined) {
          err(`${cmd}: can't open '${args[0] ?? ''}': No such file or directory\n`);
          return 2;
        }
        return yield* this.runScript(script, cmd);
      }
      case 'echo': {
        let newline = true;
        let escapes = false;
        let rest = args;
        while (rest[0] === '-n' || rest[0] === '-e' || rest[0] === '-ne' || rest[0] === '-en') {
          if (rest[0].includes('n')) newline = false;
          if (rest[0].includes('e')) escapes = true;
          rest = rest.slice(1);
        }
        const text = rest.join(' ');
        out((escapes ? unescape(text) : text) + (newline ? '\n' : ''));
        return 0;
      }
      case 'printf':
        out(formatPrintf(args[0] ?? '', args.slice(1)));
        return 0;
      case 'sleep': {
        const ms = parseSleep(args);
        if (ms === undefined) {
          err(`sleep: invalid number '${args.join(' ')}'\n`);
          return 1;
        }
        if (ms > 0) yield { sleepMs: ms };
        return 0;
      }
      case 'exit':
        throw new ExitSignal(args[0] === undefined ? this.status : Number(args[0]) & 255);
      case 'true':
      case ':':
        return 0;
      case 'false':
        return 1;
      case 'printenv': {
        if (args.length === 0) {
          out(this.envLines());
          return 0;
        }
        let status = 0;
        for (const name of args) {
          const value = this.host.env.get(name);
          if (value === undefined) status = 1;
          else out(`${value}\n`);
        }
        return status;
      }
      case 'env':
        out(this.envLines());
        return 0;
      case 'export':
        for (const arg of args) {
          const eq = arg.indexOf('=');
          if (eq > 0) this.host.env.set(arg.slice(0, eq), arg.slice(eq + 1));
        }
        return 0;
      case 'cat': {
        if (args.length === 0) {
          out(this.stdin ?? '');
          return 0;
        }
        let status = 0;
        for (const path of args) {
          const content = this.readFile(path);
          if (content === undefined) {
            err(`cat: can't open '${path}': No such file or directory\n`);
            status = 1;
          } else out(content);
        }
        return status;
      }
      case 'date':
        out(`${formatBusyboxDate(this.host.now())}\n`);
        return 0;
      case 'hostname':
        out(`${this.host.hostname}\n`);
        return 0;
      case 'touch':
        for (const path of args)
          if (!path.startsWith('-')) this.host.files.set(path, this.host.files.get(path) ?? '');
        return 0;
      case 'rm': {
        const force = args.some((a) => a.startsWith('-') && a.includes('f'));
        let status = 0;
        for (const path of args.filter((a) => !a.startsWith('-'))) {
          if (!this.host.files.delete(path) && !force) {
            err(`rm: can't remove '${path}': No such file or directory\n`);
            status = 1;
          }
        }
        return status;
      }
      case 'mkdir':
      case 'cd':
      case 'set':
      case 'trap':
      case 'ulimit':
      case 'umask':
        return 0;
      case 'ls': {
        const dir = (args.find((a) => !a.startsWith('-')) ?? '/').replace(/\/$/, '');
        const names = [...this.host.files.keys()]
          .filter((p) => p.startsWith(`${dir}/`))
          .map((p) => p.slice(dir.length + 1).split('/')[0] ?? '')
          .filter((n, idx, all) => n !== '' && all.indexOf(n) === idx)
          .sort();
        out(names.map((n) => `${n}\n`).join(''));
        return 0;
      }
      case 'test':
        return evalTest(args, this.host.files);
      case '[':
        if (args[args.length - 1] !== ']') {
          err('sh: missing ]\n');
          return 2;
        }
        return evalTest(args.slice(0, -1), this.host.files);
      case 'seq': {
        const nums = args.map(Number);
        const [from, to] = nums.length >= 2 ? [nums[0] ?? 1, nums[1] ?? 1] : [1, nums[0] ?? 1];
        for (let n = from; n <= to; n++) out(`${String(n)}\n`);
        return 0;
      }
      case 'wc': {
        const text = this.stdin ?? '';
        out(`${String(text.split('\n').length - (text.endsWith('\n') ? 1 : 0))}\n`);
        return 0;
      }
      case 'head':
      case 'tail': {
        const n = Number(args[args.indexOf('-n') + 1] ?? 10) || 10;
        const lines = (this.stdin ?? '')
          .split('\n')
          .filter((l, idx, all) => idx < all.length - 1 || l !== '');
        const picked = cmd === 'head' ? lines.slice(0, n) : lines.slice(-n);
        out(picked.map((l) => `${l}\n`).join(''));
        return 0;
      }
      case 'grep': {
        const pattern = args.find((a) => !a.startsWith('-')) ?? '';
        const lines = (this.stdin ?? '').split('\n').filter((l) => l.includes(pattern));
        const hits = lines.filter((l) => l !== '');
        out(hits.map((l) => `${l}\n`).join(''));
        return hits.length > 0 ? 0 : 1;
      }
      case 'kill':
        return 0;
      case 'wget':
        return yield* this.wget(args);
      case 'curl':
        return yield* this.curl(args);
      case 'nslookup':
        return this.nslookup(args[0] ?? '');
      default: {
        // Programs we do not model run briefly and succeed, so learners' own images work.
        yield { sleepMs: 100 };
        return 0;
      }
    }
  }

  private readFile(path: string): string | undefined {
    if (path === '/etc/hostname') return `${this.host.hostname}\n`;
    return this.host.files.get(path);
  }

  private envLines(): string {
    return [...this.host.env].map(([k, v]) => `${k}=${v}\n`).join('');
  }

  private *wget(args: readonly string[]): Program {
    const url = args.find(
      (a) =>
        !a.startsWith('-') &&
        a !== '-' &&
        args[args.indexOf(a) - 1] !== '-O' &&
        args[args.indexOf(a) - 1] !== '-T',
    );
    const quiet = args.some((a) => a === '-q' || a.startsWith('-q'));
    const toStdout = args.some(
      (a, i) => a === '-O-' || (a === '-O' && args[i + 1] === '-') || a === '-qO-',
    );
    const spider = args.includes('--spider');
    if (!url) {
      this.write(
        'stderr',
        'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n',
      );
      return 1;
    }
    yield { sleepMs: 5 };
    const full = url.includes('://') ? url : `http://${url}`;
    const host = hostOf(full);
    if (!quiet) this.write('stderr', `Connecting to ${host}${this.addressSuffix(host)}\n`);
    const result = this.host.request(full);
    if (result.error) {
      if (result.error === 'timed out') yield { sleepMs: 10_000 };
      const message =
        result.error === 'bad address'
          ? `wget: bad address '${host}'`
          : result.error === 'connection refused'
            ? `wget: can't connect to remote host (${this.host.resolve(host.split(':')[0] ?? '') ?? host}): Connection refused`
            : 'wget: download timed out';
      this.write('stderr', `${message}\n`);
      return 1;
    }
    const status = result.status ?? 200;
    if (status >= 400) {
      this.write(
        'stderr',
        `wget: server returned error: HTTP/1.1 ${String(status)} ${reasonPhrase(status)}\n`,
      );
      return 1;
    }
    if (spider) {
      if (!quiet) this.write('stderr', 'remote file exists\n');
      return 0;
    }
    const body = result.body ?? '';
    if (toStdout) this.write('stdout', body);
    else {
      const path = full.slice(full.lastIndexOf('/') + 1) || 'index.html';
      this.host.files.set(path, body);
      if (!quiet)
        this.write(
          'stderr',
          `saving to '${path}'\n${path}              100% |********************************|  ${String(body.length)}  0:00:00 ETA\n'${path}' saved\n`,
        );
    }
    return 0;
  }

  private *curl(args: readonly string[]): Program {
    const url = args.find(
      (a, i) =>
        !a.startsWith('-') && !['-o', '-H', '-X', '-m', '--max-time'].includes(args[i - 1] ?? ''),
    );
    if (!url) {
      this.write('stderr', "curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    yield { sleepMs: 5 };
    const full = url.includes('://') ? url : `http://${url}`;
    const host = hostOf(full).split(':')[0] ?? '';
    const result = this.host.request(full);
    const silent = args.some((a) => /^-[a-zA-Z]*s/.test(a) && !a.startsWith('--'));
    const showErrors = args.some((a) => a === '-S' || /^-[a-zA-Z]*S/.test(a));
    const fail = args.some((a) => a === '-f' || a === '--fail' || /^-[a-zA-Z]*f/.test(a));
    if (result.error) {
      const [code, message] =
        result.error === 'bad address'
          ? [6, `curl: (6) Could not resolve host: ${host}`]
          : result.error === 'connection refused'
            ? [
                7,
                `curl: (7) Failed to connect to ${host} port ${portOf(full)} after 0 ms: Couldn't connect to server`,
              ]
            : [28, `curl: (28) Connection timed out after 10002 milliseconds`];
      if (result.error === 'timed out') yield { sleepMs: 10_000 };
      if (!silent || showErrors) this.write('stderr', `${message}\n`);
      return code;
    }
    const status = result.status ?? 200;
    if (fail && status >= 400) {
      if (!silent || showErrors)
        this.write('stderr', `curl: (22) The requested URL returned error: ${String(status)}\n`);
      return 22;
    }
    this.write('stdout', result.body ?? '');
    return 0;
  }

  private nslookup(host: string): number {
    const ip = this.host.resolve(host);
    const server = this.host.env.get('__NAMESERVER') ?? '10.96.0.10';
    this.write('stdout', `Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
    if (!ip) {
      this.write('stdout', `** server can't find ${host}: NXDOMAIN\n\n`);
      return 1;
    }
    this.write('stdout', `Name:\t${host}\nAddress: ${ip}\n\n`);
    return 0;
  }

  private addressSuffix(host: string): string {
    const name = host.split(':')[0] ?? host;
    const ip = this.host.resolve(name);
    return ip ? ` (${ip}:${portOf(`http://${host}`)})` : '';
  }

  /** Expands one word: quotes, `$VAR`, `${VAR}`, `$?`, `$(cmd)`, `$((expr))`; unquoted text splits on spaces. */
  expand(word: string, split = true): string[] {
    const fields: string[] = [];
    let current = '';
    let hasField = false;
    const pushUnquoted = (text: string): void => {
      if (!split) {
        current += text;
        return;
      }
      const parts = text.split(/[ \t\n]+/);
      parts.forEach((part, idx) => {
        if (idx > 0 && (hasField || current !== '')) {
          fields.push(current);
          current = '';
          hasField = false;
        }
        current += part;
      });
    };
    let i = 0;
    while (i < word.length) {
      const ch = word[i] ?? '';
      if (ch === "'") {
        const end = word.indexOf("'", i + 1);
        current += word.slice(i + 1, end);
        hasField = true;
        i = end + 1;
      } else if (ch === '"') {
        i++;
        hasField = true;
        while (i < word.length && word[i] !== '"') {
          if (word[i] === '\\' && '"\\$`'.includes(word[i + 1] ?? '')) {
            current += word[i + 1] ?? '';
            i += 2;
          } else if (word[i] === '$') {
            const [value, next] = this.dollar(word, i);
            current += value;
            i = next;
          } else {
            current += word[i] ?? '';
            i++;
          }
        }
        i++;
      } else if (ch === '\\') {
        current += word[i + 1] ?? '';
        hasField = true;
        i += 2;
      } else if (ch === '$') {
        const [value, next] = this.dollar(word, i);
        pushUnquoted(value);
        i = next;
      } else {
        current += ch;
        hasField = true;
        i++;
      }
    }
    if (current !== '' || hasField) fields.push(current);
    return fields;
  }

  private dollar(word: string, i: number): [string, number] {
    const next = word[i + 1] ?? '';
    if (word.startsWith('$((', i)) {
      const end = matchingParen(word, i + 1);
      const expr = word.slice(i + 3, end - 1);
      return [String(this.arith(expr)), end + 1];
    }
    if (next === '(') {
      const end = matchingParen(word, i + 1);
      return [this.substitute(word.slice(i + 2, end)), end + 1];
    }
    if (next === '{') {
      const end = word.indexOf('}', i);
      const inner = word.slice(i + 2, end);
      const [name = '', fallback] = inner.split(/:?-/);
      const value = this.variable(name);
      return [value === '' && fallback !== undefined ? fallback : value, end + 1];
    }
    if (next === '?') return [String(this.status), i + 2];
    if (next === '$') return ['1', i + 2];
    const match = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9]/.exec(word.slice(i + 1));
    if (!match) return ['$', i + 1];
    return [this.variable(match[0]), i + 1 + match[0].length];
  }

  private variable(name: string): string {
    if (name === 'HOSTNAME') return this.host.env.get('HOSTNAME') ?? this.host.hostname;
    if (name === 'RANDOM') return String(this.host.now() % 32768);
    return this.host.env.get(name) ?? '';
  }

  /** `$(cmd)`: runs to completion at once (sleeps inside are skipped) and captures stdout. */
  private substitute(source: string): string {
    this.captures.push({ out: '', err: '' });
    let frame: Frame | undefined;
    try {
      const gen = this.runScript(source);
      let step = gen.next();
      for (let guard = 0; !step.done && guard < 10_000; guard++) step = gen.next();
    } finally {
      frame = this.captures.pop();
    }
    if (frame?.err) this.write('stderr', frame.err);
    return (frame?.out ?? '').replace(/\n+$/, '');
  }

  private arith(expr: string): number {
    const replaced = expr.replace(/\$?([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
      const v = Number(this.variable(name));
      return Number.isFinite(v) ? String(v) : '0';
    });
    return evalArith(replaced);
  }
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '(') depth++;
    else if (text[j] === ')' && --depth === 0) return j;
  }
  return text.length - 1;
}

/** Integer arithmetic: + - * / % and comparisons, with parentheses. */
export function evalArith(expr: string): number {
  const tokens = expr.match(/\d+|[-+*/%()]|[<>!=]=|[<>]|&&|\|\|/g) ?? [];
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const primary = (): number => {
    const t = tokens[pos++];
    if (t === '(') {
      const v = orExpr();
      pos++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    return Number(t ?? 0) || 0;
  };
  const mul = (): number => {
    let v = primary();
    for (let t = peek(); t === '*' || t === '/' || t === '%'; t = peek()) {
      pos++;
      const r = primary();
      v = t === '*' ? v * r : r === 0 ? 0 : t === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const add = (): number => {
    let v = mul();
    for (let t = peek(); t === '+' || t === '-'; t = peek()) {
      pos++;
      v = t === '+' ? v + mul() : v - mul();
    }
    return v;
  };
  const cmp = (): number => {
    let v = add();
    for (let t = peek(); t && ['<', '>', '<=', '>=', '==', '!='].includes(t); t = peek()) {
      pos++;
      const r = add();
      const ok =
        t === '<'
          ? v < r
          : t === '>'
            ? v > r
            : t === '<='
              ? v <= r
              : t === '>='
                ? v >= r
                : t === '=='
                  ? v === r
                  : v !== r;
      v = ok ? 1 : 0;
    }
    return v;
  };
  const orExpr = (): number => {
    let v = cmp();
    for (let t = peek(); t === '&&' || t === '||'; t = peek()) {
      pos++;
      const r = cmp();
      v = t === '&&' ? (v && r ? 1 : 0) : v || r ? 1 : 0;
    }
    return v;
  };
  return orExpr();
}

function evalTest(args: readonly string[], files: ReadonlyMap<string, string>): number {
  if (args[0] === '!') return evalTest(args.slice(1), files) === 0 ? 1 : 0;
  const [a = '', op = '', b = ''] = args;
  if (args.length === 0) return 1;
  if (args.length === 1) return a !== '' ? 0 : 1;
  if (args.length === 2) {
    if (a === '-z') return op === '' ? 0 : 1;
    if (a === '-n') return op !== '' ? 0 : 1;
    if (a === '-f' || a === '-e' || a === '-r' || a === '-s') return files.has(op) ? 0 : 1;
    if (a === '-d') return [...files.keys()].some((p) => p.startsWith(`${op}/`)) ? 0 : 1;
    return 1;
  }
  const x = Number(a);
  const y = Number(b);
  const ok: Record<string, boolean> = {
    '=': a === b,
    '==': a === b,
    '!=': a !== b,
    '-eq': x === y,
    '-ne': x !== y,
    '-lt': x < y,
    '-le': x <= y,
    '-gt': x > y,
    '-ge': x >= y,
  };
  return ok[op] ? 0 : 1;
}

function unescape(text: string): string {
  return text.replace(/\\([ntr\\])/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : '\\',
  );
}

function formatPrintf(format: string, args: readonly string[]): string {
  let idx = 0;
  const once = (): string =>
    unescape(format).replace(/%([-0-9.]*)([sdfx%])/g, (_, _w: string, conv: string) => {
      if (conv === '%') return '%';
      const arg = args[idx++] ?? '';
      if (conv === 'd') return String(Math.trunc(Number(arg) || 0));
      if (conv === 'x') return Math.trunc(Number(arg) || 0).toString(16);
      if (conv === 'f') return (Number(arg) || 0).toFixed(6);
      return arg;
    });
  let text = once();
  while (idx > 0 && idx < args.length) text += once();
  return text;
}

function parseSleep(args: readonly string[]): number | undefined {
  if (args.length === 0) return undefined;
  let total = 0;
  for (const arg of args) {
    if (arg === 'infinity' || arg === 'inf') return Infinity;
    const match = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!match) return undefined;
    const unit =
      { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? ''] ?? 1000;
    total += Number(match[1]) * unit;
  }
  return Math.round(total);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** busybox `date`: `Mon Jun  2 09:00:00 UTC 2025`. */
export function formatBusyboxDate(ms: number): string {
  const t = civilFromMs(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${WEEKDAYS[t.weekday] ?? ''} ${MONTHS[t.month - 1] ?? ''} ${String(t.day).padStart(2, ' ')} ${two(t.hour)}:${two(t.minute)}:${two(t.second)} UTC ${String(t.year)}`;
}

function hostOf(url: string): string {
  const rest = url.slice(url.indexOf('://') + 3);
  return rest.split('/')[0] ?? rest;
}

function portOf(url: string): string {
  const host = hostOf(url);
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(colon + 1) : url.startsWith('https') ? '443' : '80';
}

function reasonPhrase(status: number): string {
  const phrases: Record<number, string> = {
    400: 'Bad Request',
    403: 'Forbidden',
    404: 'Not Found',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  return phrases[status] ?? 'Error';
}

export { ShellSyntaxError };
