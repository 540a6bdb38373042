// Graph operations as BullMQ jobs: operations per second with 1, 2 and 4
// worker processes (examples/graph-jobs-worker.mjs, 50 jobs at once each)
// against the embedded simulator and a real Redis (Debian's redis-server),
// beside the same operations run in one process without a queue. Each
// createSession answers 202 and takes three 20 ms polls. Three runs each;
// medians with [min–max].
//   node bench/bullmq.mjs [operations=600]
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { lastValueFrom, merge, toArray } from 'rxjs';
import { Queue, QueueEvents } from 'bullmq';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const total = Number(process.argv[2] ?? 600);
const REPEATS = 3;
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
const port = await freePort();
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 300));
const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };

async function direct() {
  const sim = await new GraphSimulator().start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'bench', poll: { intervalMs: 20, backoffFactor: 1 } });
  const started = performance.now();
  await lastValueFrom(merge(...Array.from({ length: total }, (_, i) => graph.workbook(`/me/drive/items/D${i}`).createSession({ persistChanges: true }).pipe(result()))).pipe(toArray()));
  const ms = performance.now() - started;
  await sim.stop();
  return ms;
}

async function queued(workerCount, run) {
  const sim = await new GraphSimulator().start();
  const queueName = `bench-${workerCount}-${run}`;
  const env = { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}`, GRAPH_BASE_URL: sim.baseUrl, GRAPH_TOKEN: 'bench', GRAPH_POLL_MS: '20', GRAPH_BUDGET: '1000000', GRAPH_QUEUE: queueName };
  const workers = await Promise.all(
    Array.from({ length: workerCount }, () =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [fileURLToPath(new URL('../examples/graph-jobs-worker.mjs', import.meta.url))], { env, stdio: ['ignore', 'pipe', 'ignore'] });
        child.stdout.on('data', (d) => d.toString().includes('ready') && resolve(child));
      }),
    ),
  );
  const queue = new Queue(queueName, { connection });
  const events = new QueueEvents(queueName, { connection });
  await events.waitUntilReady();
  let finished = 0;
  const all = new Promise((resolve) => events.on('completed', () => ++finished === total && resolve()));
  const started = performance.now();
  await queue.addBulk(Array.from({ length: total }, (_, i) => ({ name: 'workbook.createSession', data: { operation: 'workbook.createSession', args: [`/me/drive/items/Q${i}`, { persistChanges: true }] } })));
  await all;
  const ms = performance.now() - started;
  workers.forEach((w) => w.kill('SIGTERM'));
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await sim.stop();
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const directMs = [];
for (let r = 0; r < REPEATS; r++) directMs.push(await direct());
rows.push(['one process, no queue', directMs]);
for (const count of [1, 2, 4]) {
  const ms = [];
  for (let r = 0; r < REPEATS; r++) ms.push(await queued(count, r));
  rows.push([`${count} worker process${count > 1 ? 'es' : ''} (BullMQ, 50 jobs at once each)`, ms]);
}
redis.kill();
console.log(`\nGraph operations as BullMQ jobs: ${total} createSessions (202, three 20 ms polls, the result), ${REPEATS} runs\n`);
console.log('| | operations per second | wall time (ms) |');
console.log('|---|---|---|');
for (const [name, ms] of rows) {
  const perSecond = ms.map((m) => (total / m) * 1000);
  console.log(`| ${name} | ${median(perSecond).toFixed(0)} [${Math.min(...perSecond).toFixed(0)}–${Math.max(...perSecond).toFixed(0)}] | ${median(ms).toFixed(0)} |`);
}
const one = median(rows[1][1]);
console.log(`\noverhead per job with one worker, over one process without a queue: ${((one - median(directMs)) / total).toFixed(2)} ms of wall time (its 50-job concurrency bounds it; the direct run has none)`);
