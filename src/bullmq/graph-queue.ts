import type { Job, JobsOptions, Queue } from 'bullmq';
import type { GraphJobData } from './graph-job.js';

/** The Redis channel on which a queue's cancels travel to its workers. */
export function cancelChannel(queueName: string): string {
  return `rx-graph-lro:${queueName}:cancel`;
}

/**
 * Adds a Graph operation to a BullMQ queue as a job: any operation the
 * client knows, by name, with the arguments its method takes (JSON), or a
 * custom one the workers registered (`custom:{name}`).
 *
 * @example
 * ```ts
 * const queue = new Queue<GraphJobData>('graph', { connection });
 * const job = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01FOLDER', { name: 'Copy of Reports' }]);
 * ```
 * @public
 */
export function addGraphJob(
  queue: Queue<GraphJobData>,
  operation: string,
  args: readonly unknown[],
  options: { readonly idempotent?: boolean; readonly job?: JobsOptions } = {},
): Promise<Job<GraphJobData>> {
  if (typeof operation !== 'string' || operation === '') throw new TypeError('addGraphJob needs an operation name such as driveItem.copy');
  if (!Array.isArray(args)) throw new TypeError('addGraphJob needs the arguments as an array');
  const data: GraphJobData = { operation, args: JSON.parse(JSON.stringify(args)) as unknown[], ...(options.idempotent !== undefined ? { idempotent: options.idempotent } : {}) };
  return queue.add(operation, data, options.job) as Promise<Job<GraphJobData>>;
}

/**
 * Cancels a Graph job: a waiting job is removed; a running one is told to
 * its worker, which unsubscribes the operation (aborting the request in
 * flight) and fails the job as cancelled.
 *
 * @example
 * ```ts
 * await cancelGraphJob(queue, job.id!);
 * ```
 * @public
 */
export async function cancelGraphJob(queue: Queue<GraphJobData>, jobId: string): Promise<void> {
  const job = await queue.getJob(jobId);
  if (job && !(await job.isActive())) {
    await job.remove().catch(() => undefined);
    if (!(await queue.getJob(jobId))) return;
  }
  // BullMQ's connection is an ioredis client.
  const client = (await queue.client) as unknown as { publish(channel: string, message: string): Promise<number> };
  await client.publish(cancelChannel(queue.name), jobId);
}
