import type { SchedulerLike, Subscription } from 'rxjs';

/**
 * A client-wide cap on the rate of requests: every request the client sends
 * (starts, polls, result reads, retries, redirect hops) counts, and a
 * request over the cap waits its turn instead of failing.
 *
 * @example
 * ```ts
 * // Excel's documented limit is 1,500 requests per 10 s per app and tenant: stay under it.
 * createGraphClient({ token, requestBudget: { limit: 1200, intervalMs: 10_000 } });
 * ```
 * @public
 */
export interface RequestBudgetOptions {
  /** Requests allowed per `intervalMs`, on average. */
  readonly limit: number;
  /** The window `limit` is counted over, in milliseconds. */
  readonly intervalMs: number;
  /** How many requests may go at once after a quiet spell. @defaultValue limit */
  readonly burst?: number;
}

/** Tokens in the bucket after `elapsedMs` at `ratePerMs`, never above `burst`. */
export function refilled(tokens: number, elapsedMs: number, ratePerMs: number, burst: number): number {
  return Math.min(burst, tokens + Math.max(0, elapsedMs) * ratePerMs);
}

/** How long until the bucket holds a whole token again; 0 when it does. */
export function msUntilToken(tokens: number, ratePerMs: number): number {
  return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / ratePerMs);
}

/**
 * A token bucket on the client's scheduler. Requests that find it empty
 * queue in order and are released as tokens come back: one timer for the
 * whole queue, none when it is empty. A waiting request that is
 * unsubscribed leaves the queue (and, if it was the last, the timer goes).
 */
export class RequestBudget {
  private tokens: number;
  private last: number;
  private readonly rate: number;
  private readonly burst: number;
  private readonly queue: (() => void)[] = [];
  private timer: Subscription | undefined;

  constructor(
    options: RequestBudgetOptions,
    private readonly scheduler: SchedulerLike,
  ) {
    this.rate = options.limit / options.intervalMs;
    this.burst = options.burst ?? options.limit;
    this.tokens = this.burst;
    this.last = scheduler.now();
  }

  /** Calls `go` when a request may be sent (at once if it may); returns how to give up the place in the queue. */
  acquire(go: () => void): () => void {
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      go();
      return noop;
    }
    this.queue.push(go);
    this.arm();
    return () => {
      const index = this.queue.indexOf(go);
      if (index < 0) return;
      this.queue.splice(index, 1);
      if (this.queue.length === 0) this.disarm();
    };
  }

  /** A request that goes now whatever the bucket holds (a redirect hop, a 401 repeat): counted, so the ones behind it wait longer. */
  charge(): void {
    this.refill();
    this.tokens -= 1;
  }

  /** Requests waiting now (for tests and instrumentation). */
  get waiting(): number {
    return this.queue.length;
  }

  private refill(): void {
    const now = this.scheduler.now();
    this.tokens = refilled(this.tokens, now - this.last, this.rate, this.burst);
    this.last = now;
  }

  private arm(): void {
    if (this.timer) return;
    this.timer = this.scheduler.schedule(() => {
      this.timer = undefined;
      this.drain();
    }, msUntilToken(this.tokens, this.rate));
  }

  private disarm(): void {
    this.timer?.unsubscribe();
    this.timer = undefined;
  }

  private drain(): void {
    this.refill();
    while (this.queue.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.queue.shift()!();
    }
    if (this.queue.length > 0) this.arm();
  }
}

function noop(): void {}
