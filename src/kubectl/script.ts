/** Runs a kubeplay script against a fresh cluster, producing a transcript. */
import { createCluster, type ClusterOptions } from '../sim/index.ts';
import type { WatchStream, Workspace } from './command.ts';
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

/**
 * Runs each line in turn. A streaming command (`get -w`) stays open for the rest of the script, as
 * if run in the background: what it prints during a later line (an `advance`, a `scale`) is added
 * to that line's stdout. Streams stop when the script ends.
 */
export function runLines(shell: Shell, text: string): TranscriptEntry[] {
  const streams: WatchStream[] = [];
  const entries = parseScript(text).map((cmd) => {
    const { stream, ...result } = shell.run(cmd.line, cmd.stdin);
    const streamed = streams.map((s) => s.poll()).join('');
    if (stream) streams.push(stream);
    return { command: cmd.line, ...result, stdout: result.stdout + streamed };
  });
  for (const s of streams) s.stop();
  return entries;
}
