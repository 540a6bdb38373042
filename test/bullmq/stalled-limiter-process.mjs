// A process that stalls right after asking a Redis-shared budget for a
// burst of requests, as a worker does in a long GC pause or on a starved
// CPU: its grants arrive while it cannot run. It prints, as one JSON line,
// when each request was let through (ms on this machine's clock).
//   node test/bullmq/stalled-limiter-process.mjs <redisPort> <key> <limit> <intervalMs> <burst> <requests> <stallMs>
import { writeSync } from 'node:fs';
import Redis from 'ioredis';
import { redisRequestLimiter } from 'rx-graph-lro/bullmq';

const [port, key, limit, intervalMs, burst, requests, stallMs] = process.argv.slice(2).map((a, i) => (i === 1 ? a : Number(a)));
const redis = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: null });
await redis.ping();
const limiter = redisRequestLimiter({ redis, key, limit, intervalMs, burst });
const now = () => performance.timeOrigin + performance.now();
const grants = [];
process.stdin.once('data', async () => {
  const all = new Promise((resolve) => {
    for (let i = 0; i < requests; i++) limiter.acquire(() => grants.push([now(), 1]) === requests && resolve());
  });
  await new Promise((r) => setImmediate(r)); // the take is on its way to Redis
  writeSync(1, `asked ${now()}\n`);
  const until = now() + stallMs;
  while (now() < until); // stalled: Redis answers, nobody reads it
  await Promise.race([all, new Promise((r) => setTimeout(r, 5000))]);
  process.stdout.write(`${JSON.stringify(grants)}\n`, () => {
    redis.disconnect();
    process.exit(0);
  });
});
process.stdout.write('ready\n');
