import { createHash } from 'node:crypto';

/** The slice of an ioredis client the limiter uses (`queue.client`, `new Redis(...)`). @public */
export interface RedisEvalClient {
  /** Runs a Lua script on Redis (ioredis' `eval`): the token bucket is one script, so every process takes from it atomically. */
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
  /** Runs a script Redis already holds, by its SHA-1 (ioredis has it): the script's text is not sent with every call. @defaultValue eval every time */
  evalsha?(sha: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** What one take answered: how many of the costs asked for may go now, else how long the first one, reserved, waits. */
export interface TakeAnswer {
  /** How many of the costs, in order, were taken and may go now (0: the first was reserved and waits `waitMs`). */
  readonly granted: number;
  /** With `granted` 0: ms until the reserved first cost may go, on Redis' clock. */
  readonly waitMs: number;
  /** Which step of the bucket this was: a give-back names it, and counts only if nothing was taken since. */
  readonly seq: number;
}

// The bucket is a Redis hash: `tokens` (may be negative: tokens promised to
// requests still waiting), `ts` (ms on Redis' clock, whole, so elapsed time
// adds up exactly), `seq` (bumped by every take and charge). Refill, then:
//   take:   as many of the costs, in order, as the tokens cover go now; if
//           not even the first does, it is reserved anyway (tokens go
//           negative) and waits until they are back to 0. Never refused:
//           reservations are served in the order they reach Redis, so a large
//           cost is not starved by small ones, and a request goes only when
//           its tokens have been earned (at most burst + rate × t in any t).
//   charge: the cost is taken whatever the bucket holds (a request that went).
// The key lives until the bucket would be full again, plus a minute.
const PREAMBLE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local v = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'seq')
local tokens = tonumber(v[1]) or burst
local ts = tonumber(v[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
`;
const KEEP = `
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.min(1e13, math.ceil((burst - tokens) / rate) + 60000))
`;

/** ARGV: rate (tokens per ms), burst, mode ('take' | 'charge'), cost… → { granted, wait ms, seq } */
export const TAKE_SCRIPT = `${PREAMBLE}
local granted = 0
local wait = 0
if ARGV[3] == 'charge' then
  tokens = tokens - tonumber(ARGV[4])
else
  for i = 4, #ARGV do
    local cost = tonumber(ARGV[i])
    if tokens < cost then break end
    tokens = tokens - cost
    granted = granted + 1
  end
  if granted == 0 then
    tokens = tokens - tonumber(ARGV[4])
    wait = math.ceil(-tokens / rate)
  end
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
${KEEP}
return { granted, wait, seq }
`;

/**
 * ARGV: rate, burst, seq, n → 1 if given back. Returns `n` tokens taken by
 * step `seq` and not used (their requests were cancelled), only if no take
 * or charge came after it: then it is as if they had never been taken.
 * Otherwise later reservations already count on them being gone, and giving
 * them back would let two requests share one place: they stay spent.
 */
export const GIVE_BACK_SCRIPT = `${PREAMBLE}
if tonumber(v[3]) ~= tonumber(ARGV[3]) then return 0 end
tokens = math.min(burst, tokens + tonumber(ARGV[4]))
${KEEP}
return 1
`;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const TAKE_SHA = sha1(TAKE_SCRIPT);
const GIVE_BACK_SHA = sha1(GIVE_BACK_SCRIPT);

/** A token bucket in one Redis key: each call one script run (EVALSHA when the client has it). */
export interface RedisTokenBucket {
  /** Takes the costs that may go now, in order, or reserves the first. */
  take(costs: readonly number[]): Promise<TakeAnswer>;
  /** Takes `cost` whatever the bucket holds. */
  charge(cost: number): Promise<unknown>;
  /** Returns `n` unused tokens of step `seq`, if nothing was taken since. */
  giveBack(n: number, seq: number): Promise<unknown>;
}

export function redisTokenBucket(redis: RedisEvalClient, key: string, ratePerMs: number, burst: number): RedisTokenBucket {
  const rate = String(ratePerMs);
  const cap = String(burst);
  // Scripts this bucket has run once with EVAL, so Redis holds them: later runs send only the SHA-1.
  // The first is an EVAL, not an EVALSHA answered NOSCRIPT and sent again: a give-back must reach
  // Redis before the take sent after it, or it would not count.
  const loaded = new Set<string>();
  const run = async (script: string, sha: string, args: string[]): Promise<unknown> => {
    if (typeof redis.evalsha !== 'function') return redis.eval(script, 1, key, ...args);
    if (!loaded.has(sha)) {
      const answer = await redis.eval(script, 1, key, ...args);
      loaded.add(sha);
      return answer;
    }
    // Redis forgets scripts when it restarts (or on SCRIPT FLUSH): then one EVAL loads it again.
    return redis.evalsha(sha, 1, key, ...args).catch((error: unknown) => {
      if (!String((error as { message?: unknown } | null)?.message).includes('NOSCRIPT')) throw error;
      return redis.eval(script, 1, key, ...args);
    });
  };
  return {
    take: async (costs) => {
      const answer = (await run(TAKE_SCRIPT, TAKE_SHA, [rate, cap, 'take', ...costs.map(String)])) as unknown[];
      return { granted: Number(answer[0]), waitMs: Number(answer[1]), seq: Number(answer[2]) };
    },
    charge: (cost) => run(TAKE_SCRIPT, TAKE_SHA, [rate, cap, 'charge', String(cost)]),
    giveBack: (n, seq) => run(GIVE_BACK_SCRIPT, GIVE_BACK_SHA, [rate, cap, String(seq), String(n)]),
  };
}
