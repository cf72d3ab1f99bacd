import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtualClock.ts';
import { BindLimiter } from './bindLimiter.ts';
import { fitErrorMessage, formatHistogram } from './fitError.ts';
import { SchedulingQueue } from './schedulingQueue.ts';

function drainTo(clock: VirtualClock, ms: number): void {
  const target = clock.now() + ms;
  for (let next = clock.nextDue(); next !== undefined && next <= target; next = clock.nextDue()) {
    clock.advanceTo(next);
    clock.fireDue();
  }
  clock.advanceTo(target);
}

describe('SchedulingQueue (scheduling_queue.go)', () => {
  it('pops by priority, then first queued (PrioritySort)', () => {
    const q = new SchedulingQueue(new VirtualClock(0));
    q.add('default/low', 0);
    q.add('default/high', 100);
    q.add('default/low2', 0);
    expect([q.pop(), q.pop(), q.pop(), q.pop()]).toEqual([
      'default/high',
      'default/low',
      'default/low2',
      undefined,
    ]);
  });

  it('backs off 1s, 2s, 4s, 8s, then 10s per attempt', () => {
    const q = new SchedulingQueue(new VirtualClock(0));
    expect([1, 2, 3, 4, 5, 6].map((a) => q.backoffDurationMs(a))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('moves a parked pod only for events its rejecting plugin cares about, through backoff', () => {
    const clock = new VirtualClock(0);
    const q = new SchedulingQueue(clock);
    q.add('default/p', 0);
    q.pop();
    q.markUnschedulable('default/p', new Set(['NodeResourcesFit']));
    q.onEvent({ label: 'NodeUpdate', plugins: new Set(['TaintToleration']) });
    expect(q.where('default/p')).toBe('unschedulable');
    q.onEvent({ label: 'AssignedPodDelete', plugins: new Set(['NodeResourcesFit']) });
    expect(q.where('default/p')).toBe('backoff');
    drainTo(clock, 1000);
    expect(q.pop()).toBe('default/p');
  });

  it('flushes pods parked longer than 5 minutes on the 30-second check', () => {
    const clock = new VirtualClock(0);
    const q = new SchedulingQueue(clock);
    q.add('default/p', 0);
    q.pop();
    q.markUnschedulable('default/p', new Set(['NodeResourcesFit']));
    drainTo(clock, 300_000);
    expect(q.where('default/p')).toBe('unschedulable');
    drainTo(clock, 30_000);
    expect(q.where('default/p')).toBe('active');
  });
});

describe('BindLimiter (client-go token bucket, 50 QPS burst 100)', () => {
  it('lets 100 binds through at once, then one every 20ms', () => {
    const limiter = new BindLimiter(50, 100, 0);
    const waits = Array.from({ length: 103 }, () => limiter.reserve(0));
    expect(waits.slice(0, 100).every((w) => w === 0)).toBe(true);
    expect(waits.slice(100)).toEqual([20, 40, 60]);
    // A second later 50 tokens came back: 47 left after the 3 borrowed.
    expect(limiter.reserve(1000)).toBe(0);
  });
});

describe('FitError message (framework/types.go)', () => {
  it('sorts histogram entries as strings, so "10 …" comes before "2 …"', () => {
    const reasons = [...Array.from({ length: 10 }, () => ['b']), ['a'], ['a']];
    expect(formatHistogram(reasons)).toBe('10 b, 2 a');
  });
  it('appends each part as " %v." so a PostFilter message ending in "." ends in ".."', () => {
    expect(
      fitErrorMessage(
        1,
        [['Insufficient cpu']],
        'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
      ),
    ).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..',
    );
    expect(fitErrorMessage(3, [], undefined, 'persistentvolumeclaim "data" not found')).toBe(
      '0/3 nodes are available: persistentvolumeclaim "data" not found.',
    );
  });
});
