// What the Redis-shared request budget (redisRequestLimiter) costs Redis:
// script runs (EVAL/EVALSHA) and time spent in Redis per request let through,
// with the grant throughput, busiest second and how $batches fare. Each
// scenario runs 1 or 4 processes (test/bullmq/limiter-process.mjs, as the
// limiter tests do) on the built
// package against a Redis of its own (Debian's redis-server, on a free port),
// every process keeping its waiters queued for the whole run.
//   node bench/redis-limiter.mjs
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import Redis from 'ioredis';

try {
  execFileSync('redis-server', ['--version']);
} catch {
  console.log('\nRedis limiter bench: skipped (no redis-server; apt-get install redis-server)');
  process.exit(0);
}
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 300));
const admin = new Redis({ host: '127.0.0.1', port });
/** A limiter process, once it is ready; `grants` is what it prints when it ends. */
const startChild = (args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('../test/bullmq/limiter-process.mjs', import.meta.url)), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    const grants = new Promise((done) => child.on('close', () => done(JSON.parse(out.split('\n')[1])))); // 'close': stdout read to its end
    child.stdout.on('data', (d) => {
      out += d;
      if (out.startsWith('ready\n')) resolve({ child, grants });
    });
  });

const scenarios = [
  { name: '1 process, 1,000 waiting, 100/s (burst 100)', processes: 1, limit: 100, burst: 100, waiting: 1000, batchEvery: 0 },
  { name: '4 processes, 200 waiting each, 700/s (burst 100), every 10th a $batch of 20', processes: 4, limit: 700, burst: 100, waiting: 200, batchEvery: 10 },
  { name: '4 processes, 200 waiting each, 1,000,000/s: as fast as Redis answers', processes: 4, limit: 1_000_000, burst: 1_000_000, waiting: 200, batchEvery: 0 },
];
const durationMs = 4000;
const rows = [];
for (const s of scenarios) {
  const key = `bench:${Math.random().toString(36).slice(2)}`;
  const children = await Promise.all(Array.from({ length: s.processes }, () => startChild([String(port), key, String(s.limit), '1000', String(s.burst), String(durationMs), String(s.waiting), String(s.batchEvery)])));
  await admin.config('RESETSTAT');
  children.forEach((c) => c.child.stdin.write('go\n'));
  const grants = (await Promise.all(children.map((c) => c.grants))).flat().sort((a, b) => a[0] - b[0]);
  const stats = await admin.info('commandstats');
  let runs = 0;
  let usec = 0;
  for (const m of stats.matchAll(/cmdstat_eval(?:sha)?:calls=(\d+),usec=(\d+)/g)) {
    runs += Number(m[1]);
    usec += Number(m[2]);
  }
  let busiest = 0;
  let inWindow = 0;
  for (let i = 0, j = 0; i < grants.length; i++) {
    inWindow += grants[i][1];
    while (grants[i][0] - grants[j][0] >= 1000) inWindow -= grants[j++][1];
    busiest = Math.max(busiest, inWindow);
  }
  const tokens = grants.reduce((n, g) => n + g[1], 0);
  const batches = grants.filter((g) => g[1] === 20).length;
  rows.push({ ...s, grants: grants.length, tokens, batches, runs, usec, busiest });
}
admin.disconnect();
server.kill();
console.log(`\nRedis-shared request budget (redisRequestLimiter): ${durationMs / 1000} s per scenario, Redis' own counters (INFO commandstats: calls and the time spent in them)\n`);
console.log('| scenario | requests let through (per s) | script runs per request | Redis time per request | busiest second (bound) | $batches of 20 |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const bound = r.limit >= 1_000_000 ? '–' : String(r.burst + r.limit);
  console.log(
    `| ${r.name} | ${r.grants} (${Math.round(r.grants / (durationMs / 1000))}) | ${(r.runs / r.grants).toFixed(2)} | ${(r.usec / r.grants).toFixed(1)} µs | ${r.busiest} (${bound}) | ${r.batchEvery ? `${r.batches} (${Math.round((100 * r.batches * 20) / r.tokens)}% of tokens)` : '–'} |`,
  );
}
