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

/**
 * Anything that decides when a request may go: the client's own
 * `RequestBudgetOptions` bucket, or one shared by many processes
 * (`redisRequestLimiter` from `rx-graph-lro/bullmq`). `acquire` calls `go`
 * when the request may be sent (at once, or later) and returns how to give
 * up the place; it must never call `go` after that.
 *
 * @public
 */
export interface RequestLimiter {
  /**
   * Calls `go` when a request of `cost` (1, or a `$batch`'s size) may be
   * sent, at once or later; returns how to give up the place, after which
   * `go` must never be called.
   */
  acquire(go: () => void, cost?: number): () => void;
  /** A request that goes now whatever the limiter says (a redirect hop): counted. @defaultValue not counted */
  charge?(cost?: number): void;
}

/** Tokens in the bucket after `elapsedMs` at `ratePerMs`, never above `burst`. */
export function refilled(tokens: number, elapsedMs: number, ratePerMs: number, burst: number): number {
  return Math.min(burst, tokens + Math.max(0, elapsedMs) * ratePerMs);
}

/** How long until the bucket holds `cost` tokens (a whole one by default); 0 when it does. */
export function msUntilToken(tokens: number, ratePerMs: number, cost = 1): number {
  return tokens >= cost ? 0 : Math.ceil((cost - tokens) / ratePerMs);
}

/**
 * A token bucket on the client's scheduler. Requests that find it empty
 * queue in order and are released as tokens come back: one timer for the
 * whole queue, none when it is empty. A waiting request that is
 * unsubscribed leaves the queue (and, if it was the last, the timer goes).
 */
export class RequestBudget implements RequestLimiter {
  private tokens: number;
  private last: number;
  private readonly rate: number;
  private readonly burst: number;
  private readonly queue: { readonly go: () => void; readonly cost: number }[] = [];
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

  /**
   * Calls `go` when a request may be sent (at once if it may); returns how
   * to give up the place in the queue. A `$batch` costs one token per
   * request inside it, as Graph counts them (never more than the burst).
   */
  acquire(go: () => void, cost = 1): () => void {
    this.refill();
    const entry = { go, cost: Math.min(Math.max(1, cost), this.burst) };
    if (this.queue.length === 0 && this.tokens >= entry.cost) {
      this.tokens -= entry.cost;
      go();
      return noop;
    }
    this.queue.push(entry);
    this.arm();
    return () => {
      const index = this.queue.indexOf(entry);
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
    }, msUntilToken(this.tokens, this.rate, this.queue[0]?.cost ?? 1));
  }

  private disarm(): void {
    this.timer?.unsubscribe();
    this.timer = undefined;
  }

  private drain(): void {
    this.refill();
    while (this.queue.length > 0 && this.tokens >= this.queue[0]!.cost) {
      const next = this.queue.shift()!;
      this.tokens -= next.cost;
      next.go();
    }
    if (this.queue.length > 0) this.arm();
  }
}

function noop(): void {}
