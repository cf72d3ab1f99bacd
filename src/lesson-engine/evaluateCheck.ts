/**
 * Evaluates one check against a live cluster and its recorded history. A check reads the cluster
 * as a client would (the API server and its change log); it never writes.
 */
import {
  matchesSelector,
  parseSelector,
  type ChangeLogEntry,
  type Cluster,
  type KubeObject,
} from '../sim/index.ts';
import { evaluateState, resourcesOf, type Outcome } from './conditions.ts';
import { replay } from './timeline.ts';
import type {
  Check,
  CheckResult,
  CommandMatch,
  EventMatch,
  RescheduleMatch,
  StateCondition,
} from './types.ts';

export interface CheckContext {
  readonly cluster: Cluster;
  /** Change-log sequence number at which the step began. */
  readonly stepStartSeq: number;
  /** Virtual time at which the step began. */
  readonly stepStartMs: number;
  /** Runs a read-only command in a shell of its own (not the learner's terminal). */
  runCommand(line: string): { exitCode: number; stdout: string; stderr: string };
}

export function seconds(ms: number): string {
  return `${String(Math.round(ms / 100) / 10)}s`;
}

function fill(template: string, outcome: Outcome): string {
  if (outcome.note !== undefined) return outcome.note;
  return template.replaceAll('{actual}', outcome.actual).replaceAll('{expected}', outcome.expected);
}

function heldFor(ctx: CheckContext, condition: StateCondition, forMs: number): Outcome {
  const now = evaluateState(ctx.cluster.api, condition);
  if (!now.passed) return now;
  let trueSinceMs: number | undefined;
  replay(ctx.cluster.api.changeLog.all(), resourcesOf(condition), 0, 0, (instant) => {
    const passed = evaluateState(instant.view, condition).passed;
    if (!passed) trueSinceMs = undefined;
    else trueSinceMs ??= instant.timeMs;
    return true;
  });
  const heldMs = ctx.cluster.now() - (trueSinceMs ?? ctx.cluster.now());
  return {
    passed: heldMs >= forMs,
    actual: `${now.actual} for ${seconds(heldMs)}`,
    expected: `${now.expected} for at least ${seconds(forMs)}`,
  };
}

function overStep(ctx: CheckContext, condition: StateCondition, mode: 'always' | 'ever'): Outcome {
  let found: Outcome | undefined;
  let foundAtMs = 0;
  let last: Outcome | undefined;
  replay(
    ctx.cluster.api.changeLog.all(),
    resourcesOf(condition),
    ctx.stepStartSeq,
    ctx.stepStartMs,
    (instant) => {
      last = evaluateState(instant.view, condition);
      // `always` looks for a violation, `ever` for a moment that satisfied the condition.
      if (last.passed === (mode === 'ever')) {
        found = last;
        foundAtMs = instant.timeMs;
        return false;
      }
      return true;
    },
  );
  const into = seconds(foundAtMs - ctx.stepStartMs);
  if (mode === 'always')
    return found
      ? { ...found, passed: false, actual: `${found.actual} (${into} into the step)` }
      : { passed: true, actual: last?.actual ?? '', expected: last?.expected ?? '' };
  return found
    ? { ...found, passed: true }
    : {
        passed: false,
        actual: `${last?.actual ?? ''} (and never ${last?.expected ?? ''} during the step)`,
        expected: last?.expected ?? '',
      };
}

interface CoreEvent {
  readonly reason?: string;
  readonly type?: string;
  readonly message?: string;
  readonly involvedObject?: { kind?: string; name?: string; namespace?: string };
}

function eventMatches(event: CoreEvent, match: EventMatch): boolean {
  const involved = event.involvedObject ?? {};
  return (
    event.reason === match.reason &&
    (match.type === undefined || event.type === match.type) &&
    (match.objectKind === undefined || involved.kind?.toLowerCase() === match.objectKind) &&
    (match.objectName === undefined || involved.name === match.objectName) &&
    (match.namespace === undefined || involved.namespace === match.namespace) &&
    (match.message === undefined || new RegExp(match.message).test(event.message ?? ''))
  );
}

function eventOccurred(ctx: CheckContext, match: EventMatch): Outcome {
  const seen = ctx.cluster.api.changeLog
    .since(ctx.stepStartSeq)
    .filter((e) => e.resource === 'events' && e.verb !== 'delete');
  const hit = seen.some((e) => eventMatches(e.object as CoreEvent, match));
  const about = match.objectName
    ? ` about ${match.objectKind ?? 'object'}/${match.objectName}`
    : match.objectKind
      ? ` about a ${match.objectKind}`
      : '';
  return {
    passed: hit,
    actual: hit ? `a ${match.reason} event` : `no ${match.reason} event${about} yet`,
    expected: `a ${match.reason} event${about}`,
  };
}

function commandOutput(ctx: CheckContext, match: CommandMatch): Outcome {
  const result = ctx.runCommand(match.command);
  const firstLine = (result.stdout || result.stderr).split('\n')[0] ?? '';
  if (match.exitCode !== undefined && result.exitCode !== match.exitCode)
    return {
      passed: false,
      actual: `\`${match.command}\` exited ${String(result.exitCode)}: ${firstLine}`,
      expected: `exit code ${String(match.exitCode)}`,
    };
  for (const want of match.stdout) {
    const ok =
      want.op === 'contains'
        ? result.stdout.includes(want.value)
        : want.op === 'notContains'
          ? !result.stdout.includes(want.value)
          : new RegExp(want.value, 'm').test(result.stdout);
    if (!ok)
      return {
        passed: false,
        actual: `\`${match.command}\` printed: ${firstLine}`,
        expected:
          want.op === 'contains'
            ? `output containing "${want.value}"`
            : want.op === 'notContains'
              ? `output without "${want.value}"`
              : `output matching /${want.value}/`,
      };
  }
  return { passed: true, actual: firstLine, expected: '' };
}

function nodeOf(pod: KubeObject | undefined): string | undefined {
  return (pod?.spec as { nodeName?: string } | undefined)?.nodeName;
}

function rescheduled(ctx: CheckContext, match: RescheduleMatch): Outcome {
  const selector = parseSelector(match.selector);
  const fromNodes = new Set<string>();
  let moved = false;
  const relevant = (e: ChangeLogEntry): boolean =>
    e.resource === 'pods' &&
    e.namespace === match.namespace &&
    matchesSelector(e.object.metadata.labels, selector);
  for (const entry of ctx.cluster.api.changeLog.since(ctx.stepStartSeq)) {
    if (!relevant(entry)) continue;
    const node = nodeOf(entry.object);
    const leaving =
      entry.verb === 'delete' ||
      (entry.object.metadata.deletionTimestamp !== undefined &&
        entry.previous?.metadata.deletionTimestamp === undefined);
    if (leaving && node !== undefined && (match.from === undefined || node === match.from))
      fromNodes.add(node);
    const bound =
      node !== undefined && nodeOf(entry.previous) === undefined && entry.verb !== 'delete';
    if (bound && fromNodes.size > 0 && [...fromNodes].some((n) => n !== node)) moved = true;
  }
  const where = match.from ? `node ${match.from}` : 'its node';
  return {
    passed: moved,
    actual: moved
      ? 'a pod moved'
      : fromNodes.size === 0
        ? `no pod of ${match.selector} has left ${where} during the step`
        : `pods of ${match.selector} left ${[...fromNodes].join(', ')} but none has been scheduled to another node yet`,
    expected: `a pod of ${match.selector} to leave ${where} and be scheduled to another node`,
  };
}

function outcomeOf(ctx: CheckContext, check: Check): Outcome {
  const c = check.condition;
  switch (c.kind) {
    case 'state':
      return c.forMs > 0
        ? heldFor(ctx, c.condition, c.forMs)
        : evaluateState(ctx.cluster.api, c.condition);
    case 'always':
    case 'ever':
      return overStep(ctx, c.condition, c.kind);
    case 'event':
      return eventOccurred(ctx, c.event);
    case 'command':
      return commandOutput(ctx, c.command);
    case 'rescheduled':
      return rescheduled(ctx, c.reschedule);
  }
}

export function evaluateCheck(ctx: CheckContext, check: Check): CheckResult {
  const outcome = outcomeOf(ctx, check);
  return {
    title: check.title,
    passed: outcome.passed,
    message: outcome.passed ? '' : fill(check.message, outcome),
  };
}
