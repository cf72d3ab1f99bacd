/**
 * The cluster's only source of time. Virtual milliseconds since the Unix epoch; time moves only when
 * the cluster advances it, never on its own, so the same commands always see the same times.
 */
export type TimerId = number;

interface Timer {
  readonly id: TimerId;
  readonly at: number;
  readonly callback: () => void;
}

export class VirtualClock {
  private current: number;
  private nextId = 1;
  private readonly heap: Timer[] = [];
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
    this.push(timer);
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
    return this.heap[0]?.at;
  }

  /** Fires every timer due at the current time; returns how many fired. */
  fireDue(): number {
    let fired = 0;
    for (;;) {
      this.dropCancelled();
      const top = this.heap[0];
      if (top === undefined || top.at > this.current) return fired;
      this.pop();
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
      const top = this.heap[0];
      if (top === undefined || !this.cancelled.has(top.id)) return;
      this.cancelled.delete(top.id);
      this.pop();
    }
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.id < b.id);
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Timer;
      if (!this.less(timer, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      let child = left;
      if (right < heap.length && this.less(heap[right] as Timer, heap[left] as Timer))
        child = right;
      const c = heap[child] as Timer;
      if (!this.less(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
  }
}
