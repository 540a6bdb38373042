import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import { addGraphJob } from '../../src/bullmq';
import { GraphSimulator } from '../../src/testing';
import { describeWithRedis, startRedis } from '../helpers/redis';
import { watchedQueue } from '../helpers/bullmq-workers';

// Past one process, under faults: real worker processes (the built package,
// as users run it), a real Redis, the simulator with chaos on. Workers are
// killed with SIGKILL mid-poll, replaced, and Redis is restarted; every job
// must end exactly once, with no start request sent twice and no token in
// Redis.

jest.setTimeout(120_000);
const WORKER = join(__dirname, 'worker-process.mjs');
const TOKEN = 'worker-secret-token-91c7';

function startWorker(port: number, baseUrl: string, queueName: string, perSecond: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, String(port), baseUrl, queueName, String(perSecond)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const bound = setTimeout(() => reject(new Error(`worker did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) {
        clearTimeout(bound);
        resolve(child);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  });
}

const MIX = [
  (i: number) => ['workbook.createSession', [`/me/drive/items/S${i}`, { persistChanges: true }]] as const,
  (i: number) => ['driveItem.copy', [`/me/drive/items/C${i}`, { name: `copy ${i}` }]] as const,
  (i: number) => ['onenote.copyNotebook', ['/me', `nb-${i}`, { renameAs: `nb copy ${i}` }]] as const,
  (i: number) => ['site.copyContentTypeFromHub', [`site-${i}`, `0x01${i}`]] as const,
];

async function scan(port: number): Promise<string> {
  const client = new Redis({ host: '127.0.0.1', port });
  try {
    const keys = await client.keys('*');
    const parts: string[] = [];
    for (const key of keys) {
      const type = await client.type(key);
      if (type === 'hash') parts.push(JSON.stringify(await client.hgetall(key)));
      else if (type === 'string') parts.push((await client.get(key)) ?? '');
      else if (type === 'list') parts.push(JSON.stringify(await client.lrange(key, 0, -1)));
      else if (type === 'stream') parts.push(JSON.stringify(await client.xrange(key, '-', '+')));
      else if (type === 'zset') parts.push(JSON.stringify(await client.zrange(key, 0, -1)));
    }
    return parts.join('\n');
  } finally {
    client.disconnect();
  }
}

async function runFaults(total: number, perSecond: number, faults: (ctx: { finished: () => number; workers: ChildProcess[]; restartRedis: () => Promise<void>; add: () => Promise<void> }) => Promise<void>, persist = false) {
  const redis = await startRedis({ persist });
  // Chaos on every Graph and monitor request; each operation polls several times, so kills land mid-poll.
  const sim = await new GraphSimulator({
    chaos: { seed: 7, gatewayTimeout: 0.03, throttle: 0.03, retryAfter: '0.02', reset: 0.01 },
    script: (op) => ({ statuses: [...Array(6).fill(op.kind === 'copy' ? 'inProgress' : /onenote/.test(op.kind) ? 'Running' : 'running'), op.kind === 'copy' ? 'completed' : /onenote/.test(op.kind) ? 'Completed' : 'succeeded'] }),
  }).start();
  const queueName = `faults-${Math.random().toString(36).slice(2, 8)}`;
  const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
  const { queue, endings, stalled, close } = await watchedQueue(queueName, connection);
  const workers: ChildProcess[] = [];
  try {
    for (let i = 0; i < 3; i++) workers.push(await startWorker(redis.port, sim.baseUrl, queueName, perSecond));
    const jobIds: string[] = [];
    for (let i = 0; i < total; i++) {
      const [operation, args] = MIX[i % MIX.length]!(i);
      jobIds.push((await addGraphJob(queue, operation, args as unknown as unknown[])).id!);
    }
    const finished = () => jobIds.filter((id) => endings.has(id)).length;
    await faults({
      finished,
      workers,
      restartRedis: () => redis.restart(),
      add: async () => void workers.push(await startWorker(redis.port, sim.baseUrl, queueName, perSecond)),
    });
    const deadline = Date.now() + 90_000;
    while (finished() < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // The terminal state in Redis, per job (events can be lost while Redis restarts; the state cannot).
    const states = await Promise.all(jobIds.map((id) => queue.getJobState(id)));
    const jobs = await Promise.all(jobIds.map((id) => queue.getJob(id)));
    return { sim, states, jobs, endings, jobIds, stalled, redisText: await scan(redis.port) };
  } finally {
    workers.forEach((w) => w.exitCode === null && w.kill('SIGKILL'));
    await close();
    await sim.stop();
    await redis.stop();
  }
}

/** Starts Graph accepted (2xx) per operation target: more than one would be a repeated start. */
function acceptedStarts(sim: GraphSimulator): Map<string, number> {
  const starts = new Map<string, number>();
  for (const r of sim.requests) {
    if (r.method !== 'POST' || r.origin !== 'graph' || r.batchItem || r.status === undefined || r.status >= 300) continue;
    starts.set(r.path, (starts.get(r.path) ?? 0) + 1);
  }
  return starts;
}

describeWithRedis('BullMQ workers under faults (3 processes, a real Redis, the simulator with chaos)', () => {
  it('500 mixed operations; one worker SIGKILLed mid-poll, another replaced: each job ends once, no start twice, none lost, no token in Redis, the shared budget holds', async () => {
    const PER_SECOND = 300;
    const outcome = await runFaults(500, PER_SECOND, async ({ finished, workers, add }) => {
      while (finished() < 100) await new Promise((r) => setTimeout(r, 20));
      workers[0]!.kill('SIGKILL'); // mid-poll: dozens of its operations are running
      while (finished() < 250) await new Promise((r) => setTimeout(r, 20));
      workers[1]!.kill('SIGKILL');
      await add(); // a replacement joins
    });
    const { sim, states, jobs, endings, stalled } = outcome;
    // The kills landed on running operations: their jobs stalled and were picked up by another worker...
    expect(stalled.size).toBeGreaterThan(0);
    // ...which resumed them to the end.
    const recovered = outcome.jobIds.filter((id, i) => stalled.has(id) && states[i] === 'completed');
    expect(recovered.length).toBeGreaterThan(0);
    // None lost, each ended once.
    expect(states.filter((s) => s === 'completed' || s === 'failed')).toHaveLength(500);
    expect([...endings.values()].filter((e) => e.length > 1)).toEqual([]);
    // No start accepted twice: a killed worker's jobs were resumed from their handles.
    expect([...acceptedStarts(sim).entries()].filter(([, n]) => n > 1)).toEqual([]);
    // Most succeed; those that fail, fail typed (chaos: a 504 on a copy's start is not repeated).
    const failed = jobs.filter((_job, i) => states[i] === 'failed');
    expect(failed.length).toBeLessThan(100);
    for (const job of failed) expect(job!.failedReason).toMatch(/^(GraphHttpError|NetworkError|RequestTimeoutError|ProtocolError|DecodeError|OperationFailedError)|stalled|not idempotent/);
    expect(outcome.redisText).not.toContain(TOKEN);
    // The shared budget: no second saw more requests than the budget allows (plus its burst).
    const perSecond = new Map<number, number>();
    for (const r of sim.requests) if (!r.batchItem) perSecond.set(Math.floor(r.at / 1000), (perSecond.get(Math.floor(r.at / 1000)) ?? 0) + 1);
    const busiest = Math.max(...perSecond.values());
    const seconds = (sim.requests.at(-1)!.at - sim.requests[0]!.at) / 1000;
    const average = sim.requests.length / seconds;
    // In any second: a full bucket (one second's worth) plus a second's refill, give or take the few
    // requests granted just before a second began that reached the simulator just after; on average, the rate.
    expect(busiest).toBeLessThanOrEqual(2.1 * PER_SECOND);
    expect(average).toBeLessThanOrEqual(PER_SECOND * 1.1 + PER_SECOND / seconds);
    process.stdout.write(
      `faults: ${states.filter((x) => x === 'completed').length} completed, ${failed.length} failed, ${stalled.size} stalled and recovered by other workers (${recovered.length} completed), ` +
        `${sim.requests.length} requests in ${seconds.toFixed(1)} s: ${average.toFixed(0)}/s on average, busiest second ${busiest} (budget ${PER_SECOND}/s, burst ${PER_SECOND} by default: a second may see a full bucket and its refill)\n`,
    );
  });

  it('Redis restarted mid-run: workers reconnect and nothing is lost', async () => {
    const outcome = await runFaults(
      120,
      100_000,
      async ({ finished, restartRedis }) => {
        while (finished() < 30) await new Promise((r) => setTimeout(r, 20));
        await restartRedis();
      },
      true,
    );
    expect(outcome.states.filter((s) => s === 'completed' || s === 'failed')).toHaveLength(120);
    expect([...acceptedStarts(outcome.sim).entries()].filter(([, n]) => n > 1)).toEqual([]);
  });
});
