import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import type { RequestLimiter } from '../http/request-budget.js';

/** The slice of an ioredis client the limiter uses (`queue.client`, `new Redis(...)`). @public */
export interface RedisEvalClient {
  /** Runs a Lua script on Redis (ioredis' `eval`): the token bucket is one script, so every process takes from it atomically. */
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * Options of {@link redisRequestLimiter}.
 *
 * @public
 */
export interface RedisRequestLimiterOptions {
  /** A Redis connection (an ioredis client, such as BullMQ's `await queue.client`). */
  readonly redis: RedisEvalClient;
  /** Requests allowed per `intervalMs`, across every process sharing `key`. */
  readonly limit: number;
  /** The window `limit` counts over, in milliseconds (Graph's limits are per 10 s for Excel: `10_000`). */
  readonly intervalMs: number;
  /** Requests allowed at once, before the rate applies (the bucket's size). @defaultValue limit */
  readonly burst?: number;
  /** Who shares this budget: one per app and tenant, as Graph throttles. @defaultValue 'default' */
  readonly tenant?: string;
  /** The Redis key of the bucket. @defaultValue `rx-graph-lro:budget:{tenant}` */
  readonly key?: string;
  /** Where retries of a refused request wait. @defaultValue asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

// One atomic step of a token bucket kept in a Redis hash, on Redis' own
// clock (so every machine agrees): refill, then take `cost` tokens or say
// how long until there are enough.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local v = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(v[1]) or burst
local ts = tonumber(v[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
local wait = 0
if tokens >= cost then tokens = tokens - cost else wait = math.ceil((cost - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) * 2 + 1000)
return wait
`;

/**
 * A request budget shared by every process that uses the same Redis key:
 * a token bucket in Redis, taken atomically by a script on Redis' clock.
 * Give it to each worker's client as `requestBudget`, and every request
 * they send to Graph — starts, polls, result reads, retries — counts
 * against one rate per tenant. A refused request waits (on the scheduler)
 * as long as the bucket says and asks again; nothing fails for it. If Redis
 * cannot be reached the request waits and asks again, rather than going
 * over a budget nobody can check.
 *
 * @example
 * ```ts
 * const redis = new Redis(process.env.REDIS_URL);
 * const graph = createGraphClient({ token, requestBudget: redisRequestLimiter({ redis, tenant: 'contoso', limit: 1200, intervalMs: 10_000 }) });
 * ```
 * @public
 */
export function redisRequestLimiter(options: RedisRequestLimiterOptions): RequestLimiter {
  const { redis, limit, intervalMs } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`redisRequestLimiter limit must be a whole number above 0, not ${String(limit)}`);
  if (typeof intervalMs !== 'number' || !(intervalMs > 0)) throw new RangeError(`redisRequestLimiter intervalMs must be a number of ms above 0, not ${String(intervalMs)}`);
  if (typeof redis?.eval !== 'function') throw new TypeError('redisRequestLimiter needs a Redis client with eval (an ioredis client)');
  const burst = options.burst ?? limit;
  const rate = limit / intervalMs;
  const key = options.key ?? `rx-graph-lro:budget:${options.tenant ?? 'default'}`;
  const scheduler = options.scheduler ?? asyncScheduler;
  const take = (cost: number) => redis.eval(TAKE, 1, key, String(rate), String(burst), String(Math.min(Math.max(1, cost), burst)));
  return {
    acquire: (go, cost = 1) => {
      let cancelled = false;
      let wait: Subscription | undefined;
      const ask = (): void => {
        wait = undefined;
        take(cost).then(
          (answer) => {
            if (cancelled) return;
            const ms = Number(answer);
            if (ms <= 0) go();
            else wait = scheduler.schedule(ask, ms);
          },
          // Redis away: wait a little and ask again; the request is deferred, not sent unchecked.
          () => {
            if (!cancelled) wait = scheduler.schedule(ask, Math.min(1000, Math.max(50, 1 / rate)));
          },
        );
      };
      ask();
      return () => {
        cancelled = true;
        wait?.unsubscribe();
      };
    },
    charge: (cost = 1) => {
      take(cost).catch(() => undefined);
    },
  };
}
