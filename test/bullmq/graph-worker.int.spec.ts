import { Queue, QueueEvents, type Job } from 'bullmq';
import Redis from 'ioredis';
import { createGraphClient } from '../../src/client';
import { addGraphJob, cancelGraphJob, createGraphWorker, redisRequestLimiter, type GraphJobData } from '../../src/bullmq';
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
