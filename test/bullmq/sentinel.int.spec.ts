import { Queue, type Job } from 'bullmq';
import { createGraphClient } from '../../src/client';
import { addGraphJob, createGraphWorker, type GraphJobData, type GraphWorkerEvent } from '../../src/bullmq';
import { GraphSimulator } from '../../src/testing';
import { describeWithSentinel, startSentinelGroup, type SentinelGroup } from '../helpers/redis';
import { appliedStarts, isNonIdempotentStart, MIX, mixScript, redisText, startWorkerProcess, until, WORKER_TOKEN, type WorkerProcess } from '../helpers/bullmq-workers';

// Redis as production runs it: a primary, a replica, three sentinels
// (Debian's redis-server and redis-sentinel, started here on free loopback
// ports), and workers that find the primary through the sentinels.

jest.setTimeout(90_000);

describeWithSentinel('BullMQ on a Sentinel group (a primary, a replica, three sentinels)', () => {
  let group: SentinelGroup | undefined;
  let sim: GraphSimulator | undefined;
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!().catch(() => undefined);
    await sim?.stop();
    await group?.stop();
    group = undefined;
  });

  it('a worker and a producer connect through the sentinels; a replica confirms each handle, so the job reports it durable (the default with Sentinel)', async () => {
    group = await startSentinelGroup();
    sim = await new GraphSimulator().start();
    const connection = { sentinels: [...group.sentinels], name: group.name, maxRetriesPerRequest: null };
    const queueName = `sentinel-${Math.random().toString(36).slice(2, 8)}`;
    const queue = new Queue<GraphJobData>(queueName, { connection });
    closers.push(() => queue.close());
    const told: GraphWorkerEvent[] = [];
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: WORKER_TOKEN, poll: { intervalMs: 10, backoffFactor: 1 } });
    const worker = createGraphWorker({ queueName, connection, graph, onEvent: (event) => told.push(event) });
    closers.push(() => worker.close());
    const jobs = [
      await addGraphJob(queue, 'driveItem.copy', ['/me/drive/items/01S', { name: 'copy' }]),
      await addGraphJob(queue, 'workbook.createSession', ['/me/drive/items/01W', { persistChanges: true }]),
    ];
    await until(20_000, 'both jobs to complete', async () => (await queue.getJobCounts('completed')).completed === 2);
    for (const job of jobs) {
      const done = (await queue.getJob(job.id!)) as Job<GraphJobData>;
      expect(done.progress).toMatchObject({ durable: true });
      expect(done.data.handle).toBeDefined();
    }
    expect(told).toEqual([]);
    // The replica has them: what the primary holds, it holds.
    const [primary] = group.nodes;
    const replicaText = await redisText(group.nodes[1]!.port);
    expect(replicaText).toContain(jobs[0]!.id!);
    expect(replicaText).not.toContain(WORKER_TOKEN);
    expect(await redisText(primary!.port)).not.toContain(WORKER_TOKEN);
  });

  it('failover in the middle of 300 mixed jobs under chaos (the primary killed with writes its replica never got, a worker killed with it): none lost, no start that is not idempotent applied twice, no token on any node', async () => {
    const TOTAL = 300;
    group = await startSentinelGroup();
    sim = await new GraphSimulator({
      chaos: { seed: 11, gatewayTimeout: 0.02, throttle: 0.03, retryAfter: '0.02', reset: 0.01 },
      maxLoggedRequests: 200_000,
      script: mixScript(6),
    }).start();
    const connection = { sentinels: [...group.sentinels], name: group.name };
    const queueName = `failover-${Math.random().toString(36).slice(2, 8)}`;
    const queue = new Queue<GraphJobData>(queueName, { connection: { ...connection, maxRetriesPerRequest: null } });
    queue.on('error', () => undefined);
    closers.push(() => queue.close());
    const workers: WorkerProcess[] = [];
    closers.push(async () => workers.forEach((w) => w.child.exitCode === null && w.child.kill('SIGKILL')));
    // 25 jobs at once each: jobs start all through the run, during the stall too.
    const options = { connection, durability: { replicas: 1, timeoutMs: 150 }, concurrency: 25 };
    const start = () => startWorkerProcess({ baseUrl: sim!.baseUrl, queueName, perSecond: 2000, options });
    for (let i = 0; i < 3; i++) workers.push(await start());
    const began = Date.now();
    // All at once, so that most are still waiting when replication stalls.
    const added = await queue.addBulk(
      Array.from({ length: TOTAL }, (_, i) => {
        const [operation, args] = MIX[i % MIX.length]!(i);
        return { name: operation, data: { operation, args: args as unknown as unknown[] } };
      }),
    );
    const ids = added.map((job) => job.id!);
    const ended = async () => {
      const counts = await queue.getJobCounts('completed', 'failed');
      return counts.completed! + counts.failed!;
    };
    await until(30_000, 'a fifth of the jobs to end', async () => (await ended()) >= TOTAL / 5);

    // Starts take 300 ms for a while, so that some are in flight, their markers confirmed, when replication stops.
    sim.inject({ method: 'POST', origin: 'graph', times: 60, action: { kind: 'latency', ms: 300 } });
    await new Promise((r) => setTimeout(r, 150));
    group.stallReplication();
    await new Promise((r) => setTimeout(r, 600));
    // The primary dies with what the replica never got (handles among it), and one worker with it.
    const failedOverAt = Date.now();
    group.killPrimary();
    workers[0]!.child.kill('SIGKILL');
    const promoted = await group.failedOver(20_000);
    const failoverMs = Date.now() - failedOverAt;
    await group.rejoin(10_000);
    workers.push(await start());

    await until(60_000, `all ${TOTAL} jobs to end`, async () => (await ended()) >= TOTAL);
    const runMs = Date.now() - began;
    const jobs = (await Promise.all(ids.map((id) => queue.getJob(id)))) as Job<GraphJobData>[];
    const states = await Promise.all(jobs.map((job) => job.getState()));
    const told = workers.flatMap((w) => w.lines);

    const starts = appliedStarts(sim);
    const twice = [...starts].filter(([path, n]) => isNonIdempotentStart(path) && n > 1);
    const notDurable = told.filter((e) => e.type === 'job.notDurable');
    const deferred = new Set(told.filter((e) => e.type === 'job.startDeferred').map((e) => e.jobId!));
    const failed = jobs.filter((_job, i) => states[i] === 'failed');
    const handleLost = failed.filter((job) => job.failedReason.startsWith('StartOutcomeUnknownError:'));
    process.stdout.write(
      `failover: ${TOTAL} jobs in ${(runMs / 1000).toFixed(1)} s; primary killed, ${promoted.port} promoted in ${(failoverMs / 1000).toFixed(1)} s; ` +
        `${states.filter((s) => s === 'completed').length} completed, ${failed.length} failed (${handleLost.length} StartOutcomeUnknownError: handle lost with the primary); ` +
        `${notDurable.length} handles not confirmed, ${deferred.size} starts deferred; ${twice.length} non-idempotent starts applied twice (${[...starts.values()].reduce((a, b) => a + b, 0)} starts applied); ` +
        `${told.filter((e) => e.type === 'job.lost').length} jobs lost by their worker and taken over; ` +
        `${told.filter((e) => e.type === 'completed').length - states.filter((s) => s === 'completed').length} completions the dead primary acknowledged and lost, done again from the handle\n`,
    );
    // None lost: every job ended, on the promoted primary.
    expect(states.filter((s) => s === 'completed' || s === 'failed')).toHaveLength(TOTAL);
    // No start that must not be sent twice was applied twice (the simulator's log).
    expect(twice).toEqual([]);
    // The replica had not confirmed some handles when the primary died: the workers said so.
    expect(notDurable.length).toBeGreaterThan(0);
    // Starts whose marker no replica could confirm were not sent, but deferred, and ran after the failover.
    expect(deferred.size).toBeGreaterThan(0);
    // A start whose handle the failover lost, and that is not idempotent, failed, typed, and was not sent again.
    expect(handleLost.length).toBeGreaterThan(0);
    for (const job of handleLost) {
      expect(job.data.error).toMatchObject({ name: 'StartOutcomeUnknownError', code: 'handleMissing' });
      expect(job.data.handle).toBeUndefined();
    }
    // Every other failure is typed, and few: chaos on a start that is not idempotent (a 504 is not repeated).
    for (const job of failed) expect(job.failedReason).toMatch(/^(GraphHttpError|NetworkError|RequestTimeoutError|ProtocolError|OperationFailedError|StartOutcomeUnknownError)\b|stalled/);
    expect(failed.length - handleLost.length).toBeLessThan(TOTAL / 10);
    // No token in any Redis value, on either node.
    for (const node of group.nodes) expect(await redisText(node.port)).not.toContain(WORKER_TOKEN);
  });
});
