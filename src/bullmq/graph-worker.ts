import { concatMap, filter, lastValueFrom, map, type Observable } from 'rxjs';
import { UnrecoverableError, Worker, type ConnectionOptions, type Job, type WorkerOptions } from 'bullmq';
import type { GraphClient, OperationEvent, OperationHandle, OperationOptions } from 'rx-graph-lro';
import { isGraphLroError } from '../core/errors/is-graph-lro-error.js';
import { errorKinds } from '../core/errors/graph-lro-error.js';
import { isIdempotentStart, isKnownOperation, kindArguments, type CustomOperation } from './graph-operations.js';
import type { GraphJobData, GraphJobError, GraphJobProgress } from './graph-job.js';
import { decodeGraphJob, type StoredGraphJob } from './graph-job-codec.js';
import { checkJobLimits, jobOptions, type GraphJobLimits } from './job-limits.js';
import { cancelChannel } from './graph-queue.js';

/**
 * Options of {@link createGraphWorker}.
 *
 * @public
 */
export interface GraphWorkerOptions {
  /** The BullMQ queue the producer adds to. */
  readonly queueName: string;
  /** BullMQ's Redis connection options. */
  readonly connection: ConnectionOptions;
  /** The client the operations run on (its token source, policies, and `requestBudget`, e.g. `redisRequestLimiter`). */
  readonly graph: GraphClient;
  /** Specs of custom operations, by the name producers use (`custom:{name}`). @defaultValue none */
  readonly customOperations?: Readonly<Record<string, CustomOperation>>;
  /** Operations run at once by this worker (they mostly wait). @defaultValue 50 */
  readonly concurrency?: number;
  /**
   * What a job may ask for in its arguments: which per-call options at all,
   * the shortest poll interval, the longest bound. A job asking for more
   * fails before anything is sent. @defaultValue {@link DEFAULT_JOB_LIMITS}:
   * `timeoutMs` up to 24 h, `poll` no faster than 1 s, `idempotent`
   */
  readonly jobLimits?: GraphJobLimits;
  /** Any other BullMQ worker option (`lockDuration`, `stalledInterval`, `maxStalledCount`, …). @defaultValue BullMQ's */
  readonly workerOptions?: Omit<WorkerOptions, 'connection' | 'concurrency'>;
}

/** Errors a later attempt may get past: the job keeps its handle, so a retry resumes rather than starts again. */
const RETRYABLE = new Set(['NetworkError', 'RequestTimeoutError', 'AuthenticationError']);

/**
 * A BullMQ worker that runs Graph operations. For each job it starts the
 * operation (or, when the job already holds a resume handle, resumes it:
 * the job was running on a worker that died), writes the handle into the
 * job **as soon as Graph accepts the operation**, reports each status as
 * the job's progress, and returns the result as the job's return value.
 *
 * - A job is decoded first, and its options (its operation's last
 *   argument) checked against `jobLimits`: a job that is not a Graph job,
 *   or asks for more than the worker allows, fails before anything is sent.
 * - A job whose worker died after sending a start that Graph had not yet
 *   accepted is started again only if its start is idempotent; otherwise
 *   it fails with a message saying why (the change may have been applied).
 *   So does a start whose own request got no answer, at once:
 *   `NetworkError: the start was sent and its outcome is unknown (…)`.
 * - A failed operation fails the job with the typed error's name, code and
 *   request context (`job.data.error`), never a token.
 * - `cancelGraphJob` (or the worker's own `cancelJob`) unsubscribes the
 *   operation: the request in flight is aborted, and the job fails as
 *   cancelled, without retries.
 *
 * @example
 * ```ts
 * const graph = createGraphClient({ token, requestBudget: redisRequestLimiter({ redis, tenant: 'contoso', limit: 1200, intervalMs: 10_000 }) });
 * const worker = createGraphWorker({ queueName: 'graph', connection: { host: '127.0.0.1', port: 6379 }, graph });
 * ```
 * @public
 */
export function createGraphWorker(options: GraphWorkerOptions): Worker<GraphJobData, unknown> {
  const { graph, customOperations = {} } = options;
  const limits = checkJobLimits(options.jobLimits);
  const worker = new Worker<GraphJobData, unknown>(options.queueName, (job, _token, signal) => runJob(graph, customOperations, limits, job, signal), {
    ...options.workerOptions,
    connection: options.connection,
    concurrency: options.concurrency ?? 50,
  });
  listenForCancels(worker, options);
  return worker;
}

async function runJob(
  graph: GraphClient,
  custom: Readonly<Record<string, CustomOperation>>,
  limits: Required<GraphJobLimits>,
  job: Job<GraphJobData, unknown>,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const data = readJob(job);
  const name = data.operation;
  const customName = name.startsWith('custom:') ? name.slice('custom:'.length) : undefined;
  const customOperation = customName !== undefined ? custom[customName] : undefined;
  if (customName !== undefined && !customOperation) throw new UnrecoverableError(`this worker knows no custom operation '${customName}'`);
  if (!customOperation && !isKnownOperation(name)) throw new UnrecoverableError(`unknown operation '${name}'`);
  let asked: OperationOptions;
  try {
    // The worker's limits, before anything is sent: a job cannot poll every millisecond for 24 days.
    asked = jobOptions(name, data.args, data.idempotent, limits);
  } catch (error) {
    throw failure(error);
  }
  const options: OperationOptions = { ...asked, ...(signal ? { signal } : {}) };
  const idempotent = data.idempotent ?? asked.idempotent ?? isIdempotentStart(name);
  let events: Observable<OperationEvent<unknown>>;
  // Whether Graph took the start (a 202, or an answer): until then, a failure of the start has an unknown outcome.
  let accepted = data.handle !== undefined;
  if (data.handle) {
    // Accepted before: resume from the handle; the start is never sent twice.
    events = graph.resume(data.handle as unknown as OperationHandle, customOperation?.(data.args), options);
  } else {
    if (data.startSent && !idempotent) {
      throw new UnrecoverableError(
        `the worker that ran this ${name} stopped after sending its start request and before Graph accepted it; ` +
          'the start is not idempotent, so it is not sent again (it may have been applied). Check in Graph, then enqueue it again if it was not.',
      );
    }
    const start = customOperation
      ? () => graph.operation(customOperation(data.args), { ...options, ...(idempotent ? { idempotent } : {}) })
      : () => graph.run(name, kindArguments(name, data.args), { ...options, ...(idempotent ? { idempotent } : {}) });
    await job.updateData({ ...job.data, startSent: true });
    try {
      events = start();
    } catch (error) {
      // Arguments refused before anything was sent: nothing to retry.
      throw failure(error);
    }
  }
  try {
    return await lastValueFrom(
      events.pipe(
        concatMap(async (event) => {
          accepted = true;
          if (event.type === 'accepted' && event.handle) await job.updateData({ ...job.data, startSent: true, handle: event.handle });
          if (event.type === 'status') {
            const progress: GraphJobProgress = event.percentageComplete === undefined ? { status: event.status } : { status: event.status, percentageComplete: event.percentageComplete };
            // Progress is a report, not state: a Redis blip while writing it must not fail the operation.
            await job.updateProgress(progress as unknown as object).catch(() => undefined);
          }
          return event;
        }),
        filter((event): event is Extract<OperationEvent<unknown>, { type: 'succeeded' }> => event.type === 'succeeded'),
        map((event) => event.result ?? null),
      ),
    );
  } catch (error) {
    if (!accepted && isNetworkFailure(error)) {
      // This attempt's own start got no answer: Graph may have applied it.
      if (!idempotent) throw await recorded(job, error, startOutcomeUnknown(name, error));
    } else if (!accepted && describe(error).name === 'AuthenticationError') {
      // No token, or Graph answered 401: the start was not applied, so a later attempt may send it.
      await job.updateData({ ...job.data, startSent: false }).catch(() => undefined);
    }
    throw await recorded(job, error);
  }
}

/** The job's data, decoded: a job that is not a Graph job fails at once, saying what is wrong, instead of being retried. */
function readJob(job: Job<GraphJobData, unknown>): StoredGraphJob {
  try {
    return decodeGraphJob(job.data);
  } catch (error) {
    const problems = (error as { problems?: readonly string[] }).problems ?? [String(error)];
    throw new UnrecoverableError(`DecodeError: job ${job.id ?? ''} is not a Graph job (${problems.slice(0, 3).join('; ')}); it is not run`);
  }
}

/** A `NetworkError` or `RequestTimeoutError`: the request may have reached Graph. */
function isNetworkFailure(error: unknown): boolean {
  return errorKinds(error)?.includes('NetworkError') ?? false;
}

/** A start that got no answer, of an operation that must not be sent twice: final, and saying so. */
function startOutcomeUnknown(name: string, error: unknown): UnrecoverableError {
  const described = describe(error);
  return new UnrecoverableError(
    `${described.name}${described.code ? ` (${described.code})` : ''}: the start was sent and its outcome is unknown (${described.message}); ` +
      `${name} is not idempotent, so it is not sent again. Check in Graph, then enqueue it again if it was not applied.`,
  );
}

/** The job's record of a typed error: name, code, request context; nothing else. */
function describe(error: unknown): GraphJobError {
  if (isGraphLroError(error)) {
    return {
      name: error.name,
      message: error.message,
      ...(error.code !== undefined ? { code: error.code } : {}),
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.method !== undefined ? { method: error.method } : {}),
      ...(error.url !== undefined ? { url: error.url } : {}),
    };
  }
  return { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) };
}

function failure(error: unknown): Error {
  const described = describe(error);
  const reason = `${described.name}${described.code ? ` (${described.code})` : ''}: ${described.message}`;
  return RETRYABLE.has(described.name) ? new Error(reason) : new UnrecoverableError(reason);
}

async function recorded(job: Job<GraphJobData, unknown>, error: unknown, thrown: Error = failure(error)): Promise<Error> {
  await job.updateData({ ...job.data, error: describe(error) }).catch(() => undefined);
  return thrown;
}

interface PubSub {
  subscribe(channel: string): Promise<unknown>;
  on(event: string, listener: (...args: never[]) => void): unknown;
  disconnect(): void;
}

/** Cancels from producers arrive on a Redis channel: the worker running the job aborts it. */
function listenForCancels(worker: Worker<GraphJobData, unknown>, options: GraphWorkerOptions): void {
  void worker.client.then(async (connection) => {
    // BullMQ's connection is an ioredis client: a duplicate of it listens.
    const subscriber = (connection as unknown as { duplicate(): PubSub }).duplicate();
    worker.on('closing', () => subscriber.disconnect());
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, jobId: string) => worker.cancelJob(jobId, 'cancelled by the producer'));
    await subscriber.subscribe(cancelChannel(options.queueName));
  });
}
