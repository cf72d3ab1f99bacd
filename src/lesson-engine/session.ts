/**
 * A lesson running headlessly against its own simulated cluster: the lesson's cluster set-up, a
 * learner's shell whose files are the lesson's starter files and snippets, and step bookkeeping.
 * `lessons check` drives it; the browser uses the pieces (setupCommands, evaluateStep) directly.
 */
import { createCluster, type Cluster } from '../sim/index.ts';
import { Shell, runLines, type TranscriptEntry } from '../kubectl/index.ts';
import { evaluateCheck, type CheckContext } from './evaluateCheck.ts';
import type { Lesson, Step, StepResult } from './types.ts';

export interface SetupCommand {
  readonly line: string;
  readonly stdin?: string;
}

/** The commands that prepare a lesson's cluster, in the kubeplay script language. */
export function setupCommands(lesson: Lesson): SetupCommand[] {
  const commands: SetupCommand[] = [];
  for (const node of lesson.cluster.nodes) {
    const labels = Object.entries(node.labels).map(([k, v]) => `${k}=${v}`);
    let line = `node add ${node.name}`;
    if (node.cpu) line += ` --cpu ${node.cpu}`;
    if (node.memory) line += ` --memory ${node.memory}`;
    if (labels.length > 0) line += ` --labels ${labels.join(',')}`;
    if (node.taints.length > 0) line += ` --taints ${node.taints.join(',')}`;
    commands.push({ line });
  }
  for (const manifest of lesson.cluster.manifests)
    commands.push({ line: 'kubectl apply -f -', stdin: manifest });
  return commands;
}

/** A read-only shell for checks that run commands: it never shares the learner's state. */
export function checkContext(
  cluster: Cluster,
  stepStartSeq: number,
  stepStartMs: number,
): CheckContext {
  const shell = new Shell(cluster);
  return {
    cluster,
    stepStartSeq,
    stepStartMs,
    runCommand: (line) => shell.run(line),
  };
}

export function evaluateStep(ctx: CheckContext, step: Step): StepResult {
  const checks = step.checks.map((check) => evaluateCheck(ctx, check));
  return { step: step.number, checks, complete: checks.every((c) => c.passed) };
}

export class LessonSession {
  readonly cluster: Cluster;
  readonly shell: Shell;
  private readonly files = new Map<string, string>();
  private stepStartSeq = 0;
  private stepStartMs = 0;
  /** Output of the set-up commands that failed (an authoring error). */
  readonly setupErrors: string[] = [];

  constructor(readonly lesson: Lesson) {
    this.cluster = createCluster({ seed: lesson.cluster.seed, workers: lesson.cluster.workers });
    for (const file of lesson.files) this.files.set(file.name, file.text);
    this.shell = new Shell(this.cluster, {
      workspace: { readFile: (path) => this.files.get(path.replace(/^\.\//, '')) },
    });
    for (const command of setupCommands(lesson)) {
      const result = this.shell.run(command.line, command.stdin);
      if (result.exitCode !== 0) this.setupErrors.push(`${command.line}: ${result.stderr.trim()}`);
    }
    for (const entry of this.run(lesson.cluster.setup))
      if (entry.exitCode !== 0) this.setupErrors.push(`${entry.command}: ${entry.stderr.trim()}`);
  }

  /** The step begins now: its snippets land in the editor and history checks start counting. */
  beginStep(step: Step): void {
    for (const snippet of step.snippets) this.files.set(snippet.file, snippet.text);
    this.stepStartSeq = this.cluster.api.changeLog.length;
    this.stepStartMs = this.cluster.now();
  }

  run(script: string): TranscriptEntry[] {
    return runLines(this.shell, script);
  }

  evaluate(step: Step): StepResult {
    return evaluateStep(checkContext(this.cluster, this.stepStartSeq, this.stepStartMs), step);
  }
}
