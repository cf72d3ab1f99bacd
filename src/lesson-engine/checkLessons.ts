/**
 * `kubeplay lessons check`: proves every step of a lesson teaches something. For each step, in a
 * cluster that has run the earlier steps' solutions, the step must be incomplete before its
 * solution, complete after it, and incomplete after each wrong answer. No check may be vacuous: one
 * that already passes before the solution must be failed by some wrong answer (it guards against
 * that mistake), unless it is an `always` check, which by design holds until something goes wrong.
 */
import { LessonSession } from './session.ts';
import type { Check, Lesson, Step } from './types.ts';

export interface StepVerdict {
  readonly lesson: string;
  readonly step: number;
  readonly title: string;
  /** Empty when the step is sound. */
  readonly problems: readonly string[];
}

/** `always` checks guard a step (nothing bad happened); they hold before it by design. */
function isGuard(check: Check): boolean {
  return check.condition.kind === 'always';
}

function sessionAt(lesson: Lesson, index: number): LessonSession {
  const session = new LessonSession(lesson);
  for (const step of lesson.steps.slice(0, index)) {
    session.beginStep(step);
    session.run(step.solution);
  }
  return session;
}

function verifyStep(lesson: Lesson, session: LessonSession, step: Step, index: number): string[] {
  const problems: string[] = [];
  session.beginStep(step);
  const before = session.evaluate(step);
  if (before.complete) problems.push('every check passes before the solution runs');

  const caught = new Set<number>();
  for (const wrong of step.wrongAnswers) {
    const trial = sessionAt(lesson, index);
    trial.beginStep(step);
    trial.run(wrong.script);
    const result = trial.evaluate(step);
    if (result.complete) problems.push(`wrong answer "${wrong.title}" passes every check`);
    result.checks.forEach((c, i) => {
      if (!c.passed) caught.add(i);
    });
  }
  before.checks.forEach((result, i) => {
    const check = step.checks[i];
    if (result.passed && check && !isGuard(check) && !caught.has(i))
      problems.push(
        `check "${result.title}" already passes before the solution runs and no wrong answer fails it (a vacuous check)`,
      );
  });

  for (const entry of session.run(step.solution))
    if (entry.exitCode !== 0)
      problems.push(
        `solution command "${entry.command}" failed: ${(entry.stderr || entry.stdout).trim()}`,
      );
  for (const result of session.evaluate(step).checks)
    if (!result.passed)
      problems.push(`check "${result.title}" fails after the solution: ${result.message}`);
  return problems;
}

export function checkLesson(lesson: Lesson): StepVerdict[] {
  const session = new LessonSession(lesson);
  const name = `${lesson.track}/${lesson.id}`;
  if (session.setupErrors.length > 0)
    return [
      {
        lesson: name,
        step: 0,
        title: 'cluster set-up',
        problems: session.setupErrors.map((e) => `set-up command failed: ${e}`),
      },
    ];
  return lesson.steps.map((step, index) => ({
    lesson: name,
    step: step.number,
    title: step.title,
    problems: verifyStep(lesson, session, step, index),
  }));
}
