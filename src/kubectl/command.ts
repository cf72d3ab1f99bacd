/** The contract of a kubectl command or playground directive, and what it returns. */
import type { Cluster } from '../sim/index.ts';
import type { FlagSpec, ParsedArgs } from './shell/flags.ts';

/** Files `-f` can read: the script's folder in the CLI, the editor's workspace in the browser. */
export interface Workspace {
  readFile(path: string): string | undefined;
  /** Files directly in a folder, for `-f folder/`; undefined if it is not a folder. */
  listFolder?(path: string): string[] | undefined;
}

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Set by streaming commands (`get -w`): more output arrives as virtual time runs. */
  readonly stream?: WatchStream;
  /** Set by `kubectl edit` when the shell has an editor: open `text`, then call `save`. */
  readonly edit?: EditSession;
}

/** An object opened for `kubectl edit`: the text kubectl would put in its temp file. */
export interface EditSession {
  readonly title: string;
  readonly text: string;
  /** Applies the edited text; returns what kubectl prints (`edited`, `Edit cancelled, …`). */
  save(text: string): CommandResult;
}

/**
 * A command that keeps printing (`kubectl get -w`). The terminal polls it as the simulated clock
 * runs and stops it on Ctrl-C; a script keeps it open until the script ends, printing what it
 * produced after each later line.
 */
export interface WatchStream {
  readonly description: string;
  /** Output produced since the last poll. */
  poll(): string;
  stop(): void;
}

/** The simulated kubeconfig: contexts by name and the current one. */
export interface Kubeconfig {
  currentContext: string;
  readonly contexts: Map<string, { cluster: string; user: string; namespace?: string }>;
}

export interface CommandContext {
  readonly cluster: Cluster;
  /** The current context's namespace (`kubectl config set-context --current --namespace`). */
  namespace: string;
  readonly workspace: Workspace;
  readonly kubeconfig: Kubeconfig;
  readonly stdin?: string;
  out(text: string): void;
  err(text: string): void;
  /** Hands a running stream to the caller (the command then returns at once). */
  stream(stream: WatchStream): void;
  /** Present when the caller can open an editor (the browser terminal). */
  readonly edit?: (session: EditSession) => void;
}

export interface Command {
  /** `get`, `rollout status`, … */
  readonly name: string;
  readonly flags: readonly FlagSpec[];
  /** Flags that depend on the subcommand (`create deployment` vs `create service nodeport`). */
  flagsFor?(words: readonly string[]): readonly FlagSpec[];
  /** The command path cobra names in usage hints (`create deployment`), when it has subcommands. */
  usageName?(words: readonly string[]): string;
  /** Returns the exit code. Throwing a KubectlError prints `error: …` and exits 1. */
  run(ctx: CommandContext, args: ParsedArgs): number;
}

/** An error kubectl prints as `error: <message>`. */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly usageOf?: string,
  ) {
    super(message);
  }
}

/** An error cobra itself reports (flags, unknown commands), printed as `Error: <message>`. */
export class CobraError extends KubectlError {}
