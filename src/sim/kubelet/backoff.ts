/**
 * Per-key exponential back-off, as client-go's flowcontrol.Backoff that the kubelet uses for
 * container restarts (CrashLoopBackOff) and image pulls (ImagePullBackOff): 10 s doubling to 300 s,
 * forgotten once nothing went wrong for twice the maximum (10 minutes).
 */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs = BACKOFF_INITIAL_MS,
    private readonly maxMs = BACKOFF_MAX_MS,
  ) {}

  private expired(eventTime: number, entry: Entry): boolean {
    return eventTime - entry.lastUpdate > this.maxMs * 2;
  }

  /** Current delay for `key` (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Records one more failure at `now`; `eventTime` decides whether the old entry expired. */
  next(key: string, eventTime: number, now: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.expired(eventTime, entry)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: now });
      return;
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
    entry.lastUpdate = now;
  }

  /** When back-off since `eventTime` ends, or undefined when `key` is not backing off at `now`. */
  backoffEnd(key: string, eventTime: number, now: number): number | undefined {
    const entry = this.entries.get(key);
    if (!entry || this.expired(eventTime, entry)) return undefined;
    const end = eventTime + entry.backoffMs;
    return now < end ? end : undefined;
  }

  /** Like backoffEnd, measured from the last update (image pulls). */
  backoffEndSinceUpdate(key: string, now: number): number | undefined {
    const entry = this.entries.get(key);
    if (!entry || this.expired(now, entry)) return undefined;
    const end = entry.lastUpdate + entry.backoffMs;
    return now < end ? end : undefined;
  }

  forget(prefix: string): void {
    for (const key of [...this.entries.keys()])
      if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
