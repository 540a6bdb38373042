import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import { redisRequestLimiter, type RedisRequestLimiterOptions } from '../../src/bullmq';
import { lateGrantMs } from '../../src/bullmq/redis-request-limiter';
import { describeWithRedis, startRedis } from '../helpers/redis';

// The Redis-shared request budget against a real Redis: it keeps the
// in-process budget's rules (checked options, first in first out, cancelled
// waiters take nothing, charges count) and asks Redis about once per request
// let through, however many wait.

const never = { eval: () => Promise.reject(new Error('Redis must not be asked')) };

describe('redisRequestLimiter options are checked as the client checks requestBudget, before Redis is asked', () => {
  const base = { redis: never, limit: 100, intervalMs: 1000 };
  it.each<[string, Record<string, unknown>, ErrorConstructor, RegExp]>([
    ['burst 0 (no limit before)', { burst: 0 }, RangeError, /burst must be a whole number from 1 to 1000000, not 0/],
    ['burst -5', { burst: -5 }, RangeError, /burst .* not -5/],
    ['burst NaN (stalled before)', { burst: NaN }, RangeError, /burst .* not NaN/],
    ['burst Infinity', { burst: Infinity }, RangeError, /burst .* not Infinity/],
    ['burst 1e308', { burst: 1e308 }, RangeError, /burst .* not 1e\+308/],
    ['burst 2.5', { burst: 2.5 }, RangeError, /burst/],
    ['limit NaN', { limit: NaN }, RangeError, /limit must be a whole number from 1 to 1000000, not NaN/],
    ['limit 1e7', { limit: 1e7 }, RangeError, /limit .* not 10000000/],
    ['limit missing', { limit: undefined }, TypeError, /limit is required/],
    ['intervalMs 1e15 (timers flooded before)', { intervalMs: 1e15 }, RangeError, /intervalMs must be a number of milliseconds above 0 up to 2147483647, not 1000000000000000/],
    ['intervalMs Infinity', { intervalMs: Infinity }, RangeError, /intervalMs .* not Infinity/],
    ['intervalMs 0', { intervalMs: 0 }, RangeError, /intervalMs .* not 0/],
    ['intervalMs missing', { intervalMs: undefined }, TypeError, /intervalMs is required/],
    ['tenant empty', { tenant: '' }, TypeError, /tenant must be a non-empty string/],
    ['key not a string', { key: 42 }, TypeError, /key must be a non-empty string, not 42/],
    ['an unknown option', { rate: 5 }, TypeError, /has no option 'rate'/],
    ['no Redis client', { redis: {} }, TypeError, /redis must be a Redis client with eval/],
    ['a scheduler that is not one', { scheduler: {} }, TypeError, /scheduler must be an rxjs SchedulerLike/],
  ])('%s', (_name, change, type, message) => {
    const options = { ...base, ...change };
    for (const key of Object.keys(change)) if (change[key] === undefined) delete (options as Record<string, unknown>)[key];
    const make = () => redisRequestLimiter(options as unknown as RedisRequestLimiterOptions);
    expect(make).toThrow(type);
    expect(make).toThrow(message);
  });
});

describe('how late a grant may come and still be used', () => {
  // Late by L ms, grants can put rate × L more into one second: at most 5% of burst + rate × 1 s.
  it.each([
    [700, 1000, 100, 57.14],
    [1200, 10_000, 1200, 550],
    [100, 1000, 100, 100],
    [1_000_000, 1000, 1, 50],
  ])('%i per %i ms, burst %i: %f ms', (limit, intervalMs, burst, ms) => {
    expect(lateGrantMs(limit / intervalMs, burst)).toBeCloseTo(ms, 2);
  });
});

describeWithRedis('redisRequestLimiter on a real Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const clients: Redis[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => redis?.stop());
  afterEach(() => {
    while (clients.length) clients.pop()!.disconnect();
  });
  const client = () => {
    const c = new Redis({ host: '127.0.0.1', port: redis.port });
    clients.push(c);
    return c;
  };
  const uniqueKey = () => `test:budget:${Math.random().toString(36).slice(2)}`;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** Script runs on this Redis since the last reset (EVAL and EVALSHA). */
  async function scriptRuns(c: Redis): Promise<number> {
    const info = await c.info('commandstats');
    return [...info.matchAll(/cmdstat_eval(?:sha)?:calls=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
  }

  it('1,000 waiters at 100/s: Redis is asked about once per request let through, not once per waiter and wait', async () => {
    const c = client();
    const limiter = redisRequestLimiter({ redis: c, key: uniqueKey(), limit: 100, intervalMs: 1000 });
    await c.config('RESETSTAT');
    let went = 0;
    const leave = Array.from({ length: 1000 }, () => limiter.acquire(() => went++));
    await sleep(2000);
    const runs = await scriptRuns(c);
    // A full bucket (100) and two seconds' refill (200).
    expect(went).toBeGreaterThanOrEqual(250);
    expect(went).toBeLessThanOrEqual(310);
    // Main asked 108,427 times in 2 s for the same 300 grants.
    expect(runs).toBeLessThanOrEqual(went + 5);
    leave.forEach((l) => l());
    await c.config('RESETSTAT');
    await sleep(300);
    // Given up: nothing more is asked (INFO itself is not a script run).
    expect(await scriptRuns(c)).toBeLessThanOrEqual(1);
  });

  it('serves a process\'s waiters first in, first out: a $batch of 20 keeps its place among single requests', async () => {
    const limiter = redisRequestLimiter({ redis: client(), key: uniqueKey(), limit: 100, intervalMs: 1000, burst: 20 });
    const order: string[] = [];
    const ask = (name: string, cost = 1) => limiter.acquire(() => order.push(name), cost);
    for (let i = 0; i < 30; i++) ask(`a${i}`);
    ask('batch', 20);
    // Single requests keep coming behind it, as a busy worker's polls do.
    let i = 0;
    const leave: (() => void)[] = [];
    const feeder = setInterval(() => leave.push(ask(`b${i++}`)), 5);
    try {
      const started = Date.now();
      while (!order.includes('batch') && Date.now() - started < 3000) await sleep(10);
      expect(order.indexOf('batch')).toBe(30);
      expect(order.slice(0, 30)).toEqual(Array.from({ length: 30 }, (_, k) => `a${k}`));
      // 30 + 20 tokens at 100/s with 20 at the start: about 0.3 s (main: starved for seconds).
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      clearInterval(feeder);
      leave.forEach((l) => l());
    }
  });

  it('across processes, a cost of 20 is not starved by another process\'s stream of single requests', async () => {
    const key = uniqueKey();
    const busy = redisRequestLimiter({ redis: client(), key, limit: 100, intervalMs: 1000, burst: 20 });
    const other = redisRequestLimiter({ redis: client(), key, limit: 100, intervalMs: 1000, burst: 20 });
    let open = true;
    const waiting = new Set<() => void>();
    const single = (): void => {
      const leave = busy.acquire(() => {
        waiting.delete(leave);
        if (open) single();
      });
      waiting.add(leave);
    };
    for (let n = 0; n < 50; n++) single();
    await sleep(300); // the busy process has the bucket to itself, always with 50 waiting
    const asked = Date.now();
    let leave = () => {};
    const granted = await new Promise<number>((resolve) => {
      leave = other.acquire(() => resolve(Date.now()), 20);
      setTimeout(() => resolve(Infinity), 4000);
    });
    open = false;
    leave();
    waiting.forEach((l) => l());
    // Its reservation reaches Redis behind at most one of the busy process's: about 0.2 s.
    expect(granted - asked).toBeLessThan(1000);
  });

  it('waiters given up while their take is in flight leave their tokens: another process gets them at once', async () => {
    const key = uniqueKey();
    const first = redisRequestLimiter({ redis: client(), key, limit: 10, intervalMs: 60_000 });
    const leave = Array.from({ length: 10 }, () => first.acquire(() => fail('a cancelled waiter went')));
    await Promise.resolve(); // the script that takes their tokens is on its way
    leave.forEach((l) => l());
    await sleep(100);
    const second = redisRequestLimiter({ redis: client(), key, limit: 10, intervalMs: 60_000 });
    let went = 0;
    for (let i = 0; i < 10; i++) second.acquire(() => went++);
    await sleep(300);
    // Main: the ten cancelled takes had spent the bucket, so these waited 6 s each.
    expect(went).toBe(10);
  });

  it('a reservation given up is handed to the next waiter, or given back to the bucket', async () => {
    const key = uniqueKey();
    const mine = redisRequestLimiter({ redis: client(), key, limit: 10, intervalMs: 10_000 }); // one token a second
    const others = redisRequestLimiter({ redis: client(), key, limit: 10, intervalMs: 10_000 });
    for (let i = 0; i < 10; i++) mine.acquire(() => undefined); // the burst, spent
    const started = Date.now();
    const times: Record<string, number> = {};
    const leaveX = mine.acquire(() => (times['x'] = Date.now() - started)); // reserved: goes in about 1 s
    await sleep(50);
    mine.acquire(() => (times['y'] = Date.now() - started));
    leaveX(); // y takes x's reservation and its time
    await sleep(1300);
    expect(times['x']).toBeUndefined();
    expect(times['y']).toBeGreaterThanOrEqual(800);
    expect(times['y']).toBeLessThan(1300);
    // Now a reservation nobody here can use goes back: another process's request is not pushed a second later.
    const again = Date.now();
    const leaveZ = mine.acquire(() => fail('z was given up'));
    await sleep(50);
    leaveZ();
    const otherWent = await new Promise<number>((resolve) => others.acquire(() => resolve(Date.now() - again)));
    expect(otherWent).toBeLessThan(1500);
  });

  it('a charged request (a redirect hop) counts even when the bucket is empty', async () => {
    const limiter = redisRequestLimiter({ redis: client(), key: uniqueKey(), limit: 10, intervalMs: 1000, burst: 1 });
    await new Promise<void>((resolve) => limiter.acquire(resolve));
    for (let i = 0; i < 5; i++) limiter.charge!();
    await sleep(20);
    const asked = Date.now();
    await new Promise<void>((resolve) => limiter.acquire(resolve));
    // Five hops and this request: about 0.6 s at 10/s (main ignored the hops: 0.1 s).
    expect(Date.now() - asked).toBeGreaterThanOrEqual(450);
  });

  describe('processes sharing 700/s with a burst of 100 (the built package)', () => {
    jest.setTimeout(60_000);
    type Grant = [at: number, cost: number];

    /** A child process; `grants` is the JSON line it prints last: when each of its requests went, and its cost. */
    function startProcess(script: string, args: string[]): Promise<{ child: ChildProcess; lines: string[]; grants: Promise<Grant[]> }> {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [join(__dirname, script), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let errors = '';
        const lines: string[] = [];
        const bound = setTimeout(() => reject(new Error(`limiter process did not start: ${errors}`)), 20_000);
        const grants = new Promise<Grant[]>((done, failed) =>
          // 'close', not 'exit': a process can exit before its last output has been read from the pipe.
          child.on('close', () => {
            const line = out.trim().split('\n').at(-1);
            if (line?.startsWith('[')) done(JSON.parse(line) as Grant[]);
            else failed(new Error(`limiter process: ${errors}`));
          }),
        );
        child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          lines.splice(0, lines.length, ...out.split('\n'));
          if (out.startsWith('ready\n')) {
            clearTimeout(bound);
            resolve({ child, lines, grants });
          }
        });
      });
    }

    /** The most tokens let through in any window of 1 s (every window, not only whole seconds). */
    function busiestSecond(grants: Grant[]): number {
      const sorted = [...grants].sort((a, b) => a[0] - b[0]);
      let busiest = 0;
      let inWindow = 0;
      for (let i = 0, j = 0; i < sorted.length; i++) {
        inWindow += sorted[i]![1];
        while (sorted[i]![0] - sorted[j]![0] >= 1000) inWindow -= sorted[j++]![1];
        busiest = Math.max(busiest, inWindow);
      }
      return busiest;
    }

    it('no second sees more than the bound (rate + burst, within 5%), batches get their turn, and Redis is asked about once per grant', async () => {
      const c = client();
      await c.config('RESETSTAT');
      const [rate, burst, durationMs] = [700, 100, 4000];
      const key = uniqueKey();
      // 200 waiting in each process at all times; every 10th request is a $batch of 20.
      const processes = await Promise.all(
        Array.from({ length: 4 }, () => startProcess('limiter-process.mjs', [String(redis.port), key, String(rate), '1000', String(burst), String(durationMs), '200', '10'])),
      );
      processes.forEach((p) => p.child.stdin!.write('go\n'));
      const grants = (await Promise.all(processes.map((p) => p.grants))).flat();
      const runs = await scriptRuns(c);
      const busiest = busiestSecond(grants);
      const tokens = grants.reduce((n, g) => n + g[1], 0);
      const batches = grants.filter((g) => g[1] === 20).length;
      process.stdout.write(`limiter: ${grants.length} grants (${batches} batches of 20), ${tokens} tokens in ${durationMs} ms, busiest second ${busiest} (bound ${rate + burst}), ${runs} script runs\n`);
      expect(busiest).toBeLessThanOrEqual(1.05 * (rate + burst));
      // The budget is used: about burst + rate × 4 s.
      expect(tokens).toBeGreaterThanOrEqual(0.9 * (burst + (rate * durationMs) / 1000));
      // A batch is asked for once in 10 requests: 20 of every 29 tokens would be batches if none were starved (main: 8 batches).
      expect(batches * 20).toBeGreaterThanOrEqual(0.5 * tokens * (20 / 29));
      expect(runs).toBeLessThanOrEqual(1.2 * grants.length);
    });

    it('a process stalled while its burst was granted does not crowd it into the next second', async () => {
      const [rate, burst] = [700, 100];
      const key = uniqueKey();
      // It asks for the whole burst and then cannot run for 300 ms (a GC pause, a starved CPU)...
      const stalled = await startProcess('stalled-limiter-process.mjs', [String(redis.port), key, String(rate), '1000', String(burst), '100', '300']);
      stalled.child.stdin!.write('go\n');
      while (!stalled.lines.some((l) => l.startsWith('asked'))) await sleep(1);
      // ...while another process, 150 ms later, finds the bucket refilled and keeps asking for a second.
      await sleep(150);
      const limiter = redisRequestLimiter({ redis: client(), key, limit: rate, intervalMs: 1000, burst });
      const mine: Grant[] = [];
      const leave = Array.from({ length: 900 }, () => limiter.acquire(() => mine.push([performance.timeOrigin + performance.now(), 1])));
      const theirs = await stalled.grants;
      await sleep(Math.max(0, 1500 - (performance.timeOrigin + performance.now() - mine[0]![0])));
      leave.forEach((l) => l());
      const busiest = busiestSecond([...theirs, ...mine]);
      process.stdout.write(`stalled: its ${theirs.length} grants and ${mine.length} of the other's; busiest second ${busiest} (bound ${rate + burst})\n`);
      expect(theirs).toHaveLength(100);
      // Used when they came, 300 ms late, its 100 would make 900 in the other's first second.
      expect(busiest).toBeLessThanOrEqual(1.05 * (rate + burst));
    });
  });
});
