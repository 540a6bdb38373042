import type { Job } from 'bullmq';
import { addGraphJob, type GraphJobData } from '../../src/bullmq';
import { GraphSimulator } from '../../src/testing';
import { describeWithRedis, startRedis } from '../helpers/redis';
import { startTcpProxy } from '../helpers/tcp-proxy';
import { appliedStarts, isNonIdempotentStart, MIX, mixScript, redisText, startWorkerProcess, until, watchedQueue, WORKER_TOKEN, type WorkerProcess } from '../helpers/bullmq-workers';

// A worker cut off from Redis without dying: every byte between it and
// Redis is held by a proxy (as a partition holds them, to be delivered when
// it heals), while its operations go on polling Graph. Its locks expire,
// another worker takes its jobs, and then the partition heals mid-run.

jest.setTimeout(60_000);

describeWithRedis('a worker cut off from Redis, healed mid-run (its Redis traffic held by a proxy; a real Redis; the simulator with chaos)', () => {
  it('its jobs are taken by another worker, resumed from their handles and never started again; when it is back it records nothing for them; each job ends once', async () => {
    const PER_PHASE = 80;
    const redis = await startRedis();
    const proxy = await startTcpProxy(redis.port);
    const sim = await new GraphSimulator({ chaos: { seed: 5, gatewayTimeout: 0.01, throttle: 0.02, retryAfter: '0.02' }, maxLoggedRequests: 100_000, script: mixScript(25) }).start();
    const queueName = `partition-${Math.random().toString(36).slice(2, 8)}`;
    const connection = { host: '127.0.0.1', port: redis.port };
    const { queue, endings, stalled, close } = await watchedQueue(queueName, connection);
    const workers: WorkerProcess[] = [];
    // Locks of 1 s, checked every 0.5 s: a cut-off worker's jobs move on within about 2 s. No Redis budget: cut off, it polls on.
    const options = { lockDuration: 1000, stalledInterval: 500, budget: false };
    try {
      const cut = await startWorkerProcess({ port: proxy.port, baseUrl: sim.baseUrl, queueName, options });
      workers.push(cut);
      // Some starts take 1.5 s: in flight (marked sent, no handle yet) when the partition begins.
      sim.inject({ method: 'POST', origin: 'graph', path: /(?:C|nb-|site-|S)\d*[36]\//, times: PER_PHASE / 5, action: { kind: 'latency', ms: 1500 } });
      const add = async (from: number) => {
        const ids: string[] = [];
        for (let i = from; i < from + PER_PHASE; i++) {
          const [operation, args] = MIX[i % MIX.length]!(i);
          ids.push((await addGraphJob(queue, operation, args as unknown as unknown[])).id!);
        }
        return ids;
      };
      const first = await add(0);
      // The cut-off worker holds all of the first jobs, most with their handles stored.
      await until(10_000, 'the first worker to store most handles', async () => {
        const jobs = (await Promise.all(first.map((id) => queue.getJob(id)))) as Job<GraphJobData>[];
        return jobs.filter((job) => job.data.handle).length >= PER_PHASE / 2 && (await queue.getWaitingCount()) === 0;
      });
      proxy.hold('all');
      const cutAt = Date.now();
      const other = await startWorkerProcess({ port: redis.port, baseUrl: sim.baseUrl, queueName, options });
      workers.push(other);
      // Its locks expire, and the other worker's stalled-job check hands every one of its jobs on.
      await until(20_000, 'the cut-off worker\'s jobs to be handed on', () => first.every((id) => stalled.has(id) || endings.has(id)));
      // Mid-run: heal while the other worker still runs some of them, with more jobs coming, which both workers share.
      const second = await add(PER_PHASE);
      const ids = [...first, ...second];
      const ended = () => ids.filter((id) => endings.has(id)).length;
      const healedAfterMs = Date.now() - cutAt;
      const runningWhenHealed = first.filter((id) => !endings.has(id)).length;
      proxy.release();
      sim.clearFaults();
      await until(30_000, 'every job to end', () => ended() === 2 * PER_PHASE);
      // Whatever the healed worker still had to say reaches Redis now.
      await new Promise((r) => setTimeout(r, 1500));

      const jobs = (await Promise.all(ids.map((id) => queue.getJob(id)))) as Job<GraphJobData>[];
      const states = await Promise.all(jobs.map((job) => job.getState()));
      const starts = appliedStarts(sim);
      const twice = [...starts].filter(([path, n]) => isNonIdempotentStart(path) && n > 1);
      const lost = new Set(cut.lines.filter((e) => e.type === 'job.lost').map((e) => e.jobId!));
      const recordedBy = (w: WorkerProcess) => new Set(w.lines.filter((e) => e.type === 'completed' || e.type === 'failed').map((e) => e.jobId!));
      const [byCut, byOther] = [recordedBy(cut), recordedBy(other)];
      const outcomeUnknown = jobs.filter((job) => job.failedReason?.startsWith('StartOutcomeUnknownError:'));
      process.stdout.write(
        `partition: ${2 * PER_PHASE} jobs; cut off for ${(healedAfterMs / 1000).toFixed(1)} s (healed mid-run: ${runningWhenHealed} of its jobs still running on the other worker, ${PER_PHASE} more just added); ` +
          `the cut-off worker lost ${lost.size} jobs and recorded none of them (BullMQ's lock check refused ${cut.lines.filter((e) => e.type === 'refused').length} of its moves to completed or failed); ` +
          `${states.filter((s) => s === 'completed').length} completed, ${states.filter((s) => s === 'failed').length} failed (${outcomeUnknown.length} StartOutcomeUnknownError: start in flight when cut off); ` +
          `${twice.length} non-idempotent starts applied twice; ${[...lost].filter((id) => byCut.has(id)).length} jobs it lost it took again after healing and ended\n`,
      );
      // None lost, each ended once: one result recorded.
      expect(states.filter((s) => s === 'completed' || s === 'failed')).toHaveLength(2 * PER_PHASE);
      expect([...endings.values()].filter((e) => e.length !== 1)).toEqual([]);
      // The cut-off worker came back, found its jobs taken, and recorded nothing for them: a job it lost and
      // recorded is one it took again (a new lock) after the partition healed, before the other worker did.
      expect(lost.size).toBeGreaterThan(0);
      const takenByCut = (id: string) => cut.lines.filter((e) => e.type === 'active' && e.jobId === id).length;
      expect([...lost].filter((id) => byCut.has(id) && takenByCut(id) < 2)).toEqual([]);
      expect([...byCut].filter((id) => byOther.has(id))).toEqual([]);
      // Back, it works again: it ran some of the jobs added since.
      expect(second.filter((id) => byCut.has(id)).length).toBeGreaterThan(0);
      // A start marked sent whose handle was never stored failed, typed, and was not sent again; nothing was started twice.
      expect(outcomeUnknown.length).toBeGreaterThan(0);
      for (const job of outcomeUnknown) {
        expect(job.data.error).toMatchObject({ name: 'StartOutcomeUnknownError', code: 'handleMissing' });
        expect(job.data.handle).toBeUndefined();
      }
      expect(twice).toEqual([]);
      // What the worker that ended a job wrote stays: the cut-off worker's writes held by the partition,
      // delivered when it healed, were refused (a stale status over a completed job's last one).
      for (const [i, job] of jobs.entries()) {
        if (states[i] !== 'completed') continue;
        expect(job.data.error).toBeUndefined();
        expect(job.progress).toMatchObject({ status: expect.stringMatching(/^(completed|Completed|succeeded)$/) });
      }
      expect(await redisText(redis.port)).not.toContain(WORKER_TOKEN);
    } finally {
      workers.forEach((w) => w.child.exitCode === null && w.child.kill('SIGKILL'));
      await close();
      await proxy.close();
      await sim.stop();
      await redis.stop();
    }
  });
});
