/** Runs a kubeplay script against a fresh cluster, producing a transcript. */
import { createCluster, type ClusterOptions } from '../sim/index.ts';
import type { Workspace } from './command.ts';
import { Shell } from './engine.ts';
import { parseScript } from './shell/script.ts';

export interface TranscriptEntry {
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ScriptRun {
  readonly entries: TranscriptEntry[];
  readonly shell: Shell;
}

export function runScript(
  text: string,
  options: { cluster?: ClusterOptions; workspace?: Workspace } = {},
): ScriptRun {
  const cluster = createCluster(options.cluster);
  const shell = new Shell(cluster, options.workspace ? { workspace: options.workspace } : {});
  return { entries: runLines(shell, text), shell };
}

export function runLines(shell: Shell, text: string): TranscriptEntry[] {
  return parseScript(text).map((cmd) => ({ command: cmd.line, ...shell.run(cmd.line, cmd.stdin) }));
}
