import { Queue, QueueEvents } from 'bullmq';
import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import type { GraphJobData } from 'rx-graph-lro/bullmq';
import { GraphSimulator } from 'rx-graph-lro/testing';
import { describeWithRedis, startRedis } from '../helpers/redis';
import { cancel, produce, startWorker } from './graph-jobs';

// The BullMQ guide's producer and worker (graph-jobs.ts), against a Redis of this test's own and the simulator.
describeWithRedis('the BullMQ guide: a producer and a worker', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const sim = new GraphSimulator();
  beforeAll(async () => {
    redis = await startRedis();
    await sim.start();
  });
  afterAll(async () => {
    await sim.stop();
    await redis?.stop();
  });

  it('runs the jobs the producer adds, through the shared budget, and cancels one no longer wanted', async () => {
    const connection = { host: '127.0.0.1', port: redis.port };
    const { stop } = startWorker(connection, { baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });
    const queue = new Queue<GraphJobData>('graph', { connection });
    const events = new QueueEvents('graph', { connection });
    try {
      const quick = { poll: { intervalMs: 10 } };
      const team = await lastValueFrom(createGraphClient({ baseUrl: sim.baseUrl, token: 'token' }).teams.create({ displayName: 'Launch' }, quick).pipe(result()));
      const jobs = await produce(queue, String(team['id']));
      const results = await Promise.all(jobs.map((job) => job.waitUntilFinished(events, 20_000)));

      expect(results[0]).toMatchObject({ name: 'Copy of Reports' });
      expect(results[1]).toMatchObject({ persistChanges: true });
      expect(sim.requests.some((r) => r.method === 'POST' && /\/teams\/[^/]+\/archive$/.test(r.path))).toBe(true);

      const [unwanted] = await produce(queue, String(team['id']));
      await cancel(queue, unwanted!);
      const gone = async () => {
        const job = await queue.getJob(unwanted!.id!);
        return job === undefined || (await job.isFailed()); // removed while waiting, or failed as cancelled where it ran
      };
      while (!(await gone())) await new Promise((resolve) => setTimeout(resolve, 20));
      const cancelled = await queue.getJob(unwanted!.id!);
      expect(cancelled === undefined || /cancel/i.test(cancelled.failedReason)).toBe(true);
    } finally {
      await events.close();
      await queue.close();
      await stop();
    }
  });
});
