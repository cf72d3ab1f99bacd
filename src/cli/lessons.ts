/**
 * `kubeplay lessons check [path] [--results file.json]`: parses every lesson under `path` (a
 * lessons folder, a track folder or one lesson file; default ./lessons) and verifies each step
 * headlessly. Exits 1 naming lesson, step and check on any problem.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { checkLesson, parseAll, type LessonFile } from '../lesson-engine/index.ts';
import type { CliIo } from './main.ts';

export const LESSONS_USAGE = `Usage:
  kubeplay lessons check [path] [--results file.json]

Verifies lessons headlessly: for every step, its checks must fail before the step's solution
runs, pass after it, and fail for each of its wrong answers. path is a lessons folder, a track
folder or one lesson file (default: ./lessons). --results writes {"passed","failed","skipped"}.
`;

function markdownUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...markdownUnder(full));
    else if (name.endsWith('.md')) out.push(full);
  }
  return out;
}

function lessonFiles(target: string, cwd: string): LessonFile[] {
  const paths = statSync(target).isDirectory()
    ? markdownUnder(target)
    : [target, join(dirname(target), 'track.md')].filter((p, i) => i === 0 || safeExists(p));
  return paths.map((p) => ({
    path: relative(cwd, p).split(sep).join('/') || basename(p),
    text: readFileSync(p, 'utf8'),
  }));
}

function safeExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function runLessonsCli(io: CliIo, args: readonly string[]): number {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.write(LESSONS_USAGE);
    return sub === undefined ? 1 : 0;
  }
  if (sub !== 'check') {
    io.writeError(`kubeplay lessons: unknown command "${sub}"\n\n${LESSONS_USAGE}`);
    return 1;
  }
  let path: string | undefined;
  let resultsFile: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--results') resultsFile = rest[++i] ?? '';
    else if (arg.startsWith('--results=')) resultsFile = arg.slice(10);
    else if (arg.startsWith('-') || path !== undefined) {
      io.writeError(`kubeplay lessons check: unexpected argument "${arg}"\n\n${LESSONS_USAGE}`);
      return 1;
    } else path = arg;
  }
  if (resultsFile === '') {
    io.writeError('kubeplay lessons check: --results needs a file name\n');
    return 1;
  }
  const target = resolve(io.cwd, path ?? 'lessons');
  let files: LessonFile[];
  try {
    files = lessonFiles(target, io.cwd);
  } catch {
    io.writeError(`kubeplay lessons check: cannot read "${path ?? 'lessons'}"\n`);
    return 1;
  }
  const { tracks, errors } = parseAll(files);
  let passed = 0;
  let failed = errors.length;
  for (const error of errors) io.writeError(`FAIL ${error.message}\n`);
  for (const track of tracks)
    for (const lesson of track.lessons) {
      const verdicts = checkLesson(lesson);
      const bad = verdicts.filter((v) => v.problems.length > 0);
      passed += verdicts.length - bad.length;
      failed += bad.length;
      if (bad.length === 0)
        io.write(`ok   ${track.id}/${lesson.id} (${String(verdicts.length)} steps)\n`);
      for (const verdict of bad)
        for (const problem of verdict.problems)
          io.writeError(
            `FAIL ${lesson.source}: lesson ${verdict.lesson}, step ${String(verdict.step)} "${verdict.title}": ${problem}\n`,
          );
    }
  if (passed + failed === 0) {
    io.writeError(`kubeplay lessons check: no lessons found under "${path ?? 'lessons'}"\n`);
    failed = 1;
  }
  io.write(`\n${String(passed)} steps verified, ${String(failed)} failed\n`);
  if (resultsFile !== undefined) {
    const out = resolve(io.cwd, resultsFile);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ passed, failed, skipped: 0 })}\n`);
  }
  return failed > 0 ? 1 : 0;
}
