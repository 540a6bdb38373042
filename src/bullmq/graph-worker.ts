import { asyncScheduler, concatMap, filter, lastValueFrom, map, type Observable } from 'rxjs';
import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job, type WorkerOptions } from 'bullmq';
import type { GraphClient, OperationEvent, OperationHandle, OperationOptions } from 'rx-graph-lro';
import { isGraphLroError } from '../core/errors/is-graph-lro-error.js';
import { errorKinds } from '../core/errors/graph-lro-error.js';
import { redactSecrets } from '../core/errors/redaction.js';
import { isIdempotentStart, isKnownOperation, kindArguments, type CustomOperation } from './graph-operations.js';
import type { GraphJobData, GraphJobError, GraphJobProgress } from './graph-job.js';
import { decodeGraphJob, type StoredGraphJob } from './graph-job-codec.js';
import { checkJobLimits, jobOptions, type GraphJobLimits } from './job-limits.js';
import { cancelChannel } from './graph-queue.js';
import { checkDurability, checkSentinelConnection, type GraphJobDurability } from './durability.js';
import { jobWrites, type JobWrites, type ScriptClient } from './job-writes.js';
import { checkFunction } from '../core/policy/validation.js';

/**
 * Options of {@link createGraphWorker}.
 *
 * @public
 */
export interface GraphWorkerOptions {
  /** The BullMQ queue the producer adds to. */
  readonly queueName: string;
  /**
   * BullMQ's Redis connection: ioredis' options (or an ioredis client). A
   * Sentinel group as ioredis and BullMQ take it:
   * `{ sentinels: [{ host, port }, …], name: 'mymaster' }`; the worker's connections (BullMQ's,
   * and the worker's own for cancels and replica waits, duplicates of it)
   * find the primary through the sentinels, and again after a failover.
   */
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
  /**
   * How many Redis replicas must have a job's start marker before a start
   * that is not idempotent is sent, and its handle before the job counts
   * it durable (see {@link GraphJobDurability}). Turn it on when Redis has
   * replicas that a failover may promote.
   * @defaultValue `{ replicas: 1, timeoutMs: 1000 }` when `connection` names `sentinels`; otherwise `{ replicas: 0 }` (off: one Redis, no replica to wait for)
   */
  readonly durability?: GraphJobDurability;
  /**
   * Called with what the worker did that a log should say: a handle no
   * replica confirmed, a start deferred for want of one, a job the worker
   * lost (its lock expired: it was cut off from Redis) and stopped. Plain
   * objects, never a token; a hook that throws is ignored.
   * @example
   * ```ts
   * createGraphWorker({ queueName, connection, graph, onEvent: (event) => logger.warn(event) });
   * // { type: 'job.notDurable', jobId: '42', operation: 'driveItem.copy', replicas: 0, wanted: 1, timeoutMs: 1000 }
   * ```
   * @defaultValue none
   */
  readonly onEvent?: (event: GraphWorkerEvent) => void;
}

/**
 * What a worker tells `onEvent`.
 *
 * - `job.notDurable`: Graph accepted the job's operation, and fewer than
 *   `wanted` replicas confirmed its handle within `timeoutMs` (`replicas`
 *   did): a failover now may lose it.
 * - `job.startDeferred`: fewer than `wanted` replicas confirmed the start
 *   marker of a start that is not idempotent: the start was not sent, and
 *   the job waits `retryInMs` before it is tried again.
 * - `job.lost`: the job is no longer this worker's (its lock expired while
 *   the worker was cut off from Redis, and another worker may have taken
 *   it): the worker stopped its operation and recorded nothing.
 * - `worker.error`: BullMQ reported an error it recovers from on its own (a
 *   dropped Redis connection, which it makes again; a lock another worker
 *   now holds). Its `name` and `message` only.
 *
 * @public
 */
export type GraphWorkerEvent =
  | { readonly type: 'job.notDurable'; readonly jobId: string; readonly operation: string; readonly replicas: number; readonly wanted: number; readonly timeoutMs: number }
  | { readonly type: 'job.startDeferred'; readonly jobId: string; readonly operation: string; readonly replicas: number; readonly wanted: number; readonly retryInMs: number }
  | { readonly type: 'job.lost'; readonly jobId: string; readonly operation: string }
  | { readonly type: 'worker.error'; readonly name: string; readonly message: string };

/** What every job of a worker runs with. */
interface WorkerContext {
  readonly graph: GraphClient;
  readonly custom: Readonly<Record<string, CustomOperation>>;
  readonly limits: Required<GraphJobLimits>;
  readonly durability: Required<GraphJobDurability>;
  readonly writes: () => Promise<JobWrites>;
  readonly emit: (event: GraphWorkerEvent) => void;
}

/** The reason a job's signal is aborted with when BullMQ could not renew its lock. */
const LOCK_LOST = 'the worker lost the job: its lock expired';

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
 *   accepted (or whose handle a Redis failover lost) is started again only
 *   if its start is idempotent; otherwise it fails, saying why (the change
 *   may have been applied): `StartOutcomeUnknownError: …`. So does a start
 *   whose own request got no answer, at once:
 *   `NetworkError: the start was sent and its outcome is unknown (…)`.
 * - The worker writes a job (its data, its progress) only while it holds
 *   the job's lock, checked by Redis in the same step. A worker cut off
 *   from Redis long enough for its lock to expire, whose job another worker
 *   took, stops the operation when it is back and records nothing; BullMQ
 *   refuses its completion too. Only one result is recorded.
 * - With `durability`, a start that is not idempotent is sent only once
 *   replicas have its marker, and the job's progress says whether they
 *   confirmed its handle (see {@link GraphJobDurability}).
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
  checkSentinelConnection(options.connection);
  const durability = checkDurability(options.durability, options.connection);
  checkFunction('onEvent', options.onEvent);
  let writes: Promise<JobWrites> | undefined;
  const context: WorkerContext = {
    graph,
    custom: customOperations,
    limits,
    durability,
    writes: () => (writes ??= openWrites(worker, durability)),
    emit: (event) => {
      try {
        options.onEvent?.(event);
      } catch {
        // a hook that throws is ignored
      }
    },
  };
  const worker: Worker<GraphJobData, unknown> = new Worker<GraphJobData, unknown>(options.queueName, (job, token, signal) => runJob(context, job, token, signal), {
    ...options.workerOptions,
    connection: options.connection,
    concurrency: options.concurrency ?? 50,
  });
  // BullMQ emits 'error' for what it recovers from itself (a connection it makes again, a lock that is
  // another worker's now). With no listener Node throws it, and the process ends mid-failover.
  worker.on('error', (error: unknown) => context.emit(workerError(error)));
  // A lock BullMQ could not renew is another worker's, or soon will be: stop the operation rather than poll for nothing.
  worker.on('lockRenewalFailed', (jobIds: string[]) => jobIds.forEach((id) => worker.cancelJob(id, LOCK_LOST)));
  listenForCancels(worker, options, context.emit);
  return worker;
}

/** The worker's job writes: on BullMQ's connection, and those that wait for replicas on a duplicate of it. */
async function openWrites(worker: Worker<GraphJobData, unknown>, durability: Required<GraphJobDurability>): Promise<JobWrites> {
  // BullMQ's connection is an ioredis client.
  const client = (await worker.client) as unknown as ScriptClient & { duplicate(): ScriptClient & { disconnect(): void; on(event: 'error', listener: () => void): unknown } };
  if (durability.replicas === 0) return jobWrites(client);
  const own = client.duplicate();
  own.on('error', () => undefined); // it reconnects on its own
  worker.on('closed', () => own.disconnect());
  return jobWrites(client, { client: own, wait: durability });
}

async function runJob(context: WorkerContext, job: Job<GraphJobData, unknown>, token: string | undefined, signal: AbortSignal | undefined): Promise<unknown> {
  const { graph, custom, limits, durability } = context;
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
  const writes = await context.writes();
  const jobId = job.id ?? '';
  // Set once the job is found to be another worker's: said once, and nothing more is written.
  let gone: Error | undefined;
  const lost = (): Error => {
    if (!gone) {
      context.emit({ type: 'job.lost', jobId, operation: name });
      gone = new UnrecoverableError(`this worker no longer holds job ${jobId} (its lock expired, and another worker may run it): it stopped the operation and recorded nothing`);
    }
    return gone;
  };
  /** Writes the job's data while it is this worker's; `replicated`: and waits for the replicas. */
  const store = async (next: GraphJobData, replicated = false) => {
    const written = await writes.data(job, token, next, replicated && durability.replicas > 0);
    if (!written.owned) throw lost();
    return written.replicas ?? 0;
  };
  /** Progress is a report, not state: a Redis blip while writing it must not fail the operation; a job that is no longer this worker's stops it. */
  const report = async (progress: GraphJobProgress) => {
    if (!(await writes.progress(job, token, progress as unknown as object).catch(() => true))) throw lost();
  };
  /** Records the failure in the job (while it is this worker's): what the error is, never a token. */
  const recorded = async (error: unknown, thrown: Error = failure(error), record: GraphJobError = describe(error)): Promise<Error> => {
    const owned = await writes.data(job, token, { ...job.data, error: record }, false).then((w) => w.owned, () => true);
    return owned ? thrown : lost();
  };
  let events: Observable<OperationEvent<unknown>>;
  // Whether Graph took the start (a 202, or an answer): until then, a failure of the start has an unknown outcome.
  let accepted = data.handle !== undefined;
  // Whether the replicas confirmed this attempt's handle (with durability on); undefined: not asked.
  let durable: boolean | undefined;
  if (data.handle) {
    // Accepted before: resume from the handle; the start is never sent twice.
    events = graph.resume(data.handle as unknown as OperationHandle, customOperation?.(data.args), options);
  } else {
    if (data.startSent && !idempotent) {
      const record: GraphJobError = { name: 'StartOutcomeUnknownError', code: 'handleMissing', message: startSentWithoutHandle(name) };
      throw await recorded(undefined, new UnrecoverableError(`${record.name}: ${record.message}`), record);
    }
    const start = customOperation
      ? () => graph.operation(customOperation(data.args), { ...options, ...(idempotent ? { idempotent } : {}) })
      : () => graph.run(name, kindArguments(name, data.args), { ...options, ...(idempotent ? { idempotent } : {}) });
    // The marker goes before the start. A start that must not be sent twice waits for the replicas to have it:
    // a failover that lost it would let another worker send the start again.
    const replicas = await store({ ...job.data, startSent: true }, !idempotent);
    if (!idempotent && durability.replicas > 0 && replicas < durability.replicas) {
      // Not sent: say so, clear the marker, and try again later without spending an attempt.
      context.emit({ type: 'job.startDeferred', jobId, operation: name, replicas, wanted: durability.replicas, retryInMs: durability.timeoutMs });
      await store({ ...job.data, startSent: false });
      await report({ status: 'startDeferred', durable: false });
      await job.log(`start deferred: ${replicas} of ${durability.replicas} replicas confirmed its marker within ${durability.timeoutMs} ms; the start was not sent`).catch(() => undefined);
      // BullMQ's delays are on the wall clock.
      await job.moveToDelayed(asyncScheduler.now() + durability.timeoutMs, token);
      throw new DelayedError();
    }
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
          if (event.type === 'accepted' && event.handle) {
            const replicas = await store({ ...job.data, startSent: true, handle: event.handle }, true);
            if (durability.replicas > 0) {
              durable = replicas >= durability.replicas;
              if (!durable) {
                context.emit({ type: 'job.notDurable', jobId, operation: name, replicas, wanted: durability.replicas, timeoutMs: durability.timeoutMs });
                await report({ status: 'accepted', durable });
                await job.log(`handle not durable: ${replicas} of ${durability.replicas} replicas confirmed it within ${durability.timeoutMs} ms`).catch(() => undefined);
              }
            }
          }
          if (event.type === 'status') {
            await report({
              status: event.status,
              ...(event.percentageComplete !== undefined ? { percentageComplete: event.percentageComplete } : {}),
              ...(durable !== undefined ? { durable } : {}),
            });
          }
          return event;
        }),
        filter((event): event is Extract<OperationEvent<unknown>, { type: 'succeeded' }> => event.type === 'succeeded'),
        map((event) => event.result ?? null),
      ),
    );
  } catch (error) {
    // A write found the job another worker's, or BullMQ could not renew its lock: nothing to record.
    if (gone || (signal?.aborted && signal.reason === LOCK_LOST)) throw lost();
    if (!accepted && isNetworkFailure(error)) {
      // This attempt's own start got no answer: Graph may have applied it.
      if (!idempotent) throw await recorded(error, startOutcomeUnknown(name, error));
    } else if (!accepted && describe(error).name === 'AuthenticationError') {
      // No token, or Graph answered 401: the start was not applied, so a later attempt may send it.
      await writes.data(job, token, { ...job.data, startSent: false }, false).catch(() => undefined);
    }
    throw await recorded(error);
  }
}

/** Why a start that is not idempotent, marked sent, with no handle, is not sent again. */
function startSentWithoutHandle(name: string): string {
  return (
    `the start of this ${name} was sent by an earlier attempt and Graph's answer (its handle) was never stored: ` +
    'its worker stopped or lost the job before storing it, or a Redis failover lost it. ' +
    `${name} is not idempotent, so it is not sent again (it may have been applied). Check in Graph, then enqueue it again if it was not.`
  );
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
  // Not the library's (a custom decoder's, BullMQ's): redacted as the library's own errors are, since it goes into Redis.
  return { name: error instanceof Error ? error.name : 'Error', message: redactSecrets(error instanceof Error ? error.message : String(error)) };
}

function failure(error: unknown): Error {
  const described = describe(error);
  const reason = `${described.name}${described.code ? ` (${described.code})` : ''}: ${described.message}`;
  return RETRYABLE.has(described.name) ? new Error(reason) : new UnrecoverableError(reason);
}

/** An error BullMQ or Redis reported, as `onEvent` is told it: its name and message, nothing else it may hold. */
function workerError(error: unknown, what = ''): GraphWorkerEvent {
  const { name, message } = describe(error);
  return { type: 'worker.error', name, message: `${what}${message}` };
}

interface PubSub {
  subscribe(channel: string): Promise<unknown>;
  on(event: string, listener: (...args: never[]) => void): unknown;
  disconnect(): void;
}

/**
 * Cancels from producers arrive on a Redis channel: the worker running the job aborts it. The listener is a
 * connection of its own, made once BullMQ's is; a worker closed before that makes none, and one closed while
 * it subscribes drops it (its subscribe then fails with "Connection is closed.", which is no error of ours).
 */
function listenForCancels(worker: Worker<GraphJobData, unknown>, options: GraphWorkerOptions, emit: (event: GraphWorkerEvent) => void): void {
  let closing = false;
  let subscriber: PubSub | undefined;
  worker.on('closing', () => {
    closing = true;
    subscriber?.disconnect();
  });
  worker.client
    .then((connection) => {
      if (closing) return undefined;
      // BullMQ's connection is an ioredis client: a duplicate of it listens.
      subscriber = (connection as unknown as { duplicate(): PubSub }).duplicate();
      subscriber.on('error', () => undefined); // it reconnects, and subscribes again, on its own
      subscriber.on('message', (_channel: string, jobId: string) => worker.cancelJob(jobId, 'cancelled by the producer'));
      return subscriber.subscribe(cancelChannel(options.queueName));
    })
    .catch((error: unknown) => {
      if (!closing) emit(workerError(error, 'cancels from producers will not arrive: '));
    });
}
