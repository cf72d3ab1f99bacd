/**
 * The simulated process of one container: what the image's entrypoint (or the pod's command and
 * args) does over virtual time, what it prints, which ports it listens on, how it answers HTTP,
 * how it reacts to SIGTERM and how much CPU and memory it uses.
 */
import { civilFromMs, formatRfc3339 } from '../../clock/timeFormat.ts';
import { imageBaseName, normalizeImage, tagOf } from '../images.ts';
import type { ContainerLog } from './containerLog.ts';
import { piDigits } from './piDigits.ts';
import { Shell, type Program, type ShellHost } from './shell.ts';

export interface ProcessContext {
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly hostname: string;
  readonly podIp: string;
  readonly env: Map<string, string>;
  readonly files: Map<string, string>;
  /** Container ports declared in the pod spec (generic servers listen on these). */
  readonly declaredPorts: readonly number[];
  readonly memoryLimitBytes?: number;
  readonly cpuLimitMilli?: number;
  readonly log: ContainerLog;
  resolve(host: string): string | undefined;
  request(url: string): { status?: number; body?: string; error?: string };
}

export interface HttpReply {
  readonly status: number;
  readonly body: string;
}

interface ServerModel {
  readonly name: string;
  readonly ports: readonly number[];
  /** Resident memory at idle. */
  readonly memoryBytes: number;
  /** Undefined: the port speaks something other than HTTP (redis, postgres…). */
  http?(path: string): HttpReply;
  startup(now: number): string[];
  accessLog?(now: number, source: string, path: string, reply: HttpReply, agent: string): string;
  /** CPU time one request costs (ms of one core), for load tests such as hpa-example. */
  readonly cpuPerRequestMs?: number;
}

const MiB = 1024 * 1024;

export class ContainerProcess {
  private program: Program | undefined;
  /** Virtual time the program has reached. */
  private time: number;
  private wakeAt: number;
  private readonly shell: Shell;
  private readonly server: ServerModel | undefined;
  exitCode: number | undefined;
  exitedAt: number | undefined;
  /** Why the runtime ended it (`OOMKilled`); undefined for a normal exit. */
  exitReason: string | undefined;
  /** PID 1 without a SIGTERM handler (a shell, sleep): only SIGKILL at the grace deadline ends it. */
  readonly ignoresSigterm: boolean;
  private readonly memoryDemand: number;
  private readonly cpuDemandMilli: number;
  private readonly requestTimes: number[] = [];

  constructor(
    private readonly ctx: ProcessContext,
    readonly startedAt: number,
  ) {
    this.time = startedAt;
    this.wakeAt = startedAt;
    const host: ShellHost = {
      now: () => this.time,
      env: ctx.env,
      files: ctx.files,
      hostname: ctx.hostname,
      write: (stream, text) => {
        ctx.log.write(this.time, stream, text);
      },
      resolve: (name) => ctx.resolve(name),
      request: (url) => ctx.request(url),
    };
    this.shell = new Shell(host);
    const argv = resolveArgv(ctx);
    const plan = planFor(argv, ctx);
    this.server = plan.server;
    this.ignoresSigterm = plan.ignoresSigterm;
    this.memoryDemand = plan.memoryBytes;
    this.cpuDemandMilli = plan.cpuMilli;
    this.program = plan.program?.(this.shell, (text) => {
      ctx.log.write(this.time, 'stdout', text);
    });
    if (this.server)
      for (const line of this.server.startup(startedAt))
        ctx.log.write(startedAt, 'stdout', `${line}\n`);
    if (plan.startupStderr) ctx.log.write(startedAt, 'stderr', plan.startupStderr);
    const limit = ctx.memoryLimitBytes;
    if (limit !== undefined && this.memoryDemand > limit) {
      // The allocation grows past the cgroup limit within the first moments: the kernel OOM-kills it.
      this.program = undefined;
      this.wakeAt = startedAt + 1_000;
      this.pendingOom = true;
    }
  }

  private pendingOom = false;
  /** When a busy loop last ran (it keeps one core busy). */
  private lastBusyAt = -Infinity;

  get running(): boolean {
    return this.exitedAt === undefined;
  }

  /** Runs the process up to `now`; returns when it next needs waking (Infinity: never by itself). */
  advanceTo(now: number): number {
    if (!this.running) return Infinity;
    if (this.pendingOom) {
      if (now < this.wakeAt) return this.wakeAt;
      this.finish(this.wakeAt, 137, 'OOMKilled');
      return Infinity;
    }
    if (!this.program) return Infinity;
    while (this.wakeAt <= now) {
      this.time = this.wakeAt;
      const step = this.program.next();
      if (step.done) {
        this.finish(this.time, step.value, undefined);
        return Infinity;
      }
      if (step.value.sleepMs === Infinity) {
        this.wakeAt = Infinity;
        return Infinity;
      }
      if (step.value.busy) this.lastBusyAt = this.time;
      this.wakeAt = this.time + Math.max(1, step.value.sleepMs);
    }
    return this.wakeAt;
  }

  /** Ends the process (crash, kill); the exit code follows the signal convention (137 = SIGKILL). */
  finish(at: number, code: number, reason: string | undefined): void {
    if (!this.running) return;
    this.exitCode = code;
    this.exitedAt = at;
    this.exitReason = reason;
    this.program = undefined;
  }

  /** SIGTERM: returns the time the process will have exited, or undefined if it ignores it. */
  sigterm(now: number): number | undefined {
    if (!this.running || this.ignoresSigterm) return undefined;
    if (this.server?.name === 'nginx')
      this.ctx.log.write(
        now,
        'stderr',
        `${nginxTime(now)} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n`,
      );
    return now + 100;
  }

  listens(port: number): boolean {
    return this.running && !this.pendingOom && (this.server?.ports.includes(port) ?? false);
  }

  /** An HTTP request reaching the container; undefined when nothing listens on the port. */
  http(
    now: number,
    port: number,
    path: string,
    source: string,
    agent: string,
  ): HttpReply | undefined {
    if (!this.listens(port) || !this.server) return undefined;
    const reply = this.server.http?.(path);
    if (!reply) return { status: 0, body: '' };
    this.requestTimes.push(now);
    if (this.requestTimes.length > 10_000) this.requestTimes.splice(0, 5_000);
    const line = this.server.accessLog?.(now, source, path, reply, agent);
    if (line) this.ctx.log.write(now, 'stdout', `${line}\n`);
    return reply;
  }

  /** CPU use in millicores over the last 15 s (metrics-server's window), capped by the limit. */
  cpuMilli(now: number): number {
    if (!this.running) return 0;
    const window = 15_000;
    const recent = this.requestTimes.filter((t) => t > now - window).length;
    const work = ((this.server?.cpuPerRequestMs ?? 0.2) * recent * 1000) / window;
    const spinning = now - this.lastBusyAt <= 2_000 ? 1000 : 0;
    const demand = this.cpuDemandMilli + work + spinning;
    const limit = this.ctx.cpuLimitMilli;
    return Math.round(limit !== undefined ? Math.min(limit, demand) : demand);
  }

  memoryBytes(): number {
    if (!this.running) return 0;
    const limit = this.ctx.memoryLimitBytes;
    return limit !== undefined ? Math.min(limit, this.memoryDemand) : this.memoryDemand;
  }

  /** How long a hook command takes (the sum of its sleeps), for preStop. */
  execDuration(argv: readonly string[], now: number): number {
    const shell = new Shell({
      now: () => now,
      env: new Map(this.ctx.env),
      files: this.ctx.files,
      hostname: this.ctx.hostname,
      write: () => undefined,
      resolve: (name) => this.ctx.resolve(name),
      request: (url) => this.ctx.request(url),
    });
    const gen = shell.runArgv(argv);
    let total = 0;
    let step = gen.next();
    for (let guard = 0; !step.done && guard < 100_000 && total < 86_400_000; guard++) {
      total += step.value.sleepMs;
      step = gen.next();
    }
    return total;
  }

  /** Runs a command inside the container at once (exec, exec probes); sleeps are skipped. */
  execSync(
    argv: readonly string[],
    now: number,
  ): { stdout: string; stderr: string; exitCode: number } {
    let stdout = '';
    let stderr = '';
    const shell = new Shell({
      now: () => now,
      env: new Map(this.ctx.env),
      files: this.ctx.files,
      hostname: this.ctx.hostname,
      write: (stream, text) => {
        if (stream === 'stdout') stdout += text;
        else stderr += text;
      },
      resolve: (name) => this.ctx.resolve(name),
      request: (url) => this.ctx.request(url),
    });
    const gen = shell.runArgv(argv);
    let step = gen.next();
    for (let guard = 0; !step.done && guard < 100_000; guard++) step = gen.next();
    return { stdout, stderr, exitCode: step.done ? step.value : 0 };
  }
}

/** command/args over the image's ENTRYPOINT/CMD, as the runtime combines them. */
function resolveArgv(ctx: ProcessContext): string[] {
  const image = IMAGE_DEFAULTS[imageBaseName(ctx.image)] ?? { entrypoint: [], cmd: [] };
  if (ctx.command && ctx.command.length > 0) return [...ctx.command, ...(ctx.args ?? [])];
  if (ctx.args && ctx.args.length > 0) return [...image.entrypoint, ...ctx.args];
  return [...image.entrypoint, ...image.cmd];
}

const IMAGE_DEFAULTS: Record<string, { entrypoint: string[]; cmd: string[] }> = {
  nginx: { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] },
  'nginx-slim': { entrypoint: [], cmd: ['nginx', '-g', 'daemon off;'] },
  httpd: { entrypoint: [], cmd: ['httpd-foreground'] },
  busybox: { entrypoint: [], cmd: ['sh'] },
  alpine: { entrypoint: [], cmd: ['/bin/sh'] },
  ubuntu: { entrypoint: [], cmd: ['/bin/bash'] },
  debian: { entrypoint: [], cmd: ['bash'] },
  redis: { entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'] },
  postgres: { entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'] },
  mysql: { entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'] },
  mongo: { entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'] },
  node: { entrypoint: ['docker-entrypoint.sh'], cmd: ['node'] },
  python: { entrypoint: [], cmd: ['python3'] },
  perl: { entrypoint: [], cmd: ['perl'] },
  'hpa-example': { entrypoint: ['docker-php-entrypoint'], cmd: ['apache2-foreground'] },
  'http-echo': { entrypoint: ['/http-echo'], cmd: [] },
  agnhost: { entrypoint: ['/agnhost'], cmd: [] },
  stress: { entrypoint: ['stress'], cmd: [] },
  registry: { entrypoint: ['/entrypoint.sh'], cmd: ['/etc/docker/registry/config.yml'] },
  pause: { entrypoint: ['/pause'], cmd: [] },
  coredns: { entrypoint: ['/coredns'], cmd: [] },
  fluentd: { entrypoint: ['tini', '--', '/bin/entrypoint.sh'], cmd: ['fluentd'] },
};

interface Plan {
  readonly server?: ServerModel;
  readonly program?: (shell: Shell, write: (text: string) => void) => Program;
  readonly ignoresSigterm: boolean;
  readonly memoryBytes: number;
  readonly cpuMilli: number;
  readonly startupStderr?: string;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
const APPLETS = new Set([
  'sleep',
  'echo',
  'printf',
  'true',
  'false',
  'exit',
  'env',
  'printenv',
  'cat',
  'date',
  'hostname',
  'wget',
  'curl',
  'nslookup',
  'ls',
  'touch',
  'tail',
  'seq',
]);

function forever(): () => Program {
  return function* run(): Program {
    yield { sleepMs: Infinity };
    return 0;
  };
}

function planFor(argvIn: readonly string[], ctx: ProcessContext): Plan {
  let argv = [...argvIn];
  while (
    argv[0] &&
    /(^|\/)(docker-entrypoint\.sh|docker-php-entrypoint|tini|--|entrypoint\.sh)$/.test(argv[0])
  )
    argv = argv.slice(1);
  const bin = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
  const shellPlan = (memoryBytes: number): Plan => ({
    program: (shell) => shell.runArgv(argv),
    ignoresSigterm: true,
    memoryBytes,
    cpuMilli: 0,
  });
  if (argv.length === 0)
    return {
      ignoresSigterm: false,
      memoryBytes: MiB,
      cpuMilli: 0,
      program: () =>
        (function* empty(): Program {
          yield* [];
          return 0;
        })(),
    };
  if (SHELLS.has(bin) || APPLETS.has(bin)) return shellPlan(400 * 1024);
  const server = (model: ServerModel, cpuMilli = 1): Plan => ({
    server: model,
    program: forever(),
    ignoresSigterm: false,
    memoryBytes: model.memoryBytes,
    cpuMilli,
  });
  const tag = tagOf(normalizeImage(ctx.image)) ?? 'latest';
  switch (bin) {
    case 'nginx':
      return server(nginxModel(tag));
    case 'httpd-foreground':
    case 'httpd':
      return server(httpdModel(ctx));
    case 'redis-server':
      return server(tcpModel('redis', [6379], 3 * MiB, (now) => redisStartup(now)));
    case 'postgres':
      if (!ctx.env.has('POSTGRES_PASSWORD') && ctx.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust')
        return failing(1, POSTGRES_NO_PASSWORD);
      return server(
        tcpModel('postgres', [5432], 24 * MiB, () => [
          'PostgreSQL init process complete; ready for start up.',
          '',
          'LOG:  database system is ready to accept connections',
        ]),
      );
    case 'mysqld':
      if (
        !['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'].some(
          (k) => ctx.env.has(k),
        )
      )
        return failing(1, MYSQL_NO_PASSWORD);
      return server(
        tcpModel('mysql', [3306, 33060], 380 * MiB, () => [
          "[Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.3'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.",
        ]),
      );
    case 'mongod':
      return server(
        tcpModel('mongo', [27017], 80 * MiB, (now) => [
          `{"t":{"$date":"${formatRfc3339(now).replace('Z', '.000+00:00')}"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}`,
        ]),
      );
    case 'apache2-foreground':
      return server(hpaModel(), 1);
    case 'http-echo': {
      const text =
        argv.find((a) => a.startsWith('-text='))?.slice(6) ?? argv[argv.indexOf('-text') + 1] ?? '';
      const listen = argv.find((a) => a.startsWith('-listen='))?.slice(8) ?? ':5678';
      const port = Number(listen.slice(listen.lastIndexOf(':') + 1)) || 5678;
      return server({
        name: 'http-echo',
        ports: [port],
        memoryBytes: 2 * MiB,
        http: () => ({ status: 200, body: `${text}\n` }),
        startup: (now) => [`${goLogTime(now)} [INFO] server is listening on :${String(port)}`],
        accessLog: (now, source, path, reply) =>
          `${goLogTime(now)} ${ctx.hostname}:${String(port)} ${source} "GET ${path} HTTP/1.1" ${String(reply.status)} ${String(reply.body.length)} "-" 12.5µs`,
      });
    }
    case 'coredns':
      return server(corednsModel(), 2);
    case 'agnhost':
      return agnhostPlan(argv.slice(1), ctx);
    case 'stress':
      return stressPlan(argv.slice(1));
    case 'pause':
      return { program: forever(), ignoresSigterm: false, memoryBytes: 256 * 1024, cpuMilli: 0 };
    case 'perl':
    case 'python':
    case 'python3':
    case 'node':
      return interpreterPlan(bin, argv.slice(1), ctx);
    default:
      // An image we do not model: a long-running server on its declared ports.
      return server({
        name: 'generic',
        ports: ctx.declaredPorts,
        memoryBytes: 12 * MiB,
        http: () => ({ status: 200, body: 'OK\n' }),
        startup: () => [],
      });
  }
}

function failing(code: number, stderr: string): Plan {
  return {
    program: function* run(): Program {
      yield { sleepMs: 300 };
      return code;
    },
    ignoresSigterm: false,
    memoryBytes: 4 * MiB,
    cpuMilli: 0,
    startupStderr: stderr,
  };
}

function interpreterPlan(bin: string, args: readonly string[], ctx: ProcessContext): Plan {
  const script = args.join(' ');
  if (bin === 'perl' && script.includes('bpi(')) {
    const digits = Number(/bpi\((\d+)\)/.exec(script)?.[1] ?? '2000');
    const text = piDigits(Math.max(1, Math.min(digits, 5000) - 1));
    return {
      program: function* run(_shell: Shell, write: (text: string) => void): Program {
        yield { sleepMs: Math.min(60_000, 1_500 + digits * 2) };
        write(`${text}\n`);
        return 0;
      },
      ignoresSigterm: true,
      memoryBytes: 8 * MiB,
      cpuMilli: 1000,
    };
  }
  const httpServer = /-m\s+http\.server(?:\s+(\d+))?/.exec(script);
  if (httpServer) {
    const port = Number(httpServer[1] ?? '8000');
    return {
      server: {
        name: 'python-http',
        ports: [port],
        memoryBytes: 18 * MiB,
        http: (path) =>
          path === '/'
            ? {
                status: 200,
                body: '<!DOCTYPE HTML>\n<html>\n<head><title>Directory listing for /</title></head>\n<body>\n<h1>Directory listing for /</h1>\n</body>\n</html>\n',
              }
            : { status: 404, body: '' },
        startup: () => [
          `Serving HTTP on 0.0.0.0 port ${String(port)} (http://0.0.0.0:${String(port)}/) ...`,
        ],
        accessLog: (now, source, path, reply) =>
          `${source} - - [${apacheTime(now, false)}] "GET ${path} HTTP/1.1" ${String(reply.status)} -`,
      },
      program: forever(),
      ignoresSigterm: true,
      memoryBytes: 18 * MiB,
      cpuMilli: 1,
    };
  }
  if (args.length === 0) {
    // An interactive interpreter without a terminal reads EOF and exits 0.
    return {
      program: function* run(): Program {
        yield* [];
        return 0;
      },
      ignoresSigterm: true,
      memoryBytes: 8 * MiB,
      cpuMilli: 0,
    };
  }
  // A script we cannot see: a long-running app on its declared ports.
  return {
    server: {
      name: 'app',
      ports: ctx.declaredPorts,
      memoryBytes: 40 * MiB,
      http: () => ({ status: 200, body: 'OK\n' }),
      startup: () => [],
    },
    program: forever(),
    ignoresSigterm: false,
    memoryBytes: 40 * MiB,
    cpuMilli: 2,
  };
}

function agnhostPlan(args: readonly string[], ctx: ProcessContext): Plan {
  const sub = args[0] ?? '';
  const flag = (name: string, fallback: number): number => {
    const hit = args.find((a) => a.startsWith(`--${name}=`));
    return hit ? Number(hit.slice(name.length + 3)) || fallback : fallback;
  };
  if (sub === 'netexec') {
    const port = flag('http-port', 8080);
    return {
      server: {
        name: 'agnhost',
        ports: [port, flag('udp-port', 8081)],
        memoryBytes: 9 * MiB,
        http: (path) =>
          path.startsWith('/hostname')
            ? { status: 200, body: ctx.hostname }
            : path.startsWith('/clientip')
              ? { status: 200, body: '' }
              : path === '/' || path.startsWith('/echo') || path.startsWith('/healthz')
                ? {
                    status: 200,
                    body: path.startsWith('/echo')
                      ? decodeURIComponent(path.split('msg=')[1] ?? '')
                      : 'NOW: ',
                  }
                : { status: 404, body: '404 page not found\n' },
        startup: (now) => [
          `${klogTime(now)}       1 log.go:198] Started HTTP server on port ${String(port)}`,
          `${klogTime(now)}       1 log.go:198] Started UDP server on port  ${String(flag('udp-port', 8081))}`,
        ],
      },
      program: forever(),
      ignoresSigterm: false,
      memoryBytes: 9 * MiB,
      cpuMilli: 1,
    };
  }
  if (sub === 'serve-hostname') {
    const port = flag('port', 9376);
    return {
      server: {
        name: 'agnhost',
        ports: [port],
        memoryBytes: 6 * MiB,
        http: () => ({ status: 200, body: ctx.hostname }),
        startup: () => [`Serving on port ${String(port)}.`],
      },
      program: forever(),
      ignoresSigterm: false,
      memoryBytes: 6 * MiB,
      cpuMilli: 1,
    };
  }
  if (sub === 'pause')
    return { program: forever(), ignoresSigterm: false, memoryBytes: 4 * MiB, cpuMilli: 0 };
  return failing(0, 'Usage:\n  app [command]\n');
}

function stressPlan(args: readonly string[]): Plan {
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const vm = Number(value('--vm') ?? value('-m') ?? 0);
  const bytes = parseSize(value('--vm-bytes') ?? '256M');
  const cpu = Number(value('--cpu') ?? value('-c') ?? 0);
  const parts = `${String(cpu)} cpu, 0 io, ${String(vm)} vm, 0 hdd`;
  return {
    program: forever(),
    ignoresSigterm: false,
    memoryBytes: MiB + vm * bytes,
    cpuMilli: cpu * 1000,
    startupStderr: `stress: info: [1] dispatching hogs: ${parts}\n`,
  };
}

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([bBkKmMgG]?)$/.exec(text);
  if (!match) return 256 * MiB;
  const unit = { '': 1, b: 1, k: 1024, m: MiB, g: 1024 * MiB }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

const NGINX_VERSIONS: Record<string, string> = {
  '1.14': '1.14.2',
  '1.16': '1.16.1',
  '1.19': '1.19.10',
  '1.20': '1.20.2',
  '1.21': '1.21.6',
  '1.22': '1.22.1',
  '1.23': '1.23.4',
  '1.24': '1.24.0',
  '1.25': '1.25.5',
  '1.26': '1.26.3',
  '1.27': '1.27.5',
  '1.28': '1.28.0',
  '1.29': '1.29.0',
};

const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

function nginxModel(tag: string): ServerModel {
  const minor = /^(\d+\.\d+)/.exec(tag)?.[1];
  const version =
    (tag.split('-')[0]?.split('.').length === 3 ? tag.split('-')[0] : undefined) ??
    NGINX_VERSIONS[minor ?? ''] ??
    '1.27.5';
  const notFound = `<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/${version}</center>\n</body>\n</html>\n`;
  return {
    name: 'nginx',
    ports: [80],
    memoryBytes: 3 * MiB,
    http: (path) =>
      path === '/' || path === '/index.html' || path.startsWith('/?')
        ? { status: 200, body: NGINX_WELCOME }
        : { status: 404, body: notFound },
    startup: (now) => [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      `${nginxTime(now)} [notice] 1#1: using the "epoll" event method`,
      `${nginxTime(now)} [notice] 1#1: nginx/${version}`,
      `${nginxTime(now)} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
      `${nginxTime(now)} [notice] 1#1: OS: Linux 6.8.0-51-generic`,
      `${nginxTime(now)} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
      `${nginxTime(now)} [notice] 1#1: start worker processes`,
      `${nginxTime(now)} [notice] 1#1: start worker process 29`,
    ],
    accessLog: (now, source, path, reply, agent) =>
      `${source} - - [${apacheTime(now, true)}] "GET ${path} HTTP/1.1" ${String(reply.status)} ${String(reply.body.length)} "-" "${agent}" "-"`,
  };
}

function httpdModel(ctx: ProcessContext): ServerModel {
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIp}. Set the 'ServerName' directive globally to suppress this message`;
  return {
    name: 'httpd',
    ports: [80],
    memoryBytes: 5 * MiB,
    http: (path) =>
      path === '/' || path === '/index.html'
        ? { status: 200, body: '<html><body><h1>It works!</h1></body></html>\n' }
        : {
            status: 404,
            body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
          },
    startup: (now) => [
      fqdn,
      fqdn,
      `[${apacheErrorTime(now)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations`,
      `[${apacheErrorTime(now)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
    ],
    accessLog: (now, source, path, reply) =>
      `${source} - - [${apacheTime(now, true)}] "GET ${path} HTTP/1.1" ${String(reply.status)} ${String(reply.body.length)}`,
  };
}

function hpaModel(): ServerModel {
  return {
    name: 'hpa-example',
    ports: [80],
    memoryBytes: 10 * MiB,
    http: () => ({ status: 200, body: 'OK!' }),
    startup: (now) => [
      `[${apacheErrorTime(now)}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.14 configured -- resuming normal operations`,
      `[${apacheErrorTime(now)}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'`,
    ],
    accessLog: (now, source, path, reply, agent) =>
      `${source} - - [${apacheTime(now, true)}] "GET ${path} HTTP/1.1" ${String(reply.status)} ${String(reply.body.length + 190)} "-" "${agent}"`,
    // index.php computes a million square roots: roughly 0.2 s of one core per request.
    cpuPerRequestMs: 200,
  };
}

/**
 * CoreDNS as kubeadm deploys it: DNS on 53, metrics on 9153, the health plugin on 8080 (/health)
 * and the ready plugin on 8181 (/ready), which its liveness and readiness probes call.
 */
function corednsModel(): ServerModel {
  return {
    name: 'coredns',
    ports: [53, 8080, 8181, 9153],
    memoryBytes: 14 * MiB,
    http: (path) =>
      path === '/health' || path === '/ready'
        ? { status: 200, body: 'OK' }
        : path === '/metrics'
          ? { status: 200, body: '# TYPE coredns_build_info gauge\n' }
          : { status: 404, body: '404 page not found\n' },
    startup: () => [
      '.:53',
      '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b',
      'CoreDNS-1.11.3',
      'linux/amd64, go1.21.11, a6338e9',
    ],
  };
}

function tcpModel(
  name: string,
  ports: number[],
  memoryBytes: number,
  startup: (now: number) => string[],
): ServerModel {
  return { name, ports, memoryBytes, startup };
}

function redisStartup(now: number): string[] {
  const t = redisTime(now);
  return [
    `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
    `1:C ${t} * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started`,
    `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
    `1:M ${t} * monotonic clock: POSIX clock_gettime`,
    `1:M ${t} * Running mode=standalone, port=6379.`,
    `1:M ${t} * Server initialized`,
    `1:M ${t} * Ready to accept connections tcp`,
  ];
}

const POSTGRES_NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`;

const MYSQL_NO_PASSWORD = `2025-06-02 09:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified
    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD
`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const two = (n: number): string => String(n).padStart(2, '0');

/** nginx error-log time: `2025/06/02 09:00:00`. */
function nginxTime(ms: number): string {
  const t = civilFromMs(ms);
  return `${String(t.year)}/${two(t.month)}/${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}`;
}

/** Common Log Format time: `02/Jun/2025:09:00:00 +0000`. */
function apacheTime(ms: number, zone: boolean): string {
  const t = civilFromMs(ms);
  return `${two(t.day)}/${MONTHS[t.month - 1] ?? ''}/${String(t.year)}:${two(t.hour)}:${two(t.minute)}:${two(t.second)}${zone ? ' +0000' : ''}`;
}

/** Apache error-log time: `Mon Jun 02 09:00:00.123456 2025`. */
function apacheErrorTime(ms: number): string {
  const t = civilFromMs(ms);
  const micros = String((ms % 1000) * 1000).padStart(6, '0');
  return `${WEEKDAYS[t.weekday] ?? ''} ${MONTHS[t.month - 1] ?? ''} ${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}.${micros} ${String(t.year)}`;
}

function redisTime(ms: number): string {
  const t = civilFromMs(ms);
  return `${two(t.day)} ${MONTHS[t.month - 1] ?? ''} ${String(t.year)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}.${String(ms % 1000).padStart(3, '0')}`;
}

function goLogTime(ms: number): string {
  return nginxTime(ms);
}

function klogTime(ms: number): string {
  const t = civilFromMs(ms);
  return `I${two(t.month)}${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
}
