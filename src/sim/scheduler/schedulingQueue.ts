/**
 * kube-scheduler's scheduling queue: activeQ (ordered by priority, then arrival), backoffQ
 * (1 s doubling to 10 s per attempt) and the unschedulable pool, which cluster events move back
 * (pkg/scheduler/internal/queue/scheduling_queue.go).
 */
import type { VirtualClock } from '../clock/virtualClock.ts';
import type { KeyQueue } from '../client/reconciler.ts';

export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
/** Unschedulable pods are flushed back at least this often (podMaxInUnschedulablePodsDuration). */
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;

interface Entry {
  key: string;
  priority: number;
  arrival: number;
  attempts: number;
  lastAttemptMs: number;
}

export class SchedulingQueue implements KeyQueue {
  private readonly active = new Map<string, Entry>();
  private readonly backoff = new Map<string, Entry>();
  private readonly unschedulable = new Map<string, Entry>();
  private readonly known = new Map<string, Entry>();
  private arrivals = 0;

  constructor(private readonly clock: VirtualClock) {}

  get length(): number {
    return this.active.size;
  }

  /** A new or updated pending pod. */
  add(key: string, priority: number): void {
    const entry = this.known.get(key) ?? {
      key,
      priority,
      arrival: this.arrivals++,
      attempts: 0,
      lastAttemptMs: 0,
    };
    entry.priority = priority;
    this.known.set(key, entry);
    if (this.backoff.has(key) || this.unschedulable.has(key)) return;
    this.active.set(key, entry);
  }

  delete(key: string): void {
    this.active.delete(key);
    this.backoff.delete(key);
    this.unschedulable.delete(key);
    this.known.delete(key);
  }

  /** Highest priority first, then first in (PrioritySort). */
  pop(): string | undefined {
    let best: Entry | undefined;
    for (const entry of this.active.values()) {
      if (
        !best ||
        entry.priority > best.priority ||
        (entry.priority === best.priority && entry.arrival < best.arrival)
      )
        best = entry;
    }
    if (!best) return undefined;
    this.active.delete(best.key);
    best.attempts += 1;
    best.lastAttemptMs = this.clock.now();
    return best.key;
  }

  attemptsOf(key: string): number {
    return this.known.get(key)?.attempts ?? 0;
  }

  /** After a failed attempt: park the pod until an event may help, or the flush interval passes. */
  markUnschedulable(key: string): void {
    const entry = this.known.get(key);
    if (!entry) return;
    this.unschedulable.set(key, entry);
    this.clock.after(MAX_UNSCHEDULABLE_MS, () => {
      if (
        this.unschedulable.get(key) === entry &&
        this.clock.now() - entry.lastAttemptMs >= MAX_UNSCHEDULABLE_MS
      ) {
        this.unschedulable.delete(key);
        this.active.set(key, entry);
      }
    });
  }

  /** A cluster event that may make parked pods schedulable: move them, through backoff. */
  moveAllToActiveOrBackoff(): void {
    for (const entry of [...this.unschedulable.values()]) {
      this.unschedulable.delete(entry.key);
      const wait = this.backoffRemaining(entry);
      if (wait <= 0) this.active.set(entry.key, entry);
      else this.toBackoff(entry, wait);
    }
  }

  /** After a successful bind the pod leaves the queue for good. */
  done(key: string): void {
    this.delete(key);
  }

  private backoffDuration(entry: Entry): number {
    let d = INITIAL_BACKOFF_MS;
    for (let i = 1; i < entry.attempts; i++) {
      d *= 2;
      if (d >= MAX_BACKOFF_MS) return MAX_BACKOFF_MS;
    }
    return d;
  }

  private backoffRemaining(entry: Entry): number {
    return entry.lastAttemptMs + this.backoffDuration(entry) - this.clock.now();
  }

  private toBackoff(entry: Entry, wait: number): void {
    this.backoff.set(entry.key, entry);
    this.clock.after(wait, () => {
      if (this.backoff.get(entry.key) !== entry) return;
      this.backoff.delete(entry.key);
      this.active.set(entry.key, entry);
    });
  }
}
