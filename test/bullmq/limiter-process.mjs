// One process sharing a Redis request budget, for the limiter tests and the
// bench: it keeps `waiting` requests queued on a redisRequestLimiter (the
// built package, as users run it) for `durationMs`, and prints, as one JSON
// line, when each was let through (ms on this machine's clock) and its cost.
//   node test/bullmq/limiter-process.mjs <redisPort> <key> <limit> <intervalMs> <burst> <durationMs> <waiting> [costEvery=0]
// With costEvery = n > 0, every n-th request costs 20 (a $batch of 20).
import Redis from 'ioredis';
import { redisRequestLimiter } from 'rx-graph-lro/bullmq';

const [port, key, limit, intervalMs, burst, durationMs, waiting, costEvery = '0'] = process.argv.slice(2);
const redis = new Redis({ host: '127.0.0.1', port: Number(port), maxRetriesPerRequest: null });
redis.on('error', () => undefined);
await redis.ping();
const limiter = redisRequestLimiter({ redis, key, limit: Number(limit), intervalMs: Number(intervalMs), burst: Number(burst) });
const grants = [];
const now = () => performance.timeOrigin + performance.now();
let asked = 0;
let open = true;
const ask = () => {
  const cost = Number(costEvery) > 0 && ++asked % Number(costEvery) === 0 ? 20 : 1;
  limiter.acquire(() => {
    grants.push([now(), cost]);
    if (open) ask();
  }, cost);
};
// Start together: the parent says when.
process.stdin.once('data', () => {
  for (let i = 0; i < Number(waiting); i++) ask();
  setTimeout(() => {
    open = false;
    process.stdout.write(`${JSON.stringify(grants)}\n`, () => {
      redis.disconnect();
      process.exit(0);
    });
  }, Number(durationMs));
});
process.stdout.write('ready\n');
