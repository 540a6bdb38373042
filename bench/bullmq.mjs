// Graph operations as BullMQ jobs: jobs per second with 1, 2 and 4 worker
// processes (examples/graph-jobs-worker.mjs, 50 jobs at once each) against
// the embedded simulator and a real Redis primary with one replica (Debian's
// redis-server), without and with waiting for the replica (`durability:
// { replicas: 1 }`: a copy's start waits for its marker, every job for its
// handle), beside the same operations run in one process without a queue.
// Half the jobs are createSessions (idempotent: one wait, the handle), half
// copies (two: the marker, then the handle); each answers 202 and takes
// three 20 ms polls. Three runs each (with and without the wait in turn);
// medians with [min–max]. Then the cost
// of one wait itself: a write, and a write followed by WAIT 1, on one
// connection, one after the other.
//   node bench/bullmq.mjs [operations=600] [runs=3]
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { lastValueFrom, merge, toArray } from 'rxjs';
import { Queue, QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const total = Number(process.argv[2] ?? 600);
const REPEATS = Number(process.argv[3] ?? 3);
try {
  execFileSync('redis-server', ['--version']);
} catch {
  console.log('\nBullMQ bench: skipped (no redis-server; apt-get install redis-server)');
  process.exit(0);
}
const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
const startRedis = (port, extra = []) =>
  new Promise((resolve, reject) => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp', ...extra], { stdio: ['ignore', 'pipe', 'ignore'] });
    const ready = extra.includes('--replicaof') ? /MASTER <-> REPLICA sync: Finished with success/ : /Ready to accept connections/;
    let out = '';
    child.stdout.on('data', (d) => (out += d) && ready.test(out) && resolve(child));
    setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000).unref();
  });
const port = await freePort();
const primary = await startRedis(port, ['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0']);
const replica = await startRedis(await freePort(), ['--replicaof', '127.0.0.1', String(port), '--repl-diskless-load', 'swapdb']);
const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };

const SCRIPTS = { createSession: { statuses: ['running', 'running', 'running', 'succeeded'] }, copy: { statuses: ['inProgress', 'inProgress', 'inProgress', 'completed'] } };
const simulator = async () => {
  const sim = await new GraphSimulator().start();
  for (const [kind, script] of Object.entries(SCRIPTS)) sim.setScript(kind, script);
  return sim;
};
const job = (i) =>
  i % 2 === 0
    ? { name: 'workbook.createSession', data: { operation: 'workbook.createSession', args: [`/me/drive/items/Q${i}`, { persistChanges: true }] } }
    : { name: 'driveItem.copy', data: { operation: 'driveItem.copy', args: [`/me/drive/items/C${i}`, { name: `copy ${i}` }] } };

async function direct() {
  const sim = await simulator();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'bench', poll: { intervalMs: 20, backoffFactor: 1 } });
  const started = performance.now();
  const runs = Array.from({ length: total }, (_, i) =>
    (i % 2 === 0 ? graph.workbook(`/me/drive/items/D${i}`).createSession({ persistChanges: true }) : graph.driveItem(`/me/drive/items/C${i}`).copy({ name: `copy ${i}` })).pipe(result()),
  );
  await lastValueFrom(merge(...runs).pipe(toArray()));
  const ms = performance.now() - started;
  await sim.stop();
  return ms;
}

async function queued(workerCount, run, durable) {
  const sim = await simulator();
  const queueName = `bench-${workerCount}-${run}-${durable ? 'wait' : 'nowait'}`;
  const env = {
    ...process.env,
    REDIS_URL: `redis://127.0.0.1:${port}`,
    GRAPH_BASE_URL: sim.baseUrl,
    GRAPH_TOKEN: 'bench',
    GRAPH_POLL_MS: '20',
    GRAPH_BUDGET: '1000000',
    GRAPH_QUEUE: queueName,
    ...(durable ? { GRAPH_DURABLE_REPLICAS: '1', GRAPH_DURABLE_TIMEOUT_MS: '1000' } : {}),
  };
  let notDurable = 0;
  const workers = await Promise.all(
    Array.from({ length: workerCount }, () =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [fileURLToPath(new URL('../examples/graph-jobs-worker.mjs', import.meta.url))], { env, stdio: ['ignore', 'pipe', 'ignore'] });
        child.stdout.on('data', (d) => {
          if (d.toString().includes('ready')) resolve(child);
          notDurable += (d.toString().match(/job\.(notDurable|startDeferred)/g) ?? []).length;
        });
      }),
    ),
  );
  const queue = new Queue(queueName, { connection });
  const events = new QueueEvents(queueName, { connection });
  await events.waitUntilReady();
  let finished = 0;
  const all = new Promise((resolve) => events.on('completed', () => ++finished === total && resolve()));
  const started = performance.now();
  await queue.addBulk(Array.from({ length: total }, (_, i) => job(i)));
  await all;
  const ms = performance.now() - started;
  workers.forEach((w) => w.kill('SIGTERM'));
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await sim.stop();
  if (notDurable) console.log(`  (${notDurable} jobs not confirmed by the replica in run ${run} with ${workerCount} workers)`);
  return ms;
}

/** The wait itself: `n` writes one after the other on one connection, alone or each followed by WAIT 1. */
async function waitCost(n = 2000) {
  const client = new Redis(connection);
  const time = async (withWait) => {
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      await client.hset('bench:wait', 'data', String(i));
      if (withWait) await client.call('WAIT', 1, 1000);
    }
    return ((performance.now() - started) * 1000) / n;
  };
  await time(true); // warm up
  const [alone, waited] = [await time(false), await time(true)];
  client.disconnect();
  return { alone, waited };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const directMs = [];
for (let r = 0; r < REPEATS; r++) directMs.push(await direct());
rows.push(['one process, no queue', directMs]);
// Runs with and without the wait alternate, so that whatever else the machine does weighs on both alike.
const runs = new Map();
for (let r = 0; r < REPEATS; r++) {
  for (const count of [1, 2, 4]) {
    for (const durable of [false, true]) {
      const key = `${count}-${durable}`;
      runs.set(key, [...(runs.get(key) ?? []), await queued(count, r, durable)]);
    }
  }
}
const byCount = new Map();
for (const count of [1, 2, 4]) {
  for (const durable of [false, true]) {
    const ms = runs.get(`${count}-${durable}`);
    rows.push([`${count} worker process${count > 1 ? 'es' : ''}${durable ? ', waiting for the replica' : ''}`, ms]);
    byCount.set(`${count}-${durable}`, median(ms));
  }
}
const cost = await waitCost();
primary.kill();
replica.kill();
console.log(`\nGraph operations as BullMQ jobs: ${total} jobs (half createSession, half copy; 202, three 20 ms polls, the result), a primary and one replica, ${REPEATS} runs\n`);
console.log('| | jobs per second | wall time (ms) |');
console.log('|---|---|---|');
for (const [name, ms] of rows) {
  const perSecond = ms.map((m) => (total / m) * 1000);
  console.log(`| ${name} | ${median(perSecond).toFixed(0)} [${Math.min(...perSecond).toFixed(0)}–${Math.max(...perSecond).toFixed(0)}] | ${median(ms).toFixed(0)} |`);
}
const one = byCount.get('1-false');
console.log(`\noverhead per job with one worker, over one process without a queue: ${((one - median(directMs)) / total).toFixed(2)} ms of wall time (its 50-job concurrency bounds it; the direct run has none)`);
for (const count of [1, 2, 4]) {
  const [without, withWait] = [byCount.get(`${count}-false`), byCount.get(`${count}-true`)];
  console.log(`waiting for the replica, ${count} worker${count > 1 ? 's' : ''}: ${(((withWait - without) / without) * 100).toFixed(1)}% of wall time (${((withWait - without) / total).toFixed(2)} ms per job)`);
}
console.log(`one write on one connection: ${cost.alone.toFixed(0)} µs; a write and WAIT 1 for the replica: ${cost.waited.toFixed(0)} µs (loopback)`);
