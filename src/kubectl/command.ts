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
}

export interface CommandContext {
  readonly cluster: Cluster;
  /** The current context's namespace (`kubectl config set-context --current --namespace`). */
  namespace: string;
  readonly workspace: Workspace;
  readonly stdin?: string;
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  /** `get`, `rollout status`, … */
  readonly name: string;
  readonly flags: readonly FlagSpec[];
  /** Flags that depend on the subcommand (`create deployment` vs `create service nodeport`). */
  flagsFor?(words: readonly string[]): readonly FlagSpec[];
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
