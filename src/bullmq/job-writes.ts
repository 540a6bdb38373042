import type { Job } from 'bullmq';

/** The slice of an ioredis client the worker writes jobs with (BullMQ's connection, or a duplicate of it). */
export interface ScriptClient {
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  on(event: 'connect', listener: () => void): unknown;
}

// A worker writes a job only while it holds the job's lock: the lock's token
// is checked and the field written in one script run, so a worker whose lock
// expired (it was cut off from Redis, or stalled) and whose job another
// worker took cannot overwrite what that worker wrote, even with writes it
// sent before the partition and Redis receives after it heals. BullMQ's own
// updateData and updateProgress do not check the lock; its moveToCompleted,
// moveToFailed and moveToDelayed do.
// ARGV[1] is the token ('' when there is none: no check, as BullMQ's '0').

/** KEYS: the job's hash. ARGV: token, data (JSON) → 1 written, 0 not this worker's job. */
const WRITE_DATA = `
if ARGV[1] ~= '' and redis.call('GET', KEYS[1] .. ':lock') ~= ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'data', ARGV[2])
return 1
`;

/**
 * KEYS: the job's hash, the queue's event stream, its meta hash. ARGV:
 * token, progress (JSON), job id → 1 written, 0 not this worker's job. The
 * event is the one BullMQ's updateProgress adds, so `QueueEvents`'
 * `progress` listeners hear it.
 */
const WRITE_PROGRESS = `
if ARGV[1] ~= '' and redis.call('GET', KEYS[1] .. ':lock') ~= ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'progress', ARGV[2])
local maxEvents = redis.call('HGET', KEYS[3], 'opts.maxLenEvents') or 10000
redis.call('XADD', KEYS[2], 'MAXLEN', '~', maxEvents, '*', 'event', 'progress', 'jobId', ARGV[3], 'data', ARGV[2])
return 1
`;

/** How many replicas must have a write, and how long to wait for them. */
export interface ReplicaWait {
  readonly replicas: number;
  readonly timeoutMs: number;
}

/** What a write of a job's data did. */
export interface DataWritten {
  /** False: the job is no longer this worker's (its lock expired, or another worker holds it); nothing was written. */
  readonly owned: boolean;
  /** With a replica wait: how many replicas confirmed it (and every write before it) within the wait. */
  readonly replicas?: number;
}

/** The worker's writes to the jobs it runs. */
export interface JobWrites {
  /** Writes the job's data (and `job.data`) if the job is still this worker's; with `replicated`, then waits for the replicas. */
  data(job: Job, token: string | undefined, data: unknown, replicated: boolean): Promise<DataWritten>;
  /** Writes the job's progress (and `job.progress`) if the job is still this worker's: false if it is not. */
  progress(job: Job, token: string | undefined, progress: object): Promise<boolean>;
}

/**
 * Job writes on `client` (BullMQ's connection); with `wait`, the writes
 * that must reach replicas go on `replicated`, a connection of their own,
 * each followed by a `WAIT` (a `WAIT` blocks its connection, so BullMQ's
 * lock renewals must not queue behind it).
 */
export function jobWrites(client: ScriptClient, replicated?: { readonly client: ScriptClient; readonly wait: ReplicaWait }): JobWrites {
  const confirming = replicated ? replicaConfirmations(replicated.client, replicated.wait) : undefined;
  return {
    data: async (job, token, data, replicate) => {
      const json = JSON.stringify(data);
      const args = [jobKey(job), token ?? '', json] as const;
      if (!(replicate && confirming)) {
        const owned = Number(await client.eval(WRITE_DATA, 1, ...args)) === 1;
        if (owned) job.data = data;
        return { owned };
      }
      const written = await confirming.write(WRITE_DATA, 1, args);
      if (Number(written.answer) !== 1) return { owned: false };
      job.data = data;
      return { owned: true, replicas: await confirming.confirm(written) };
    },
    progress: async (job, token, progress) => {
      const owned = Number(await client.eval(WRITE_PROGRESS, 3, jobKey(job), `${job.queueQualifiedName}:events`, `${job.queueQualifiedName}:meta`, token ?? '', JSON.stringify(progress), job.id ?? '')) === 1;
      if (owned) job.progress = progress;
      return owned;
    },
  };
}

const jobKey = (job: Job) => `${job.queueQualifiedName}:${job.id ?? ''}`;

/** A write on a connection whose writes are confirmed by `WAIT`: its place in the connection's order, and which connection answered it. */
interface SentWrite {
  readonly answer: unknown;
  readonly seq: number;
  readonly epoch: number;
}

/**
 * Writes confirmed by replicas, one `WAIT` for many: a `WAIT` answers for
 * every write its connection sent before it, so a write joins the latest
 * `WAIT` if that was sent after it, and otherwise sends one. While a `WAIT`
 * blocks (replicas are slow or gone), the writes behind it pile up and the
 * next `WAIT` answers for them all, so confirming costs at most two waits,
 * however many jobs write at once.
 *
 * A `WAIT` counts the writes of its own connection: if the connection was
 * made again between a write and the `WAIT`'s answer (ioredis reconnects
 * and sends again what was unanswered, to a promoted replica after a
 * failover), the answer says nothing about the write, which may have been
 * lost with the old primary, and it counts as confirmed by none.
 */
function replicaConfirmations(client: ScriptClient, wait: ReplicaWait) {
  let sent = 0;
  let epoch = 0;
  let latest: { readonly covers: number; readonly answer: Promise<{ replicas: number; epoch: number }> } | undefined;
  client.on('connect', () => void epoch++);
  return {
    write: async (script: string, keys: number, args: readonly (string | number)[]): Promise<SentWrite> => {
      const seq = ++sent;
      const answer = await client.eval(script, keys, ...args);
      return { answer, seq, epoch };
    },
    confirm: async (write: SentWrite): Promise<number> => {
      if (!latest || latest.covers < write.seq) {
        latest = {
          covers: sent,
          answer: client.call('WAIT', wait.replicas, wait.timeoutMs).then(
            (replicas) => ({ replicas: Number(replicas), epoch }),
            // A replica cannot WAIT (the connection reached a demoted primary): confirmed by none.
            () => ({ replicas: 0, epoch }),
          ),
        };
      }
      const answered = await latest.answer;
      return answered.epoch === write.epoch ? answered.replicas : 0;
    },
  };
}
