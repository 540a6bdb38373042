// Graph operations as durable jobs: a producer enqueues them on BullMQ,
// two worker processes (examples/graph-jobs-worker.mjs) run them, and one
// worker is killed (SIGKILL) while its operations are mid-poll: the other
// resumes them from the handles stored in their jobs, without sending any
// start twice.
//
//   node examples/graph-jobs.mjs     needs Debian's redis-server; runs it on a free port, with the embedded simulator
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';
import { GraphSimulator } from 'rx-graph-lro/testing';
import { addGraphJob } from 'rx-graph-lro/bullmq';

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const redis = spawn(process.env.REDIS_SERVER ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 300));
const sim = await new GraphSimulator({ script: (op) => ({ statuses: op.kind === 'copy' ? ['inProgress', 'inProgress', 'inProgress', 'completed'] : ['running', 'running', 'running', 'succeeded'], percentages: [25, 50, 75, 100] }) }).start();
const env = { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}`, GRAPH_BASE_URL: sim.baseUrl, GRAPH_TOKEN: 'example-token', GRAPH_POLL_MS: '200', GRAPH_BUDGET: '2000', GRAPH_LOCK_MS: '2000' };
const startWorker = () =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('graph-jobs-worker.mjs', import.meta.url))], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      if (d.toString().includes('ready')) resolve(child);
    });
  });
const workers = [await startWorker(), await startWorker()];

const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
const queue = new Queue('graph', { connection });
const events = new QueueEvents('graph', { connection });
await events.waitUntilReady();
const jobs = [];
for (let i = 0; i < 10; i++) jobs.push(await addGraphJob(queue, 'workbook.createSession', [`/me/drive/items/BOOK${i}`, { persistChanges: true }]));
for (let i = 0; i < 10; i++) jobs.push(await addGraphJob(queue, 'driveItem.copy', [`/me/drive/items/FOLDER${i}`, { name: `Copy ${i}` }]));
console.log(`producer: ${jobs.length} jobs enqueued`);

// Kill a worker while its operations are mid-poll.
await new Promise((r) => setTimeout(r, 400));
workers[0].kill('SIGKILL');
console.log(`producer: worker ${workers[0].pid} killed (SIGKILL) with operations in flight`);

const results = await Promise.allSettled(jobs.map((job) => job.waitUntilFinished(events, 60_000)));
const done = results.filter((r) => r.status === 'fulfilled').length;
const starts = new Map();
for (const r of sim.requests) if (r.method === 'POST' && r.status === 202) starts.set(r.path, (starts.get(r.path) ?? 0) + 1);
console.log(`producer: ${done} of ${jobs.length} jobs completed; starts accepted twice: ${[...starts.values()].filter((n) => n > 1).length}`);

workers[1].kill('SIGTERM');
await events.close();
await queue.close();
await sim.stop();
redis.kill();
process.exit(done === jobs.length ? 0 : 1);
