import { describe, expect, it } from 'vitest';
import { VirtualClock } from './virtualClock.ts';
import { formatRfc1123Z, formatRfc3339, msFromCivil, parseRfc3339 } from './timeFormat.ts';

describe('VirtualClock', () => {
  it('fires timers in time order, and in scheduling order at equal times', () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.schedule(20, () => fired.push('b'));
    clock.schedule(10, () => fired.push('a'));
    clock.schedule(20, () => fired.push('c'));
    for (let next = clock.nextDue(); next !== undefined; next = clock.nextDue()) {
      clock.advanceTo(next);
      clock.fireDue();
    }
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(20);
  });

  it('does not fire cancelled timers', () => {
    const clock = new VirtualClock(0);
    let fired = false;
    const id = clock.after(5, () => (fired = true));
    clock.cancel(id);
    expect(clock.nextDue()).toBeUndefined();
    clock.advanceTo(10);
    clock.fireDue();
    expect(fired).toBe(false);
  });

  it('refuses to go back in time', () => {
    const clock = new VirtualClock(100);
    expect(() => {
      clock.advanceTo(99);
    }).toThrow(/cannot go back/);
  });
});

describe('time formatting without Date', () => {
  it.each([
    [msFromCivil(2025, 6, 2, 9, 0, 0), '2025-06-02T09:00:00Z'],
    [msFromCivil(2024, 2, 29, 23, 59, 59), '2024-02-29T23:59:59Z'],
    [msFromCivil(1970, 1, 1), '1970-01-01T00:00:00Z'],
  ])('formats %d as %s and parses it back', (ms, text) => {
    expect(formatRfc3339(ms)).toBe(text);
    expect(parseRfc3339(text)).toBe(ms);
  });

  it('formats describe times as RFC 1123 with a numeric zone', () => {
    expect(formatRfc1123Z(msFromCivil(2025, 6, 2, 10, 4, 5))).toBe(
      'Mon, 02 Jun 2025 10:04:05 +0000',
    );
  });

  it('parses fractional seconds and offsets', () => {
    expect(parseRfc3339('2025-06-02T09:00:00.250000Z')).toBe(msFromCivil(2025, 6, 2, 9) + 250);
    expect(parseRfc3339('2025-06-02T11:00:00+02:00')).toBe(msFromCivil(2025, 6, 2, 9));
    expect(parseRfc3339('yesterday')).toBeUndefined();
  });
});
