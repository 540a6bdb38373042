// One worker process for the fault tests and the bench, as a user would run
// it: the built package by name, a client with a Redis-shared budget.
//   node test/bullmq/worker-process.mjs <redisPort> <graphBaseUrl> <queueName> [budgetPerSecond] [burst]
import Redis from 'ioredis';
import { createGraphClient } from 'rx-graph-lro';
import { createGraphWorker, redisRequestLimiter } from 'rx-graph-lro/bullmq';

const [port, baseUrl, queueName, perSecond = '100000', burst] = process.argv.slice(2);
const connection = { host: '127.0.0.1', port: Number(port), maxRetriesPerRequest: null };
const redis = new Redis(connection);
redis.on('error', () => undefined);
const graph = createGraphClient({
  baseUrl,
  token: 'worker-secret-token-91c7',
  poll: { intervalMs: 20, backoffFactor: 1 },
  retry: { baseDelayMs: 10, maxDelayMs: 50 },
  requestBudget: redisRequestLimiter({ redis, tenant: queueName, limit: Number(perSecond), intervalMs: 1000, ...(burst ? { burst: Number(burst) } : {}) }),
});
const worker = createGraphWorker({
  queueName,
  connection,
  graph,
  concurrency: 100,
  workerOptions: { lockDuration: 3000, stalledInterval: 1000, maxStalledCount: 3 },
});
worker.on('error', () => undefined);
await worker.waitUntilReady();
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await worker.close();
  redis.disconnect();
  process.exit(0);
});
