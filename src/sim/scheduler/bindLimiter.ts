/**
 * The client-side rate limit on the scheduler's API client (client-go flowcontrol token bucket:
 * --kube-api-qps 50, --kube-api-burst 100 for kube-scheduler), in virtual time. Each bind
 * reserves a token; when the bucket is empty the bind waits for the next one, so a 3,000-replica
 * Deployment streams onto nodes at about 50 pods a second after the first 100.
 */
export const DEFAULT_CLIENT_QPS = 50;
export const DEFAULT_CLIENT_BURST = 100;

export class BindLimiter {
  private tokens: number;
  private lastMs: number;

  constructor(
    private qps: number = DEFAULT_CLIENT_QPS,
    private burst: number = DEFAULT_CLIENT_BURST,
    nowMs = 0,
  ) {
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  configure(qps: number, burst: number, nowMs: number): void {
    this.refill(nowMs);
    this.qps = qps;
    this.burst = burst;
    this.tokens = Math.min(this.tokens, burst);
  }

  /** Reserves one request; returns how long (ms) it must wait before it may be sent. */
  reserve(nowMs: number): number {
    if (!Number.isFinite(this.qps) || this.qps <= 0) return 0;
    this.refill(nowMs);
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    return Math.ceil((-this.tokens * 1000) / this.qps);
  }

  private refill(nowMs: number): void {
    if (nowMs > this.lastMs && Number.isFinite(this.qps)) {
      this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.lastMs) * this.qps) / 1000);
      this.lastMs = nowMs;
    }
  }
}
