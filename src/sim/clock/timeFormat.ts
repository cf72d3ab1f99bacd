/**
 * Calendar arithmetic without `Date`, so the sim stays free of ambient time.
 * Civil-from-days after Howard Hinnant's public-domain algorithms.
 */
interface CivilTime {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

const MS_PER_DAY = 86_400_000;

export function civilFromMs(ms: number): CivilTime {
  const days = Math.floor(ms / MS_PER_DAY);
  const msOfDay = ms - days * MS_PER_DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const totalSeconds = Math.floor(msOfDay / 1000);
  return {
    year,
    month,
    day,
    hour: Math.floor(totalSeconds / 3600),
    minute: Math.floor((totalSeconds % 3600) / 60),
    second: totalSeconds % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

export function msFromCivil(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** RFC 3339 with second precision, as Kubernetes stores metav1.Time: `2025-01-01T00:05:00Z`. */
export function formatRfc3339(ms: number): string {
  const t = civilFromMs(ms);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}Z`;
}

/** RFC 3339 with microseconds, as Kubernetes stores metav1.MicroTime (leases, events). */
export function formatRfc3339Micro(ms: number): string {
  const base = formatRfc3339(ms).slice(0, -1);
  return `${base}.${pad(Math.floor(((ms % 1000) + 1000) % 1000) * 1000, 6)}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** Parses the RFC 3339 forms Kubernetes writes; undefined for anything else. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let ms = msFromCivil(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
  if (frac) ms += Math.floor(Number(`0.${frac}`) * 1000);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    ms -= sign * ((zh ?? 0) * 60 + (zm ?? 0)) * 60_000;
  }
  return ms;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 1123 with numeric zone, as `kubectl describe` prints times: `Mon, 02 Jun 2025 10:04:05 +0000`. */
export function formatRfc1123Z(ms: number): string {
  const t = civilFromMs(ms);
  return `${WEEKDAYS[t.weekday] ?? ''}, ${pad(t.day)} ${MONTHS[t.month - 1] ?? ''} ${pad(t.year, 4)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} +0000`;
}
