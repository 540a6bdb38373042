import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis'; // BullMQ's Redis client: npm install bullmq ioredis
import { createGraphClient, type GraphClientOptions } from 'rx-graph-lro';
import { addGraphJob, cancelGraphJob, createGraphWorker, redisRequestLimiter, type GraphJobData } from 'rx-graph-lro/bullmq';

/** Where Redis is: workers and producers share it, and the queue's name. */
export interface RedisAddress {
  readonly host: string; // 'redis.internal'
  readonly port: number; // 6379
}

/** A producer: jobs by operation name, with the arguments the client method takes (JSON). */
export async function produce(queue: Queue<GraphJobData>, teamId: string): Promise<Job<GraphJobData>[]> {
  const copy = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01FOLDER', { name: 'Copy of Reports' }]);
  const session = await addGraphJob(queue, 'workbook.createSession', ['/me/drive/items/01BOOK', { persistChanges: true }]);
  const archive = await addGraphJob(queue, 'custom:archiveTeam', [teamId]); // a spec the workers registered by name
  return [copy, session, archive];
}

/** Later, if a job is no longer wanted: a waiting one is removed, a running one cancelled where it runs. */
export async function cancel(queue: Queue<GraphJobData>, job: Job<GraphJobData>): Promise<void> {
  await cancelGraphJob(queue, job.id!);
}

/** A worker: one call. Run as many processes as you like, on as many machines. */
export function startWorker(redis: RedisAddress, options: GraphClientOptions) {
  const connection = { ...redis, maxRetriesPerRequest: null }; // BullMQ's advice for workers
  const budget = new Redis(connection);
  const graph = createGraphClient({
    ...options, // token: msalTokenSource(…), …
    // One budget for every worker of this tenant, on every machine: a token bucket in Redis.
    requestBudget: redisRequestLimiter({ redis: budget, tenant: 'contoso', limit: 1200, intervalMs: 10_000 }),
  });
  const worker = createGraphWorker({
    queueName: 'graph',
    connection,
    graph,
    concurrency: 50,
    customOperations: { archiveTeam: ([teamId]) => ({ kind: 'custom.archiveTeam', request: { method: 'POST', url: `/teams/${String(teamId)}/archive`, body: {} } }) },
  });
  // On SIGTERM: running operations finish first.
  const stop = async () => {
    await worker.close();
    budget.disconnect();
  };
  return { worker, stop };
}
