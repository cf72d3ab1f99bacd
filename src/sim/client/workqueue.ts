/**
 * A deduplicating FIFO of object keys, like client-go's workqueue: a key queued twice is processed
 * once; `addAfter` re-queues on the virtual clock (requeue-after for timed work).
 */
import type { VirtualClock, TimerId } from '../clock/virtualClock.ts';

export class WorkQueue {
  private readonly queued = new Set<string>();
  private readonly delayed = new Map<string, { at: number; timer: TimerId }>();

  constructor(private readonly clock: VirtualClock) {}

  add(key: string): void {
    this.queued.add(key);
  }

  /** Queues `key` after `delayMs` of virtual time; an earlier pending deadline for the same key wins. */
  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const at = this.clock.now() + delayMs;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    if (pending) this.clock.cancel(pending.timer);
    const timer = this.clock.schedule(at, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { at, timer });
  }

  get length(): number {
    return this.queued.size;
  }

  /** Takes the oldest key, or undefined when empty. */
  pop(): string | undefined {
    for (const key of this.queued) {
      this.queued.delete(key);
      return key;
    }
    return undefined;
  }
}
