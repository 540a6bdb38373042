// One worker process for the fault tests and the bench, as a user would run
// it: the built package by name, a client with a Redis-shared budget.
//   node test/bullmq/worker-process.mjs <redisPort> <graphBaseUrl> <queueName> [budgetPerSecond] [burst]
// WORKER_OPTIONS (JSON) changes what the fault tests need:
//   connection   ioredis options instead of 127.0.0.1:<redisPort> ({ sentinels, name }: a Sentinel group)
//   durability   the worker's durability option
//   lockDuration, stalledInterval   BullMQ's (default 3000 and 1000)
//   budget       false: no Redis-shared budget (a worker cut off from Redis keeps polling Graph)
//   concurrency  jobs at once (default 100)
// It prints `ready`, then one JSON line per worker event ({ type: 'job.lost', … }), per job it took, completed
// or failed, and per move of BullMQ's own that Redis refused for a lock this worker no longer holds.
import Redis from 'ioredis';
import { createGraphClient } from 'rx-graph-lro';
import { createGraphWorker, redisRequestLimiter } from 'rx-graph-lro/bullmq';

const [port, baseUrl, queueName, perSecond = '100000', burst] = process.argv.slice(2);
const extra = JSON.parse(process.env.WORKER_OPTIONS ?? '{}');
const connection = { host: '127.0.0.1', port: Number(port), ...extra.connection, maxRetriesPerRequest: null };
const redis = extra.budget === false ? undefined : new Redis(connection);
redis?.on('error', () => undefined);
const graph = createGraphClient({
  baseUrl,
  token: 'worker-secret-token-91c7',
  poll: { intervalMs: 20, backoffFactor: 1 },
  retry: { baseDelayMs: 10, maxDelayMs: 50 },
  ...(redis ? { requestBudget: redisRequestLimiter({ redis, tenant: queueName, limit: Number(perSecond), intervalMs: 1000, ...(burst ? { burst: Number(burst) } : {}) }) } : {}),
});
const line = (value) => process.stdout.write(`${JSON.stringify({ ...value, at: Date.now() })}\n`);
const worker = createGraphWorker({
  queueName,
  connection,
  graph,
  concurrency: extra.concurrency ?? 100,
  workerOptions: { lockDuration: extra.lockDuration ?? 3000, stalledInterval: extra.stalledInterval ?? 1000, maxStalledCount: 3 },
  ...(extra.durability ? { durability: extra.durability } : {}),
  onEvent: line,
});
worker.on('active', (job) => line({ type: 'active', jobId: job.id }));
worker.on('completed', (job) => line({ type: 'completed', jobId: job.id }));
worker.on('failed', (job) => job && line({ type: 'failed', jobId: job.id }));
// BullMQ refusing a write of a job this worker no longer holds (a stale lock token): said, for the partition test.
worker.on('error', (error) => /Missing lock|Lock mismatch/.test(error.message) && line({ type: 'refused', message: error.message }));
await worker.waitUntilReady();
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await worker.close();
  redis?.disconnect();
  process.exit(0);
});
