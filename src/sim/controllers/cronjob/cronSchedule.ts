/**
 * Standard five-field cron schedules (minute hour day-of-month month day-of-week) and the
 * `@hourly`-style macros, evaluated in UTC as kube-controller-manager does without spec.timeZone.
 * TODO(#4): CronJob spec.timeZone (and CRON_TZ=) other than UTC is evaluated as UTC.
 */
import { civilFromMs, msFromCivil } from '../../clock/timeFormat.ts';

export interface CronSchedule {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly weekdays: ReadonlySet<number>;
  /** Both day fields restricted: a day matches if either matches (cron's OR rule). */
  readonly dayOr: boolean;
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTH_NAMES = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function parseField(
  text: string,
  min: number,
  max: number,
  names: string[] = [],
  offset = 0,
): Set<number> | undefined {
  const out = new Set<number>();
  const value = (v: string): number => {
    const named = names.indexOf(v.toLowerCase());
    return named >= 0 ? named + offset : Number(v);
  };
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo = min;
    let hi = max;
    if (range !== '*' && range !== '?') {
      const [a = '', b] = range.split('-');
      lo = value(a);
      hi = b === undefined ? (stepText === undefined ? lo : max) : value(b);
    }
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || !Number.isInteger(step) || step < 1)
      return undefined;
    if (lo < min || hi > max || lo > hi) return undefined;
    for (let v = lo; v <= hi; v += step) out.add(v === 7 && max === 7 ? 0 : v);
  }
  return out;
}

export function parseCron(text: string): CronSchedule | undefined {
  const trimmed = text.trim().replace(/^(CRON_)?TZ=\S+\s+/, '');
  const fields = (MACROS[trimmed] ?? trimmed).split(/\s+/);
  if (fields.length !== 5) return undefined;
  const [m = '', h = '', dom = '', mon = '', dow = ''] = fields;
  const minutes = parseField(m, 0, 59);
  const hours = parseField(h, 0, 23);
  const days = parseField(dom, 1, 31);
  const months = parseField(mon, 1, 12, MONTH_NAMES, 1);
  const weekdays = parseField(dow, 0, 7, DAY_NAMES);
  if (!minutes || !hours || !days || !months || !weekdays) return undefined;
  const restricted = (f: string): boolean => f !== '*' && f !== '?';
  return { minutes, hours, days, months, weekdays, dayOr: restricted(dom) && restricted(dow) };
}

function dayMatches(s: CronSchedule, day: number, weekday: number): boolean {
  const dom = s.days.has(day);
  const dow = s.weekdays.has(weekday);
  return s.dayOr ? dom || dow : dom && dow;
}

/** The first scheduled time strictly after `afterMs` (whole minutes), within five years. */
export function nextRun(s: CronSchedule, afterMs: number): number | undefined {
  let t = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
  const limit = afterMs + 5 * 366 * 86_400_000;
  while (t <= limit) {
    const c = civilFromMs(t);
    if (!s.months.has(c.month)) {
      t =
        c.month === 12
          ? msFromCivil(c.year + 1, 1, 1, 0, 0, 0)
          : msFromCivil(c.year, c.month + 1, 1, 0, 0, 0);
      continue;
    }
    if (!dayMatches(s, c.day, c.weekday)) {
      t = msFromCivil(c.year, c.month, c.day, 0, 0, 0) + 86_400_000;
      continue;
    }
    if (!s.hours.has(c.hour)) {
      t = msFromCivil(c.year, c.month, c.day, c.hour, 0, 0) + 3_600_000;
      continue;
    }
    if (!s.minutes.has(c.minute)) {
      t += 60_000;
      continue;
    }
    return t;
  }
  return undefined;
}
