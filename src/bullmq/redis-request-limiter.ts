import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import type { RequestLimiter } from 'rx-graph-lro';
import { checkDuration, checkInteger, checkObject, describeValue, MAX_TIMER_MS } from '../core/policy/validation.js';
import { redisTokenBucket, type RedisEvalClient, type RedisTokenBucket, type TakeAnswer } from './redis-token-bucket.js';

export type { RedisEvalClient } from './redis-token-bucket.js';

/**
 * Options of {@link redisRequestLimiter}.
 *
 * @example
 * ```ts
 * redisRequestLimiter({ redis: new Redis(connection), tenant: 'contoso', limit: 1200, intervalMs: 10_000, burst: 100 });
 * ```
 * @public
 */
export interface RedisRequestLimiterOptions {
  /** A Redis connection (an ioredis client, such as BullMQ's `await queue.client`). */
  readonly redis: RedisEvalClient;
  /** Requests allowed per `intervalMs`, across every process sharing `key`: a whole number from 1 to 1,000,000. */
  readonly limit: number;
  /** The window `limit` is counted over, in milliseconds (above 0, at most 2147483647). */
  readonly intervalMs: number;
  /** How many requests may go at once after a quiet spell: a whole number from 1 to 1,000,000. @defaultValue limit */
  readonly burst?: number;
  /** Who shares this budget: one per app and tenant, as Graph throttles. @defaultValue 'default' */
  readonly tenant?: string;
  /** The Redis key of the bucket. @defaultValue `rx-graph-lro:budget:{tenant}` */
  readonly key?: string;
  /** Where waits are timed. @defaultValue asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

const OPTION_KEYS = ['redis', 'limit', 'intervalMs', 'burst', 'tenant', 'key', 'scheduler'] as const;
/** Costs asked for in one script run, at most: the heads of the queue. */
const MAX_HEADS_PER_TAKE = 256;

/**
 * Checks every option as the client checks its own `requestBudget`, before
 * anything reaches Redis: a burst of 0, a NaN limit or an interval of 1e15
 * would otherwise mean no limit at all, requests that never go, or timers
 * the platform turns into 1 ms.
 */
function checkLimiterOptions(options: unknown): RedisRequestLimiterOptions {
  const checked = checkObject('redisRequestLimiter options', options, OPTION_KEYS, false)!;
  const redis = checked['redis'] as { eval?: unknown; evalsha?: unknown } | undefined;
  if (typeof redis !== 'object' || redis === null || typeof redis.eval !== 'function') {
    throw new TypeError(`redisRequestLimiter redis must be a Redis client with eval (an ioredis client), not ${describeValue(redis)}`);
  }
  if (checked['limit'] === undefined) throw new TypeError('redisRequestLimiter limit is required: requests per intervalMs, e.g. { limit: 1200, intervalMs: 10000 }');
  checkInteger('redisRequestLimiter limit', checked['limit'], 1, 1_000_000);
  if (checked['intervalMs'] === undefined) throw new TypeError('redisRequestLimiter intervalMs is required: the window limit counts over, in ms');
  checkDuration('redisRequestLimiter intervalMs', checked['intervalMs']);
  checkInteger('redisRequestLimiter burst', checked['burst'], 1, 1_000_000);
  for (const name of ['tenant', 'key'] as const) {
    const value = checked[name];
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw new TypeError(`redisRequestLimiter ${name} must be a non-empty string, not ${describeValue(value)}`);
  }
  const scheduler = checked['scheduler'] as { now?: unknown; schedule?: unknown } | undefined;
  if (scheduler !== undefined && (typeof scheduler !== 'object' || scheduler === null || typeof scheduler.now !== 'function' || typeof scheduler.schedule !== 'function')) {
    throw new TypeError(`redisRequestLimiter scheduler must be an rxjs SchedulerLike (with now() and schedule()), not ${describeValue(scheduler)}`);
  }
  return checked as unknown as RedisRequestLimiterOptions;
}

/**
 * A request budget shared by every process that uses the same Redis key:
 * a token bucket in Redis, on Redis' clock. Give it to each worker's client
 * as `requestBudget`, and every request they send to Graph — starts, polls,
 * result reads, retries — counts against one rate per tenant.
 *
 * - In each process, requests wait in one queue, first in, first out (a
 *   `$batch` of 20 costs 20 and keeps its place), and **one script run at a
 *   time** asks Redis for the queue's head: the requests that may go now, or
 *   a reservation for the first one with how long it waits. A reservation is
 *   never refused, so across processes requests are served in the order
 *   their reservations reach Redis, and a large cost is not starved.
 * - Redis is asked about once per request let through, however many wait.
 * - In any span of t ms at most `burst + limit × t / intervalMs` requests
 *   are let through (counted when they go), plus those `charge`d.
 * - A request given up while it waits takes nothing; one given up after its
 *   tokens were taken hands them to the next in this queue, or gives them
 *   back to the bucket if no one took from it since (else they stay spent:
 *   the budget is under-used, never exceeded).
 * - If Redis cannot be reached, requests wait and ask again, rather than go
 *   over a budget nobody can check.
 *
 * @example
 * ```ts
 * const redis = new Redis(process.env.REDIS_URL);
 * const graph = createGraphClient({ token, requestBudget: redisRequestLimiter({ redis, tenant: 'contoso', limit: 1200, intervalMs: 10_000 }) });
 * ```
 * @public
 */
export function redisRequestLimiter(options: RedisRequestLimiterOptions): RequestLimiter {
  const { redis, limit, intervalMs, burst = limit, tenant = 'default', key = `rx-graph-lro:budget:${tenant}`, scheduler = asyncScheduler } = checkLimiterOptions(options);
  const ratePerMs = limit / intervalMs;
  const queue = new RedisLimiterQueue(redisTokenBucket(redis, key, ratePerMs, burst), burst, ratePerMs, lateGrantMs(ratePerMs, burst), scheduler);
  return {
    acquire: (go, cost) => queue.acquire(go, cost),
    charge: (cost) => queue.charge(cost),
  };
}

/**
 * How late a grant may reach its process and still be used: late by L ms,
 * grants can crowd up to `rate × L` more into one second than the bucket let
 * through on Redis' clock; this keeps that within 5% of the busiest second
 * the budget allows (`burst + rate × 1 s`). At least 50 ms.
 */
export function lateGrantMs(ratePerMs: number, burst: number): number {
  return (0.05 * (burst + ratePerMs * 1000)) / ratePerMs;
}

interface Waiter {
  readonly go: () => void;
  readonly cost: number;
  /** waiting: in the queue; held: its tokens are taken, its time not yet come; gone: `go` was called; cancelled. */
  state: 'waiting' | 'held' | 'gone' | 'cancelled';
  /** It was granted once too late to use: its next grant is used however late, so a slow process still gets through. */
  late: boolean;
}

/** A reservation whose time has not come: the waiters it is for, and the step of the bucket that took it. */
interface Reservation {
  holders: Waiter[];
  /** Taken for the holders (at least their costs together). */
  tokens: number;
  readonly seq: number;
  /** When it is due here: from when it was asked for (Redis answered after that), so never early. */
  readonly dueAt: number;
  readonly timer: Subscription;
}

/**
 * One process's queue for one bucket. At any moment it does at most one of:
 * ask Redis (one script run in flight), wait for a reservation's time (one
 * timer), or wait to ask again after Redis failed (one timer); nothing when
 * the queue is empty.
 */
class RedisLimiterQueue {
  private readonly waiting: Waiter[] = [];
  private asking = false;
  private reservation: Reservation | undefined;
  private retry: Subscription | undefined;
  private pumpQueued = false;

  constructor(
    private readonly bucket: RedisTokenBucket,
    private readonly burst: number,
    private readonly ratePerMs: number,
    private readonly lateMs: number,
    private readonly scheduler: SchedulerLike,
  ) {}

  acquire(go: () => void, cost = 1): () => void {
    const waiter: Waiter = { go, cost: Number.isFinite(cost) ? Math.min(Math.max(1, cost), this.burst) : 1, state: 'waiting', late: false };
    this.waiting.push(waiter);
    // Requests made in the same turn (a worker's polls due together) are asked for in one script run.
    if (!this.pumpQueued) {
      this.pumpQueued = true;
      queueMicrotask(() => {
        this.pumpQueued = false;
        this.pump();
      });
    }
    return () => this.cancel(waiter);
  }

  charge(cost = 1): void {
    this.bucket.charge(Number.isFinite(cost) ? Math.max(1, cost) : 1).catch(() => undefined);
  }

  /** Asks Redis for the heads of the queue, unless a question, a reservation or a retry is already under way. */
  private pump(): void {
    if (this.asking || this.reservation || this.retry || this.waiting.length === 0) return;
    const heads: Waiter[] = [];
    let sum = 0;
    for (const waiter of this.waiting) {
      if (heads.length > 0 && (sum + waiter.cost > this.burst || heads.length === MAX_HEADS_PER_TAKE)) break;
      heads.push(waiter);
      sum += waiter.cost;
    }
    this.asking = true;
    const askedAt = this.scheduler.now();
    this.bucket.take(heads.map((h) => h.cost)).then(
      (answer) => this.answered(heads, answer, askedAt),
      () => {
        // Redis away: wait a little and ask again; the requests are deferred, not sent unchecked.
        this.asking = false;
        this.retry = this.scheduler.schedule(() => {
          this.retry = undefined;
          this.pump();
        }, Math.min(1000, Math.max(50, 1 / this.ratePerMs)));
      },
    );
  }

  private answered(heads: readonly Waiter[], answer: TakeAnswer, askedAt: number): void {
    this.asking = false;
    if (answer.granted > 0) {
      // These heads' tokens are taken: the live ones go; a cancelled one's tokens pass to those behind.
      const taken = heads.slice(0, answer.granted);
      taken.forEach((waiter) => this.remove(waiter));
      const spare = sum(taken.filter((w) => w.state === 'cancelled'));
      const going = [...taken.filter((w) => w.state === 'waiting'), ...this.handOver(spare, answer.seq)];
      this.release(going, answer.seq, this.scheduler.now() - askedAt > this.lateMs);
      this.pump();
      return;
    }
    const head = heads[0]!;
    this.remove(head);
    const holders = head.state === 'waiting' ? [head] : this.handOver(head.cost, answer.seq);
    if (holders.length === 0) {
      this.pump();
      return;
    }
    holders.forEach((waiter) => (waiter.state = 'held'));
    this.reservation = { holders, tokens: sum(holders), seq: answer.seq, dueAt: askedAt + answer.waitMs, timer: this.after(answer.waitMs, () => this.due()) };
  }

  /** A reservation's time has come: its live holders go; a cancelled one's tokens pass to those waiting. */
  private due(): void {
    const { holders, tokens, seq, dueAt } = this.reservation!;
    this.reservation = undefined;
    const live = holders.filter((w) => w.state === 'held');
    this.release([...live, ...this.handOver(tokens - sum(live), seq)], seq, this.scheduler.now() - dueAt > this.lateMs);
    this.pump();
  }

  private cancel(waiter: Waiter): void {
    if (waiter.state === 'gone' || waiter.state === 'cancelled') return;
    const held = waiter.state === 'held';
    waiter.state = 'cancelled';
    this.remove(waiter);
    const reservation = this.reservation;
    if (held && reservation && reservation.holders.every((w) => w.state === 'cancelled')) {
      // Nobody left for the reservation: those next in line take it over (keeping its time), or it goes back.
      const next = this.handOver(reservation.tokens, reservation.seq);
      if (next.length > 0) {
        next.forEach((w) => (w.state = 'held'));
        reservation.holders = next;
        reservation.tokens = sum(next);
      } else {
        reservation.timer.unsubscribe();
        this.reservation = undefined;
        this.pump();
      }
    }
    if (this.waiting.length === 0 && this.retry) {
      this.retry.unsubscribe();
      this.retry = undefined;
    }
  }

  /**
   * Tokens taken for requests that were cancelled: the heads of the queue
   * that fit in them, in order, get them; what is left goes back to the
   * bucket (if nothing was taken from it since).
   */
  private handOver(tokens: number, seq: number): Waiter[] {
    const next: Waiter[] = [];
    let left = tokens;
    while (this.waiting.length > 0 && this.waiting[0]!.cost <= left) {
      const waiter = this.waiting.shift()!;
      left -= waiter.cost;
      next.push(waiter);
    }
    if (left > 0) this.bucket.giveBack(left, seq).catch(() => undefined);
    return next;
  }

  /**
   * Calls `go` for each, in order; one cancelled by an earlier one's `go`
   * gives its tokens back instead. A grant that came `late` (this process
   * was stalled: a long GC pause, a starved CPU) is not used at once: going
   * now, its requests would crowd into one second with those the bucket let
   * through meanwhile. They return to the head of the queue and ask again,
   * once; their tokens go back if no one took since.
   */
  private release(waiters: readonly Waiter[], seq: number, late: boolean): void {
    let spare = 0;
    const again: Waiter[] = [];
    for (const waiter of waiters) {
      if (waiter.state === 'cancelled') {
        spare += waiter.cost;
      } else if (late && !waiter.late) {
        waiter.late = true;
        waiter.state = 'waiting';
        again.push(waiter);
        spare += waiter.cost;
      } else {
        waiter.state = 'gone';
        waiter.go();
      }
    }
    // One given up by an earlier one's `go` stays out.
    this.waiting.unshift(...again.filter((w) => w.state === 'waiting'));
    if (spare > 0) this.bucket.giveBack(spare, seq).catch(() => undefined);
  }

  private remove(waiter: Waiter): void {
    // Nearly always the head: the queue is served in order.
    const index = this.waiting[0] === waiter ? 0 : this.waiting.indexOf(waiter);
    if (index >= 0) this.waiting.splice(index, 1);
  }

  /** A timer of any length: the platform's timers hold at most MAX_TIMER_MS (a longer one fires at once). */
  private after(ms: number, work: () => void): Subscription {
    const step = Math.min(Math.max(0, ms), MAX_TIMER_MS);
    const rest = ms - step;
    let inner: Subscription | undefined;
    const outer = this.scheduler.schedule(() => {
      if (rest > 0) inner = this.after(rest, work);
      else work();
    }, step);
    outer.add(() => inner?.unsubscribe());
    return outer;
  }
}

function sum(waiters: readonly Waiter[]): number {
  return waiters.reduce((total, w) => total + w.cost, 0);
}
