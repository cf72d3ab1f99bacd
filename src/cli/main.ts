/**
 * The headless `kubeplay` CLI: runs scripts against a fresh simulated cluster with the same command
 * engine as the browser terminal.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runScript, type TranscriptEntry } from '../kubectl/index.ts';
import { runLessonsCli } from './lessons.ts';
import { nodeWorkspace } from './nodeWorkspace.ts';

const USAGE = `Usage:
  kubeplay run [--seed N] [--json] <script-file | ->
  kubeplay lessons check [path] [--results file.json]

Runs a script against a fresh simulated cluster and prints each command's output.
A script has one command a line: kubectl commands (the word "kubectl" optional) and
playground directives (advance 30s, node add|fail|recover <name>, pod crash <name>).
`;

export interface CliIo {
  readonly argv: readonly string[];
  readonly cwd: string;
  readStdin(): string;
  write(text: string): void;
  writeError(text: string): void;
}

export function runCli(io: CliIo): number {
  const [command, ...rest] = io.argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command === 'lessons') return runLessonsCli(io, rest);
  if (command !== 'run') {
    io.writeError(`kubeplay: unknown command "${command}"\n\n${USAGE}`);
    return 1;
  }
  let seed = 1;
  let json = false;
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--seed' || arg.startsWith('--seed=')) {
      const value = arg.startsWith('--seed=') ? arg.slice(7) : rest[++i];
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0) {
        io.writeError(`kubeplay: --seed needs a whole number, got "${String(value)}"\n`);
        return 1;
      }
      seed = parsed;
    } else if (file === undefined) file = arg;
    else {
      io.writeError(`kubeplay: unexpected argument "${arg}"\n`);
      return 1;
    }
  }
  if (file === undefined) {
    io.writeError(`kubeplay: run needs a script file (or - for standard input)\n\n${USAGE}`);
    return 1;
  }
  let text: string;
  let baseDir = io.cwd;
  try {
    if (file === '-') text = io.readStdin();
    else {
      const path = resolve(io.cwd, file);
      text = readFileSync(path, 'utf8');
      baseDir = dirname(path);
    }
  } catch {
    io.writeError(`kubeplay: cannot read script "${file}"\n`);
    return 1;
  }
  const { entries } = runScript(text, { cluster: { seed }, workspace: nodeWorkspace(baseDir) });
  if (json) io.write(`${JSON.stringify(entries, null, 2)}\n`);
  else for (const entry of entries) printEntry(io, entry);
  return entries.some((e) => e.exitCode !== 0) ? 1 : 0;
}

function printEntry(io: CliIo, entry: TranscriptEntry): void {
  io.write(`$ ${entry.command}\n`);
  io.write(entry.stdout);
  io.write(entry.stderr);
}
