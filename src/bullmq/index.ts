// Graph operations as durable BullMQ jobs on Redis (bullmq is an optional peer dependency)
export { createGraphWorker } from './graph-worker.js';
export type { GraphWorkerOptions, GraphWorkerEvent } from './graph-worker.js';
export type { GraphJobDurability } from './durability.js';
export { DEFAULT_JOB_LIMITS } from './job-limits.js';
export type { GraphJobLimits, GraphJobOption } from './job-limits.js';
export { addGraphJob, cancelGraphJob } from './graph-queue.js';
export type { GraphJobData, GraphJobError, GraphJobProgress } from './graph-job.js';
export type { CustomOperation } from './graph-operations.js';
export { redisRequestLimiter } from './redis-request-limiter.js';
export type { RedisRequestLimiterOptions, RedisEvalClient } from './redis-request-limiter.js';
