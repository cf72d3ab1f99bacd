/**
 * The command engine shared by the browser terminal and the `kubeplay` CLI: one line in, kubectl's
 * output out. A line is a kubectl command (the word `kubectl` optional) or a playground directive.
 */
import type { Cluster } from '../sim/index.ts';
import {
  KubectlError,
  type Command,
  type CommandContext,
  type CommandResult,
  type Workspace,
} from './command.ts';
import { applyCommand } from './cmd/apply.ts';
import { autoscaleCommand } from './cmd/autoscale.ts';
import { createCommand } from './cmd/create/create.ts';
import { exposeCommand } from './cmd/expose.ts';
import { runCommand } from './cmd/run.ts';
import { deleteCommand } from './cmd/delete.ts';
import { getCommand } from './cmd/get.ts';
import { apiResourcesCommand, clusterInfoCommand, versionCommand } from './cmd/info.ts';
import { scaleCommand } from './cmd/scale.ts';
import { topCommand } from './cmd/top.ts';
import { trafficDirective } from './directives/traffic.ts';
import { advanceDirective, nodeDirective, notYetSimulated } from './directives/directives.ts';
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
];

const DIRECTIVES: readonly Command[] = [
  advanceDirective,
  nodeDirective,
  notYetSimulated('pod', 'pod crash arrives with the kubelet process model'),
  trafficDirective,
];

/** kubectl commands Kubeplay knows by name but does not simulate yet. */
const KNOWN_KUBECTL = new Set([
  'set',
  'explain',
  'edit',
  'patch',
  'replace',
  'rollout',
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
  'kustomize',
  'label',
  'annotate',
  'completion',
  'alpha',
  'api-versions',
  'config',
  'plugin',
  'wait',
]);

export interface ShellOptions {
  readonly workspace?: Workspace;
  /** Initial current namespace (the kubeconfig context's). */
  readonly namespace?: string;
}

export class Shell {
  namespace: string;
  private readonly workspace: Workspace;

  constructor(
    readonly cluster: Cluster,
    options: ShellOptions = {},
  ) {
    this.namespace = options.namespace ?? 'default';
    this.workspace = options.workspace ?? { readFile: () => undefined };
  }

  /** Runs one line; `stdin` is what a heredoc or pipe supplies. */
  run(line: string, stdin?: string): CommandResult {
    let stdout = '';
    let stderr = '';
    const ctx: CommandContext = {
      cluster: this.cluster,
      namespace: this.namespace,
      workspace: this.workspace,
      ...(stdin !== undefined ? { stdin } : {}),
      out: (text) => {
        stdout += text;
      },
      err: (text) => {
        stderr += text;
      },
    };
    let exitCode: number;
    try {
      exitCode = this.dispatch(ctx, line);
    } catch (error) {
      exitCode = 1;
      stderr += formatFailure(error);
    }
    this.namespace = ctx.namespace;
    this.cluster.settle();
    return { exitCode, stdout, stderr };
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
      throw new KubectlError(`unknown command "${name}" for "kubectl"`);
    }
    let args;
    try {
      args = parseArgs(rest.slice(1), command.flagsFor?.(rest.slice(1)) ?? command.flags);
    } catch (error) {
      if (error instanceof FlagError)
        throw new KubectlError(error.message, directive ? undefined : command.name);
      throw error;
    }
    return command.run(ctx, args);
  }
}

function formatFailure(error: unknown): string {
  if (error instanceof KubectlError) {
    const usage = error.usageOf ? `See 'kubectl ${error.usageOf} --help' for usage.\n` : '';
    return `error: ${error.message}${error.message.endsWith('\n') ? '' : '\n'}${usage}`;
  }
  if (error instanceof ManifestSyntaxError) return `error: ${error.message}\n`;
  // Anything else is a bug in Kubeplay: say so plainly, without a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  return `error: Kubeplay hit an internal problem running this command (${message}). Your work is safe; please report this.\n`;
}
