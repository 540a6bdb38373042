import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';
import { createGraphClient } from '../../src/client';
import { addGraphJob, cancelGraphJob, createGraphWorker, redisRequestLimiter, type GraphJobData, type GraphWorkerEvent } from '../../src/bullmq';
import { GraphSimulator } from '../../src/testing';
import { describeWithRedis, startRedis } from '../helpers/redis';

const TOKEN = 'bullmq-secret-token-4d2e';
let redis: Awaited<ReturnType<typeof startRedis>>;
let sim: GraphSimulator;
let queue: Queue<GraphJobData>;
let events: QueueEvents;
const closers: (() => Promise<unknown>)[] = [];
let queueName: string;

describeWithRedis('with a real Redis', () => {
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => redis?.stop());

beforeEach(async () => {
  sim = await new GraphSimulator().start();
  queueName = `graph-${Math.random().toString(36).slice(2, 8)}`;
  const connection = { host: '127.0.0.1', port: redis.port };
  queue = new Queue<GraphJobData>(queueName, { connection });
  events = new QueueEvents(queueName, { connection });
  await events.waitUntilReady();
  closers.push(() => queue.close(), () => events.close());
});
afterEach(async () => {
  while (closers.length) await closers.pop()!().catch(() => undefined);
  await sim.stop();
});

const connection = () => ({ host: '127.0.0.1', port: redis.port });
const graphFor = () => createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, poll: { intervalMs: 10, backoffFactor: 1 }, retry: { baseDelayMs: 5 } });
function worker(options: Partial<Parameters<typeof createGraphWorker>[0]> = {}) {
  const w = createGraphWorker({ queueName, connection: connection(), graph: graphFor(), ...options });
  closers.push(() => w.close());
  return w;
}

async function everyRedisValue(): Promise<string> {
  const client = new Redis({ host: '127.0.0.1', port: redis.port });
  try {
    const keys = await client.keys('*');
    const values = await Promise.all(
      keys.map(async (key) => {
        const type = await client.type(key);
        if (type === 'string') return client.get(key);
        if (type === 'hash') return JSON.stringify(await client.hgetall(key));
        if (type === 'list') return JSON.stringify(await client.lrange(key, 0, -1));
        if (type === 'set') return JSON.stringify(await client.smembers(key));
        if (type === 'zset') return JSON.stringify(await client.zrange(key, 0, -1));
        if (type === 'stream') return JSON.stringify(await client.xrange(key, '-', '+'));
        return '';
      }),
    );
    return keys.join('\n') + values.join('\n');
  } finally {
    client.disconnect();
  }
}

describeWithRedis('Graph operations as BullMQ jobs, on a real Redis', () => {
  it('runs a createSession: the handle is stored as soon as Graph accepts, progress is the status, the result is the return value; no token in Redis', async () => {
    worker();
    const job = await addGraphJob(queue, 'workbook.createSession', ['/me/drive/items/01JOB', { persistChanges: true }]);
    const result = await job.waitUntilFinished(events, 20_000);
    expect(result).toEqual({ id: expect.stringMatching(/^session-/), persistChanges: true });
    const done = (await queue.getJob(job.id!)) as Job<GraphJobData>;
    expect(done.data.handle).toMatchObject({ version: 2, kind: 'workbook.createSession', location: expect.stringContaining('/workbook/operations/') });
    expect(done.progress).toEqual({ status: 'succeeded' });
    expect(await everyRedisValue()).not.toContain(TOKEN);
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a job that already holds a handle is resumed, never started again', async () => {
    worker();
    // The handle another worker stored before it died: the operation is already running in Graph.
    const first = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01SRC', { name: 'copy' }]);
    await first.waitUntilFinished(events, 20_000);
    const handle = ((await queue.getJob(first.id!)) as Job<GraphJobData>).data.handle!;
    const posts = sim.requests.filter((r) => r.method === 'POST').length;
    const resumed = await queue.add('driveItem.copy', { operation: 'driveItem.copy', args: ['/me/drive/items/01SRC', {}], startSent: true, handle });
    expect(await resumed.waitUntilFinished(events, 20_000)).toMatchObject({ name: 'copy' });
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(posts);
  });

  it('a start that was sent but never accepted is repeated only when idempotent', async () => {
    worker();
    const copy = await queue.add('driveItem.copy', { operation: 'driveItem.copy', args: ['/me/drive/items/01SRC', {}], startSent: true });
    await expect(copy.waitUntilFinished(events, 20_000)).rejects.toThrow(/not idempotent, so it is not sent again/);
    expect(sim.requests.filter((r) => r.path.endsWith('/copy'))).toHaveLength(0);
    const session = await queue.add('workbook.createSession', { operation: 'workbook.createSession', args: ['/me/drive/items/01S', { persistChanges: false }], startSent: true });
    expect(await session.waitUntilFinished(events, 20_000)).toMatchObject({ persistChanges: false });
  });

  it('a failed operation fails the job with the typed error, never a token', async () => {
    sim.setScript(() => ({ statuses: ['running', 'failed'] }));
    worker();
    const job = await addGraphJob(queue, 'workbook.createSession', ['/me/drive/items/01F', { persistChanges: true }]);
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/OperationFailedError/);
    const failed = (await queue.getJob(job.id!)) as Job<GraphJobData>;
    expect(failed.data.error).toMatchObject({ name: 'OperationFailedError', code: expect.any(String), method: 'GET', url: expect.stringContaining('/operations/') });
    expect(failed.attemptsMade).toBe(1);
    expect(await everyRedisValue()).not.toContain(TOKEN);
  });

  it('cancelGraphJob aborts the running operation: nothing more is sent for it', async () => {
    sim.setScript(() => ({ statuses: ['inProgress'] })); // never finishes
    worker();
    const job = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01LONG', {}]);
    // Wait until Graph accepted it and the handle is in the job.
    for (let i = 0; i < 200 && !((await queue.getJob(job.id!)) as Job<GraphJobData>).data.handle; i++) await new Promise((r) => setTimeout(r, 10));
    await cancelGraphJob(queue, job.id!);
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/cancel/i);
    const after = sim.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.requests.length).toBe(after);
  });

  it('unknown operations and bad arguments fail at once, without retries', async () => {
    worker();
    const unknown = await addGraphJob(queue, 'workbook.explode', []);
    await expect(unknown.waitUntilFinished(events, 20_000)).rejects.toThrow(/unknown operation/);
    const bad = await addGraphJob(queue, 'driveItem.copy', ['not-a-ref', {}]);
    await expect(bad.waitUntilFinished(events, 20_000)).rejects.toThrow(/TypeError/);
    expect(sim.requests).toHaveLength(0);
  });

  describe('the worker owns the limits of what a job may ask', () => {
    const failedAtOnce = async (job: Job<GraphJobData>) => {
      await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow();
      const failed = (await queue.getJob(job.id!)) as Job<GraphJobData>;
      expect(failed.attemptsMade).toBe(1);
      return failed.failedReason;
    };

    it('a job that asks to poll every millisecond for 24.8 days is refused before anything is sent', async () => {
      sim.setScript(() => ({ statuses: ['running'] })); // would never finish: only the bound would end it
      worker();
      const storm = await addGraphJob(queue, 'workbook.addTableRow', ['/me/drive/items/01T', 'Table1', [[1, 2]], { poll: { intervalMs: 1 }, timeoutMs: 2 ** 31 - 1 }], { job: { attempts: 3 } });
      // Main ran it: 610 polls in 2 s, bounded only after 24.8 days.
      expect(await failedAtOnce(storm)).toMatch(/^RangeError: workbook\.addTableRow options\.timeoutMs must be at most this worker's jobLimits\.maxTimeoutMs \(86400000\), not 2147483647/);
      const fast = await addGraphJob(queue, 'workbook.addTableRow', ['/me/drive/items/01T', 'Table1', [[1, 2]], { poll: { intervalMs: 1 }, index: 0 }], { job: { attempts: 3 } });
      expect(await failedAtOnce(fast)).toMatch(/^RangeError: workbook\.addTableRow options\.poll\.intervalMs must be at least this worker's jobLimits\.minPollIntervalMs \(1000\), not 1/);
      await new Promise((r) => setTimeout(r, 200));
      expect(sim.requests).toHaveLength(0);
    });

    it('every operation takes its options in one place, its last argument; what the worker does not allow is refused, not ignored', async () => {
      worker();
      const refused: [string, unknown[], RegExp][] = [
        ['driveItem.copy', ['/me/drive/items/01A', {}, { poll: { maxIntervalMs: 5 } }], /^RangeError: driveItem\.copy options\.poll\.maxIntervalMs must be at least .*\(1000\), not 5/],
        ['driveItem.copy', ['/me/drive/items/01A', {}, { retry: { maxRetries: 100, baseDelayMs: 1 } }], /^TypeError: driveItem\.copy options\.retry is not an option a job may set on this worker \(it allows timeoutMs, poll, idempotent\)/],
        ['driveItem.copy', ['/me/drive/items/01A', {}, { signal: {} }], /^TypeError: driveItem\.copy options\.signal is not an option a job may set/],
        ['driveItem.copy', ['/me/drive/items/01A', {}, { name: 'copy' }], /^TypeError: driveItem\.copy options has no option 'name'/],
        ['driveItem.copy', ['/me/drive/items/01A', {}, {}, { timeoutMs: 1 }], /^RangeError: driveItem\.copy takes 3 arguments at most \(the last, its options\), not 4/],
        ['teams.unarchive', ['team-1', { timeoutMs: 1e12 }], /^RangeError: teams\.unarchive options\.timeoutMs must be a number of milliseconds above 0 up to 2147483647/],
        ['workbook.deleteTableRow', ['/me/drive/items/01T', 'Table1', 0, { sessionId: 's', poll: { intervalMs: 10 } }], /^RangeError: workbook\.deleteTableRow options\.poll\.intervalMs must be at least/],
      ];
      for (const [operation, args, message] of refused) {
        const job = await addGraphJob(queue, operation, args, { job: { attempts: 3 } });
        expect(await failedAtOnce(job)).toMatch(message);
      }
      expect(sim.requests).toHaveLength(0);
    });

    it('options within the limits reach the client: a copy polled at the pace its job asked for', async () => {
      sim.setScript(() => ({ statuses: ['inProgress', 'inProgress', 'inProgress', 'completed'] }));
      worker({ jobLimits: { minPollIntervalMs: 80 } });
      const job = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01P', { name: 'paced' }, { poll: { intervalMs: 80, backoffFactor: 1 }, timeoutMs: 60_000 }]);
      await job.waitUntilFinished(events, 20_000);
      const polls = sim.requests.filter((r) => r.origin === 'monitor').map((r) => r.at);
      expect(polls.length).toBeGreaterThanOrEqual(3);
      // The worker's own client polls every 10 ms; this job asked for 80 (main ignored the argument).
      for (let i = 1; i < polls.length; i++) expect(polls[i]! - polls[i - 1]!).toBeGreaterThanOrEqual(70);
    });

    it('a worker may refuse a producer\'s claim that its start is idempotent', async () => {
      worker({ jobLimits: { allowedOptions: ['timeoutMs'] } });
      const job = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01I', {}], { idempotent: true, job: { attempts: 3 } });
      expect(await failedAtOnce(job)).toMatch(/^TypeError: driveItem\.copy: this worker does not let a job declare its start idempotent/);
      expect(sim.requests).toHaveLength(0);
    });

    it('the limits themselves are checked when the worker is made', () => {
      expect(() => worker({ jobLimits: { minPollIntervalMs: 0 } })).toThrow(new RangeError('jobLimits.minPollIntervalMs must be a number of milliseconds above 0 up to 2147483647, not 0'));
      expect(() => worker({ jobLimits: { maxTimeoutMs: Infinity } })).toThrow(RangeError);
      expect(() => worker({ jobLimits: { allowedOptions: ['signal' as never] } })).toThrow(/jobLimits\.allowedOptions must be an array of 'timeoutMs', 'poll', 'retry', 'idempotent'/);
    });

    it('a job whose data is not a Graph job fails at once, saying what is wrong, and is not retried', async () => {
      worker();
      const bad: [unknown, RegExp][] = [
        [{ operation: 42, args: [] }, /\$\.operation: expected string, got 42/],
        [{ operation: 'driveItem.copy', args: '/me/drive/items/01A' }, /\$\.args: expected ReadonlyArray<unknown>, got "\/me\/drive\/items\/01A"/],
        [{ operation: 'driveItem.copy', args: ['/me/drive/items/01A', {}], handle: 'not-a-handle' }, /\$\.handle: expected UnknownRecord/],
        [{ operation: 'driveItem.copy', args: ['/me/drive/items/01A', {}], startSent: 'yes' }, /\$\.startSent: expected boolean/],
        [[1, 2, 3], /\$: expected \{ operation: string, args: ReadonlyArray<unknown> \}, got \[1,2,3\]/],
      ];
      for (const [data, message] of bad) {
        const job = (await queue.add('bad', data as GraphJobData, { attempts: 3 })) as Job<GraphJobData>;
        const reason = await failedAtOnce(job);
        expect(reason).toMatch(/^DecodeError: job \S+ is not a Graph job \(/);
        expect(reason).toMatch(message);
      }
      expect(sim.requests).toHaveLength(0);
    });
  });

  describe('a failure says what happened', () => {
    it('a start that is not idempotent and met a connection reset fails at once: sent, outcome unknown; never "a worker stopped"', async () => {
      worker();
      sim.inject({ method: 'POST', path: '/copy', times: 1, action: { kind: 'reset' } });
      const job = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01R', { name: 'copy' }], { job: { attempts: 3 } });
      await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow();
      const failed = (await queue.getJob(job.id!)) as Job<GraphJobData>;
      // Main spent a second attempt to say "the worker … stopped after sending its start", though none stopped.
      expect(failed.failedReason).toMatch(/^NetworkError: the start was sent and its outcome is unknown \(POST http:\/\/\S+\/copy: network failure: .+\); driveItem\.copy is not idempotent, so it is not sent again/);
      expect(failed.failedReason).not.toMatch(/stopped/);
      expect(failed.attemptsMade).toBe(1);
      expect(failed.data.error).toMatchObject({ name: 'NetworkError', method: 'POST', url: expect.stringMatching(/\/copy$/) });
      expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    });

    it('an idempotent start that met network failures past the client\'s retries is started again by the job\'s next attempt', async () => {
      worker();
      // The client's own four retries all reset too.
      sim.inject({ method: 'POST', path: '/createSession', times: 5, action: { kind: 'reset' } });
      const job = await addGraphJob(queue, 'workbook.createSession', ['/me/drive/items/01N', { persistChanges: true }], { job: { attempts: 2 } });
      expect(await job.waitUntilFinished(events, 20_000)).toMatchObject({ persistChanges: true });
      expect(((await queue.getJob(job.id!)) as Job<GraphJobData>).attemptsMade).toBe(2);
    });

    it('a start that never left for want of a token is sent by the next attempt, not refused as "sent"', async () => {
      let calls = 0;
      const graph = createGraphClient({
        baseUrl: sim.baseUrl,
        token: () => {
          if (++calls === 1) throw new Error('the identity provider is down');
          return TOKEN;
        },
        poll: { intervalMs: 10, backoffFactor: 1 },
        retry: { baseDelayMs: 5 },
      });
      worker({ graph });
      const job = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01K', { name: 'copy' }], { job: { attempts: 2 } });
      // Main's second attempt said the start was sent and refused to send it.
      expect(await job.waitUntilFinished(events, 20_000)).toMatchObject({ name: 'copy' });
      expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    });
  });

  describe('a worker that no longer holds its job', () => {
    const lockKey = (id: string) => `bull:${queueName}:${id}:lock`;

    it('BullMQ refuses to complete or fail a job with a lock token that is no longer the job\'s', async () => {
      // What the worker relies on: a worker whose lock expired, and whose job another took, cannot record a result.
      const manual = new Worker(queueName, null, { connection: connection(), lockDuration: 10_000 });
      closers.push(() => manual.close());
      const added = await queue.add('x', { operation: 'driveItem.copy', args: [] });
      const job = (await manual.getNextJob('token-first'))!;
      expect(job.id).toBe(added.id);
      const client = new Redis({ host: '127.0.0.1', port: redis.port });
      try {
        await client.set(lockKey(job.id!), 'token-second', 'PX', 10_000); // another worker took it
        await expect(job.moveToCompleted('stale result', 'token-first', false)).rejects.toThrow(/Lock mismatch/);
        await expect(job.moveToFailed(new Error('stale failure'), 'token-first', false)).rejects.toThrow(/Lock mismatch/);
        await client.del(lockKey(job.id!)); // its lock expired, nobody took it yet
        await expect(job.moveToCompleted('stale result', 'token-first', false)).rejects.toThrow(/Missing lock/);
      } finally {
        client.disconnect();
      }
      const after = (await queue.getJob(job.id!))!;
      expect(await after.getState()).toBe('active');
      expect(after.returnvalue).toBeNull();
      expect(after.failedReason).toBeUndefined();
    });

    it('stops its operation at its next write and writes nothing into the job, not its progress, not its data', async () => {
      // Never finishes; each poll a new percentage, so each poll a progress write.
      sim.setScript(() => ({ statuses: Array(5000).fill('inProgress'), percentages: Array.from({ length: 5000 }, (_, i) => i % 100) }));
      const told: GraphWorkerEvent[] = [];
      worker({ onEvent: (event) => told.push(event), workerOptions: { lockDuration: 60_000 } });
      const job = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01LOST', { name: 'copy' }]);
      for (let i = 0; i < 300 && ((await queue.getJob(job.id!)) as Job<GraphJobData>).progress === 0; i++) await new Promise((r) => setTimeout(r, 10));
      const client = new Redis({ host: '127.0.0.1', port: redis.port });
      try {
        // Another worker took the job (the lock expired while this one was cut off): what it wrote is the job's now.
        await client.set(lockKey(job.id!), 'another-worker', 'PX', 60_000);
        await client.hset(`bull:${queueName}:${job.id!}`, 'progress', JSON.stringify({ status: 'theirs' }));
        const theirData = await client.hget(`bull:${queueName}:${job.id!}`, 'data');
        for (let i = 0; i < 300 && !told.some((e) => e.type === 'job.lost'); i++) await new Promise((r) => setTimeout(r, 10));
        expect(told.filter((e) => e.type !== 'worker.error')).toEqual([{ type: 'job.lost', jobId: job.id, operation: 'driveItem.copy' }]);
        // BullMQ's own refusal to finish a job whose lock is another's is told too, not thrown at the process.
        for (const e of told.filter((e) => e.type === 'worker.error')) expect(e).toMatchObject({ message: expect.stringMatching(/^(Lock mismatch|Missing lock) for job /) });
        const polls = sim.requests.length;
        await new Promise((r) => setTimeout(r, 200));
        // The operation stopped (main polled on, and wrote each status over the other worker's progress).
        expect(sim.requests.length).toBe(polls);
        expect(await client.hget(`bull:${queueName}:${job.id!}`, 'progress')).toBe(JSON.stringify({ status: 'theirs' }));
        expect(await client.hget(`bull:${queueName}:${job.id!}`, 'data')).toBe(theirData);
        // Nor did it fail the job: that is the other worker's to do.
        expect(await (await queue.getJob(job.id!))!.getState()).toBe('active');
      } finally {
        client.disconnect();
      }
    });
  });

  describe('when Redis fails under it', () => {
    it('an error BullMQ recovers from (its Redis connection dropped) is told to onEvent, and does not end the process', async () => {
      const told: GraphWorkerEvent[] = [];
      const w = worker({ onEvent: (event) => told.push(event) });
      await w.waitUntilReady();
      // As ioredis reports a dropped connection: BullMQ passes it on as the worker's 'error', which Node throws when nobody listens.
      const client = (await w.client) as unknown as { emit(event: 'error', error: Error): boolean };
      expect(() => client.emit('error', new Error('Connection is closed.'))).not.toThrow();
      expect(told).toEqual([{ type: 'worker.error', name: 'Error', message: 'Connection is closed.' }]);
      // What it tells is redacted as the library's own errors are: a message that quotes a credential does not pass it on.
      client.emit('error', new Error(`proxy refused: Authorization: Bearer ${TOKEN}`));
      expect(told[1]).toEqual({ type: 'worker.error', name: 'Error', message: 'proxy refused: Authorization: Bearer [redacted]' });
      // And the worker goes on working.
      const job = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01E', { name: 'copy' }]);
      await expect(job.waitUntilFinished(events, 20_000)).resolves.toBeDefined();
    });
  });

  describe('durability: waiting for replicas (a single Redis has none)', () => {
    it('a start that is not idempotent is not sent while no replica confirms its marker: the job is deferred and says so', async () => {
      const told: GraphWorkerEvent[] = [];
      worker({ durability: { replicas: 1, timeoutMs: 100 }, onEvent: (event) => told.push(event) });
      const job = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01D', { name: 'copy' }], { job: { attempts: 1 } });
      for (let i = 0; i < 300 && told.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      // Tried twice, 100 ms apart, and deferred each time: no attempt spent, nothing sent.
      expect(told.slice(0, 2)).toEqual([
        { type: 'job.startDeferred', jobId: job.id, operation: 'driveItem.copy', replicas: 0, wanted: 1, retryInMs: 100 },
        { type: 'job.startDeferred', jobId: job.id, operation: 'driveItem.copy', replicas: 0, wanted: 1, retryInMs: 100 },
      ]);
      const deferred = (await queue.getJob(job.id!)) as Job<GraphJobData>;
      expect(deferred.progress).toEqual({ status: 'startDeferred', durable: false });
      expect(deferred.data.startSent).toBe(false);
      expect(deferred.attemptsMade).toBe(0);
      expect((await queue.getJobLogs(job.id!)).logs[0]).toMatch(/^start deferred: 0 of 1 replicas confirmed its marker within 100 ms; the start was not sent$/);
      expect(sim.requests).toHaveLength(0);
    });

    it('an idempotent start goes; its handle, which no replica confirmed, is reported not durable in its progress, its log and onEvent', async () => {
      const told: GraphWorkerEvent[] = [];
      worker({ durability: { replicas: 1, timeoutMs: 50 }, onEvent: (event) => told.push(event) });
      const job = await addGraphJob(queue, 'workbook.createSession', ['/me/drive/items/01N', { persistChanges: true }]);
      expect(await job.waitUntilFinished(events, 20_000)).toMatchObject({ persistChanges: true });
      const done = (await queue.getJob(job.id!)) as Job<GraphJobData>;
      expect(done.progress).toEqual({ status: 'succeeded', durable: false });
      expect(done.data.handle).toBeDefined();
      expect(told).toEqual([{ type: 'job.notDurable', jobId: job.id, operation: 'workbook.createSession', replicas: 0, wanted: 1, timeoutMs: 50 }]);
      expect((await queue.getJobLogs(job.id!)).logs).toEqual(['handle not durable: 0 of 1 replicas confirmed it within 50 ms']);
    });

    it('is off by default with a single Redis: nothing waits, progress has no durable flag', async () => {
      worker();
      const job = await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01O', { name: 'copy' }]);
      await job.waitUntilFinished(events, 20_000);
      expect(((await queue.getJob(job.id!)) as Job<GraphJobData>).progress).toEqual({ status: 'completed', percentageComplete: 100 });
    });

    it('a worker closed at once, before or while its cancel listener subscribes, leaves no connection and no failure behind', async () => {
      const told: GraphWorkerEvent[] = [];
      const client = new Redis({ host: '127.0.0.1', port: redis.port });
      try {
        const listeners = async () => ((await client.pubsub('NUMSUB', `rx-graph-lro:${queueName}:cancel`)) as [string, number])[1];
        for (let i = 0; i < 10; i++) {
          const w = createGraphWorker({ queueName, connection: connection(), graph: graphFor(), onEvent: (event) => told.push(event) });
          if (i % 2) await w.waitUntilReady();
          await w.close();
        }
        // Main made the listener after a close it had missed, and kept it open (jest then never exited),
        // or left its subscribe to reject ("Connection is closed."), unhandled: that failed whichever test ran next.
        await new Promise((r) => setTimeout(r, 200));
        expect(await listeners()).toBe(0);
        expect(told).toEqual([]);
      } finally {
        client.disconnect();
      }
    });

    it('its options, a Sentinel connection and onEvent are checked when the worker is made', () => {
      expect(() => worker({ durability: { replicas: -1 } })).toThrow(new RangeError('durability.replicas must be a whole number from 0 to 100, not -1'));
      expect(() => worker({ durability: { replicas: 1, timeoutMs: 0 } })).toThrow(new RangeError('durability.timeoutMs must be a number of milliseconds above 0 up to 2147483647, not 0'));
      expect(() => worker({ durability: {} as never })).toThrow(new TypeError('durability.replicas is required: how many replicas must confirm (0 turns the wait off)'));
      expect(() => worker({ durability: { replicas: 1, wait: 5 } as never })).toThrow(TypeError);
      expect(() => worker({ connection: { sentinels: [], name: 'mymaster' } })).toThrow(new TypeError('connection.sentinels must be a non-empty array of { host, port }, not an empty array'));
      expect(() => worker({ connection: { sentinels: [{ host: '127.0.0.1', port: 26379 }, { host: '127.0.0.1', port: '26380' as never }], name: 'mymaster' } })).toThrow(
        new TypeError('connection.sentinels must be a non-empty array of { host, port }, not [1]: an object'),
      );
      expect(() => worker({ connection: { sentinels: [{ host: '127.0.0.1', port: 26379 }] } })).toThrow(/^connection\.name must name the Sentinel group/);
      expect(() => worker({ onEvent: 'log' as never })).toThrow(TypeError);
    });
  });

  it('a request budget in Redis is shared: two clients together stay under it', async () => {
    const client = new Redis({ host: '127.0.0.1', port: redis.port });
    try {
      const limiters = [0, 1].map(() => redisRequestLimiter({ redis: client, tenant: `t-${queueName}`, limit: 10, intervalMs: 60_000 }));
      let went = 0;
      const waiting = Array.from({ length: 30 }, (_, i) => limiters[i % 2]!.acquire(() => went++));
      await new Promise((r) => setTimeout(r, 300));
      // 10 per minute, shared: whichever client asks, only 10 go; the rest wait (and give up their places here).
      expect(went).toBe(10);
      waiting.forEach((leave) => leave());
    } finally {
      client.disconnect();
    }
  });
});
});
