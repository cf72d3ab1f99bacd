/**
 * The command engine shared by the browser terminal and the `kubeplay` CLI: one line in, kubectl's
 * output out. A line is a kubectl command (the word `kubectl` optional) or a playground directive.
 */
import type { Cluster } from '../sim/index.ts';
import {
  CobraError,
  KubectlError,
  type Command,
  type CommandContext,
  type CommandResult,
  type EditSession,
  type Kubeconfig,
  type Workspace,
  type WatchStream,
} from './command.ts';
import { applyCommand } from './cmd/apply.ts';
import { autoscaleCommand } from './cmd/autoscale.ts';
import { createCommand } from './cmd/create/create.ts';
import { exposeCommand } from './cmd/expose.ts';
import { runCommand } from './cmd/run.ts';
import { cordon, uncordon } from './cmd/cordon.ts';
import { describeCommand } from './cmd/describe.ts';
import { configCommand, defaultKubeconfig } from './cmd/config.ts';
import { eventsCommand } from './cmd/events.ts';
import { editCommand } from './cmd/edit.ts';
import { replaceCommand } from './cmd/replace.ts';
import { waitCommand } from './cmd/wait.ts';
import { diffCommand } from './cmd/diff.ts';
import { explainCommand } from './cmd/explain.ts';
import { annotateCommand, labelCommand } from './cmd/label.ts';
import { patchCommand } from './cmd/patch.ts';
import { setCommand } from './cmd/set.ts';
import { taintCommand } from './cmd/taint.ts';
import { execCommand } from './cmd/exec.ts';
import { logsCommand } from './cmd/logs.ts';
import { rolloutCommand } from './cmd/rollout.ts';
import { drainCommand } from './cmd/drain.ts';
import { podDirective } from './directives/podCrash.ts';
import { deleteCommand } from './cmd/delete.ts';
import { getCommand } from './cmd/get.ts';
import {
  apiResourcesCommand,
  apiVersionsCommand,
  clusterInfoCommand,
  versionCommand,
} from './cmd/info.ts';
import { scaleCommand } from './cmd/scale.ts';
import { topCommand } from './cmd/top.ts';
import { trafficDirective } from './directives/traffic.ts';
import { advanceDirective, nodeDirective } from './directives/directives.ts';
import { ManifestSyntaxError } from './manifest/parseManifests.ts';
import { FlagError, parseArgs } from './shell/flags.ts';
import { tokenize, TokenizeError } from './shell/tokenize.ts';

const KUBECTL_COMMANDS: readonly Command[] = [
  getCommand,
  applyCommand,
  deleteCommand,
  scaleCommand,
  topCommand,
  versionCommand,
  clusterInfoCommand,
  apiResourcesCommand,
  createCommand,
  runCommand,
  exposeCommand,
  autoscaleCommand,
  labelCommand,
  annotateCommand,
  taintCommand,
  cordon,
  uncordon,
  patchCommand,
  setCommand,
  describeCommand,
  configCommand,
  eventsCommand,
  editCommand,
  replaceCommand,
  waitCommand,
  apiVersionsCommand,
  diffCommand,
  explainCommand,
  logsCommand,
  execCommand,
  rolloutCommand,
  drainCommand,
];

const DIRECTIVES: readonly Command[] = [
  advanceDirective,
  nodeDirective,
  podDirective,
  trafficDirective,
];

/** The commands the engine runs (for completion). */
export function kubectlCommands(): readonly Command[] {
  return KUBECTL_COMMANDS;
}

/** Playground directive names (for completion and help). */
export const DIRECTIVE_NAMES: readonly string[] = DIRECTIVES.map((d) => d.name);

/** kubectl commands Kubeplay knows by name but does not simulate yet. */
const KNOWN_KUBECTL = new Set([
  'rollout',
  'certificate',
  'cluster-info',
  'top',
  'drain',
  'logs',
  'attach',
  'exec',
  'port-forward',
  'proxy',
  'cp',
  'auth',
  'debug',
  'kustomize',
  'completion',
  'alpha',
  'plugin',
]);

export interface ShellOptions {
  readonly workspace?: Workspace;
  /** Initial current namespace (the kubeconfig context's). */
  readonly namespace?: string;
  /** True when the caller can open `kubectl edit` sessions in an editor (the browser). */
  readonly editor?: boolean;
}

export class Shell {
  /** The simulated kubeconfig (`kubectl config …`). */
  readonly kubeconfig: Kubeconfig;
  private readonly workspace: Workspace;
  private readonly editor: boolean;

  constructor(
    readonly cluster: Cluster,
    options: ShellOptions = {},
  ) {
    this.kubeconfig = defaultKubeconfig(options.namespace ?? 'default');
    this.editor = options.editor ?? false;
    this.workspace = options.workspace ?? { readFile: () => undefined };
  }

  /** The current context's namespace. */
  get namespace(): string {
    return this.kubeconfig.contexts.get(this.kubeconfig.currentContext)?.namespace ?? 'default';
  }

  set namespace(namespace: string) {
    const context = this.kubeconfig.contexts.get(this.kubeconfig.currentContext);
    if (!context) return;
    if (namespace === 'default') delete context.namespace;
    else context.namespace = namespace;
  }

  /** Runs one line; `stdin` is what a heredoc or pipe supplies. */
  run(line: string, stdin?: string): CommandResult {
    let stdout = '';
    let stderr = '';
    let stream: WatchStream | undefined;
    let edit: EditSession | undefined;
    const startNamespace = this.namespace;
    const ctx: CommandContext = {
      cluster: this.cluster,
      namespace: this.namespace,
      workspace: this.workspace,
      kubeconfig: this.kubeconfig,
      ...(stdin !== undefined ? { stdin } : {}),
      out: (text) => {
        stdout += text;
      },
      err: (text) => {
        stderr += text;
      },
      stream: (s) => {
        stream = s;
      },
      ...(this.editor
        ? {
            edit: (session: EditSession) => {
              edit = session;
            },
          }
        : {}),
    };
    let exitCode: number;
    try {
      exitCode = this.dispatch(ctx, line);
    } catch (error) {
      exitCode = 1;
      stderr += formatFailure(error);
    }
    if (ctx.namespace !== startNamespace) this.namespace = ctx.namespace;
    this.cluster.settle();
    return { exitCode, stdout, stderr, ...(stream ? { stream } : {}), ...(edit ? { edit } : {}) };
  }

  private dispatch(ctx: CommandContext, line: string): number {
    let words: string[];
    try {
      words = tokenize(line);
    } catch (error) {
      if (error instanceof TokenizeError) throw new KubectlError(`syntax error: ${error.message}`);
      throw error;
    }
    if (words.length === 0) return 0;
    const isKubectl = words[0] === 'kubectl' || words[0] === 'k';
    const rest = isKubectl ? words.slice(1) : words;
    const name = rest[0];
    if (name === undefined) {
      ctx.out(
        'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n',
      );
      return 0;
    }
    const directive = isKubectl ? undefined : DIRECTIVES.find((d) => d.name === name);
    const command = directive ?? KUBECTL_COMMANDS.find((c) => c.name === name);
    if (!command) {
      if (KNOWN_KUBECTL.has(name))
        throw new KubectlError(
          `"kubectl ${name}" is not simulated yet in this version of Kubeplay`,
        );
      if (!isKubectl)
        throw new KubectlError(
          `unknown command "${name}": type a kubectl command (such as "kubectl get pods") or a playground directive (advance, node, pod, traffic)`,
        );
      throw new CobraError(unknownCommand(name));
    }
    let args;
    try {
      args = parseArgs(rest.slice(1), command.flagsFor?.(rest.slice(1)) ?? command.flags);
    } catch (error) {
      if (error instanceof FlagError)
        throw directive
          ? new KubectlError(error.message)
          : new CobraError(error.message, command.usageName?.(rest.slice(1)) ?? command.name);
      throw error;
    }
    return command.run(ctx, args);
  }
}

/** kubectl's commands in the order `kubectl --help` lists them (cobra suggests in this order). */
export const HELP_ORDER = [
  'create',
  'expose',
  'run',
  'set',
  'explain',
  'get',
  'edit',
  'delete',
  'rollout',
  'scale',
  'autoscale',
  'certificate',
  'cluster-info',
  'top',
  'cordon',
  'uncordon',
  'drain',
  'taint',
  'describe',
  'logs',
  'attach',
  'exec',
  'port-forward',
  'proxy',
  'cp',
  'auth',
  'debug',
  'events',
  'diff',
  'apply',
  'patch',
  'replace',
  'wait',
  'kustomize',
  'label',
  'annotate',
  'completion',
  'alpha',
  'api-resources',
  'api-versions',
  'config',
  'plugin',
  'version',
];

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(
        (row[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = current;
    }
  }
  return row[b.length] ?? 0;
}

/** cobra's `unknown command` error with its "Did you mean this?" suggestions. */
function unknownCommand(name: string): string {
  const lower = name.toLowerCase();
  const suggestions = HELP_ORDER.filter((c) => levenshtein(lower, c) <= 2 || c.startsWith(lower));
  const hint =
    suggestions.length > 0
      ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}`
      : '';
  return `unknown command "${name}" for "kubectl"${hint}`;
}

function formatFailure(error: unknown): string {
  if (error instanceof CobraError) {
    const usage = error.usageOf ? `See 'kubectl ${error.usageOf} --help' for usage.\n` : '';
    return `Error: ${error.message}${error.message.endsWith('\n') ? '' : '\n'}${usage}`;
  }
  if (error instanceof KubectlError) {
    const usage = error.usageOf ? `See 'kubectl ${error.usageOf} -h' for help and examples\n` : '';
    return `error: ${error.message}${error.message.endsWith('\n') ? '' : '\n'}${usage}`;
  }
  if (error instanceof ManifestSyntaxError) return `error: ${error.message}\n`;
  // Anything else is a bug in Kubeplay: say so plainly, without a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  return `error: Kubeplay hit an internal problem running this command (${message}). Your work is safe; please report this.\n`;
}
