/**
 * The cluster's only source of time. Virtual milliseconds since the Unix epoch; time moves only when
 * the cluster advances it, never on its own, so the same commands always see the same times.
 */
import { BinaryHeap } from '../util/binaryHeap.ts';

export type TimerId = number;

interface Timer {
  readonly id: TimerId;
  readonly at: number;
  readonly callback: () => void;
}

export class VirtualClock {
  private current: number;
  private nextId = 1;
  private readonly heap = new BinaryHeap<Timer>(
    (a, b) => a.at < b.at || (a.at === b.at && a.id < b.id),
  );
  private readonly cancelled = new Set<TimerId>();

  constructor(startMs: number) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** Runs `callback` when the clock reaches `at` (immediately due if `at` is in the past). */
  schedule(at: number, callback: () => void): TimerId {
    const timer: Timer = { id: this.nextId++, at: Math.max(at, this.current), callback };
    this.heap.push(timer);
    return timer.id;
  }

  after(delayMs: number, callback: () => void): TimerId {
    return this.schedule(this.current + Math.max(0, delayMs), callback);
  }

  cancel(id: TimerId): void {
    this.cancelled.add(id);
  }

  /** The time of the earliest pending timer, or undefined when nothing is scheduled. */
  nextDue(): number | undefined {
    this.dropCancelled();
    return this.heap.peek()?.at;
  }

  /** Fires every timer due at the current time; returns how many fired. */
  fireDue(): number {
    let fired = 0;
    for (;;) {
      this.dropCancelled();
      const top = this.heap.peek();
      if (top === undefined || top.at > this.current) return fired;
      this.heap.pop();
      fired++;
      top.callback();
    }
  }

  /** Moves time forward; refuses to go back, because nothing in a cluster can. */
  advanceTo(ms: number): void {
    if (ms < this.current) {
      throw new Error(`virtual clock cannot go back from ${String(this.current)} to ${String(ms)}`);
    }
    this.current = ms;
  }

  private dropCancelled(): void {
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined || !this.cancelled.has(top.id)) return;
      this.cancelled.delete(top.id);
      this.heap.pop();
    }
  }
}
