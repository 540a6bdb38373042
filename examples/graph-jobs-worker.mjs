// A Graph worker process, deployable as it is: run as many as you like, on
// as many machines, against one Redis or a Sentinel group. Configuration from the environment:
//   REDIS_URL         redis://host:port (required, unless REDIS_SENTINELS is set)
//   REDIS_SENTINELS   host:port,host:port,… of a Sentinel group's sentinels (REDIS_SENTINEL_NAME names the group, default 'mymaster')
//   GRAPH_DURABLE_REPLICAS   replicas that must confirm a start's marker and a job's handle (default: 1 with Sentinel,
//                     else 0: off); GRAPH_DURABLE_TIMEOUT_MS how long to wait for them, default 1000
//   GRAPH_BASE_URL    default https://graph.microsoft.com/v1.0
//   GRAPH_TOKEN       a bearer token (use msalTokenSource from rx-graph-lro/msal in production)
//   GRAPH_QUEUE       the BullMQ queue, default 'graph'
//   GRAPH_TENANT      who shares the request budget, default 'default'
//   GRAPH_BUDGET      requests per 10 s for the whole tenant, all workers together; default 1200
//   GRAPH_LOCK_MS     how long a dead worker's jobs wait before another resumes them; default 10000
//   node examples/graph-jobs-worker.mjs
import Redis from 'ioredis';
import { createGraphClient } from 'rx-graph-lro';
import { createGraphWorker, redisRequestLimiter } from 'rx-graph-lro/bullmq';

const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const connection = process.env.REDIS_SENTINELS
  ? {
      // A Sentinel group, as ioredis and BullMQ take it: the workers find the primary, and the new one after a failover.
      sentinels: process.env.REDIS_SENTINELS.split(',').map((address) => ({ host: address.split(':')[0], port: Number(address.split(':')[1]) })),
      name: process.env.REDIS_SENTINEL_NAME ?? 'mymaster',
      maxRetriesPerRequest: null,
    }
  : { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
const redis = new Redis(connection);
redis.on('error', () => undefined); // reconnects on its own

const graph = createGraphClient({
  baseUrl: process.env.GRAPH_BASE_URL ?? 'https://graph.microsoft.com/v1.0',
  token: process.env.GRAPH_TOKEN,
  poll: { intervalMs: Number(process.env.GRAPH_POLL_MS ?? 1000) },
  // One budget for every worker of this tenant, kept in Redis.
  requestBudget: redisRequestLimiter({ redis, tenant: process.env.GRAPH_TENANT ?? 'default', limit: Number(process.env.GRAPH_BUDGET ?? 1200), intervalMs: 10_000 }),
});

const worker = createGraphWorker({
  queueName: process.env.GRAPH_QUEUE ?? 'graph',
  connection,
  graph,
  concurrency: 50,
  // A worker that dies holds its jobs for lockDuration; then another resumes them from their handles.
  workerOptions: { lockDuration: Number(process.env.GRAPH_LOCK_MS ?? 10_000), stalledInterval: Number(process.env.GRAPH_LOCK_MS ?? 10_000) / 2 },
  ...(process.env.GRAPH_DURABLE_REPLICAS
    ? { durability: { replicas: Number(process.env.GRAPH_DURABLE_REPLICAS), timeoutMs: Number(process.env.GRAPH_DURABLE_TIMEOUT_MS ?? 1000) } }
    : {}),
  // What a log should say: a handle no replica confirmed, a start deferred for want of one, a job lost while cut off from Redis.
  onEvent: (event) => console.log(`  ${process.pid} ${event.type} ${event.jobId} ${event.operation}`),
  customOperations: {
    // Producers enqueue 'custom:archiveTeam' with [teamId]: any spec, by name.
    archiveTeam: ([teamId]) => ({ kind: 'custom.archiveTeam', request: { method: 'POST', url: `/teams/${teamId}/archive`, body: {} } }),
  },
});
worker.on('completed', (job) => console.log(`  ${process.pid} completed ${job.id} ${job.data.operation}`));
worker.on('failed', (job, error) => console.log(`  ${process.pid} failed ${job?.id} ${job?.data.operation}: ${error.message}`));
worker.on('error', () => undefined);
await worker.waitUntilReady();
console.log(`worker ${process.pid} ready`);

const stop = async () => {
  await worker.close(); // finishes its running operations first; SIGKILL would leave them to another worker
  redis.disconnect();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
