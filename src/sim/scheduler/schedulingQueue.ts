/**
 * kube-scheduler's scheduling queue (pkg/scheduler/internal/queue/scheduling_queue.go): activeQ
 * ordered by PrioritySort (priority, then time queued), backoffQ (1 s doubling to 10 s per
 * attempt), and the unschedulable pool. A cluster event moves a parked pod back only if one of the
 * plugins that rejected it cares about that event (queueing hints); pods parked longer than
 * 5 minutes are flushed back by a check every 30 s (flushUnschedulablePodsLeftover).
 */
import { BinaryHeap } from '../util/binaryHeap.ts';
import type { VirtualClock } from '../clock/virtualClock.ts';
import type { KeyQueue } from '../client/reconciler.ts';

export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
/** podMaxInUnschedulablePodsDuration */
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;
/** How often leftover unschedulable pods are checked. */
export const FLUSH_UNSCHEDULABLE_INTERVAL_MS = 30_000;

interface Entry {
  readonly key: string;
  priority: number;
  /** Order of (re)entry into activeQ: PrioritySort compares the queued timestamp. */
  seq: number;
  attempts: number;
  lastAttemptMs: number;
  /** When the pod entered the unschedulable pool. */
  parkedAtMs: number;
  /** Plugins that rejected the pod in its last attempt; empty = any event may help. */
  rejectors: ReadonlySet<string>;
  where: 'active' | 'backoff' | 'unschedulable' | 'inflight' | 'none';
}

interface HeapNode {
  readonly entry: Entry;
  readonly priority: number;
  readonly seq: number;
}

/** A cluster event and the plugins whose verdicts it may change (framework.ClusterEvent). */
export interface ClusterEvent {
  readonly label: string;
  readonly plugins: ReadonlySet<string> | 'all';
}

export class SchedulingQueue implements KeyQueue {
  private readonly entries = new Map<string, Entry>();
  /** Heap nodes snapshot (priority, seq); stale nodes are skipped when popped. */
  private readonly heap = new BinaryHeap<HeapNode>(
    (a, b) => a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq),
  );
  private activeCount = 0;
  private readonly unschedulable = new Set<Entry>();
  private seq = 0;
  private flushTimerArmed = false;
  initialBackoffMs = INITIAL_BACKOFF_MS;
  maxBackoffMs = MAX_BACKOFF_MS;

  constructor(private readonly clock: VirtualClock) {}

  get length(): number {
    return this.activeCount;
  }

  /** Pending pods by queue, for the UI and tests. */
  counts(): { active: number; backoff: number; unschedulable: number } {
    let backoff = 0;
    for (const e of this.entries.values()) if (e.where === 'backoff') backoff++;
    return { active: this.activeCount, backoff, unschedulable: this.unschedulable.size };
  }

  where(key: string): Entry['where'] | undefined {
    return this.entries.get(key)?.where;
  }

  /** A new pending pod, or an update to one already queued (its priority may change). */
  add(key: string, priority: number): void {
    const existing = this.entries.get(key);
    if (existing) {
      if (existing.priority !== priority && existing.where === 'active') {
        existing.priority = priority;
        this.push(existing);
      }
      existing.priority = priority;
      return;
    }
    const entry: Entry = {
      key,
      priority,
      seq: 0,
      attempts: 0,
      lastAttemptMs: 0,
      parkedAtMs: 0,
      rejectors: new Set(),
      where: 'none',
    };
    this.entries.set(key, entry);
    this.toActive(entry);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.where === 'active') this.activeCount--;
    this.unschedulable.delete(entry);
    entry.where = 'none';
    this.entries.delete(key);
  }

  /** Highest priority first, then first queued (PrioritySort). */
  pop(): string | undefined {
    while (this.heap.size > 0) {
      const node = this.heap.pop() as HeapNode;
      const top = node.entry;
      if (top.where !== 'active' || top.seq !== node.seq || this.entries.get(top.key) !== top)
        continue;
      this.activeCount--;
      top.where = 'inflight';
      top.attempts += 1;
      top.lastAttemptMs = this.clock.now();
      return top.key;
    }
    return undefined;
  }

  attemptsOf(key: string): number {
    return this.entries.get(key)?.attempts ?? 0;
  }

  /** After a failed attempt: park the pod until an event its rejectors care about. */
  markUnschedulable(key: string, rejectors: ReadonlySet<string>): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.where === 'active') this.activeCount--;
    entry.rejectors = rejectors;
    entry.where = 'unschedulable';
    entry.parkedAtMs = this.clock.now();
    this.unschedulable.add(entry);
    this.armFlush();
  }

  /** After an error (not a verdict): retry after backoff. */
  markBackoff(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.where === 'active') this.activeCount--;
    this.toBackoff(entry);
  }

  /** A cluster event: parked pods whose rejectors care about it move, through backoff. */
  onEvent(event: ClusterEvent): void {
    if (this.unschedulable.size === 0) return;
    for (const entry of [...this.unschedulable]) {
      if (event.plugins !== 'all' && entry.rejectors.size > 0) {
        let interested = false;
        for (const p of entry.rejectors) if (event.plugins.has(p)) interested = true;
        if (!interested) continue;
      }
      this.unschedulable.delete(entry);
      this.toBackoffOrActive(entry);
    }
  }

  /** Every parked pod goes back (used when the profile changes). */
  moveAll(): void {
    this.onEvent({ label: 'ProfileChanged', plugins: 'all' });
  }

  /** After a successful bind the pod leaves the queue for good. */
  done(key: string): void {
    this.delete(key);
  }

  backoffDurationMs(attempts: number): number {
    let d = this.initialBackoffMs;
    for (let i = 1; i < attempts; i++) {
      d *= 2;
      if (d >= this.maxBackoffMs) return this.maxBackoffMs;
    }
    return d;
  }

  private toActive(entry: Entry): void {
    if (entry.where !== 'active') this.activeCount++;
    entry.where = 'active';
    this.push(entry);
  }

  private push(entry: Entry): void {
    entry.seq = this.seq++;
    this.heap.push({ entry, priority: entry.priority, seq: entry.seq });
  }

  private toBackoffOrActive(entry: Entry): void {
    const wait = entry.lastAttemptMs + this.backoffDurationMs(entry.attempts) - this.clock.now();
    if (wait <= 0) this.toActive(entry);
    else this.toBackoff(entry, wait);
  }

  private toBackoff(entry: Entry, wait?: number): void {
    entry.where = 'backoff';
    const delay =
      wait ?? entry.lastAttemptMs + this.backoffDurationMs(entry.attempts) - this.clock.now();
    this.clock.after(Math.max(0, delay), () => {
      if (entry.where !== 'backoff' || this.entries.get(entry.key) !== entry) return;
      this.toActive(entry);
    });
  }

  private armFlush(): void {
    if (this.flushTimerArmed) return;
    this.flushTimerArmed = true;
    this.clock.after(FLUSH_UNSCHEDULABLE_INTERVAL_MS, () => {
      this.flushTimerArmed = false;
      const now = this.clock.now();
      for (const entry of [...this.unschedulable]) {
        if (now - entry.parkedAtMs <= MAX_UNSCHEDULABLE_MS) continue;
        this.unschedulable.delete(entry);
        this.toBackoffOrActive(entry);
      }
      if (this.unschedulable.size > 0) this.armFlush();
    });
  }
}
