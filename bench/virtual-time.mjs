// The library's own cost, free of sockets: 10,000 concurrent createSessions
// (3 polls each) through the full pipeline over an in-memory transport, on
// a virtual-time scheduler (a heap-ordered one: see heap-scheduler.mjs).
// Twice: over a transport that bounds its requests itself, as the default
// (undici) does, so the client keeps no timer per request; and over one that
// does not, as fetch, so the client bounds each request with a timer.
// Run with --expose-gc (npm run bench does).
//   node --expose-gc bench/virtual-time.mjs [operations=10000] [bounding|timer]
import { of } from 'rxjs';
import { HeapVirtualScheduler } from './heap-scheduler.mjs';
import { createGraphClient, result } from 'rx-graph-lro';

const total = Number(process.argv[2] ?? 10_000);
const mode = process.argv[3];
if (mode === undefined) {
  // Each variant in its own process, so neither's JIT or heap colours the other's.
  const { execFileSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const self = fileURLToPath(import.meta.url);
  const rows = {};
  for (const variant of ['bounding', 'timer']) {
    const out = execFileSync(process.execPath, ['--expose-gc', self, String(total), variant], { encoding: 'utf8' });
    rows[variant] = JSON.parse(out.trim().split('\n').pop());
  }
  console.log(`\nLibrary overhead in virtual time: ${total} concurrent createSessions, ${rows.timer.polls} polls each, in-memory transport`);
  console.log('| measure | on a transport that bounds requests (undici, the default) | on one that does not (fetch: a timer per request) |');
  console.log('|---|---|---|');
  for (const [name, key, unit] of [
    ['heap retained per in-flight operation (after GC, all waiting to poll)', 'retainedKb', 'KB'],
    ['CPU to start an operation (POST, 202, schedule the first poll)', 'startUs', 'µs'],
    ['CPU per poll (timer, GET, decode, compare, schedule the next)', 'pollUs', 'µs'],
    ['CPU per operation, start to result', 'operationUs', 'µs'],
    ['requests per operation', 'requests', ''],
  ]) {
    const f = (v) => (unit === 'KB' ? `${v.toFixed(2)} KB` : unit === 'µs' ? `${v.toFixed(1)} µs` : v.toFixed(2));
    console.log(`| ${name} | ${f(rows.bounding[key])} | ${f(rows.timer[key])} |`);
  }
  process.exit(0);
}
const gc = globalThis.gc ?? (() => { throw new Error('run with --expose-gc'); });
const root = 'https://graph.microsoft.com/v1.0';
const polls = new Map();
const sessionBody = '{"id":"session","persistChanges":true}';
let requests = 0;
const send = (request) => {
  requests++;
  if (request.method === 'POST') return of({ status: 202, headers: { location: `${request.url.slice(0, -'/createSession'.length)}/operations/1` }, body: '' });
  if (request.url.endsWith('/operations/1')) {
    const n = (polls.get(request.url) ?? 0) + 1;
    polls.set(request.url, n);
    const body = n < 3 ? '{"id":"1","status":"running"}' : `{"id":"1","status":"succeeded","resourceLocation":"${request.url.replace('/operations/1', "/sessionInfoResource(key='1')")}"}`;
    return of({ status: 200, headers: {}, body });
  }
  return of({ status: 200, headers: {}, body: sessionBody });
};

// An in-memory transport; `bounding` says it bounds requests itself, as undici does.
const transport = mode === 'bounding' ? Object.assign(send, { boundsRequests: true }) : send;
const scheduler = new HeapVirtualScheduler();
const graph = createGraphClient({ token: 'virtual-token', transport, scheduler, poll: { intervalMs: 1000, backoffFactor: 1 } });
const items = Array.from({ length: total }, (_, i) => `/me/drive/items/item-${i}`);
let done = 0;

// Warm-up, so the figures are the steady state and not the JIT compiling.
for (let i = 0; i < 1000; i++) graph.workbook(`/me/drive/items/warm-${i}`).createSession({ persistChanges: true }).pipe(result()).subscribe();
scheduler.flush();
polls.clear();
requests = 0;

gc();
const baseline = process.memoryUsage().heapUsed;
const cpuStart = process.cpuUsage();
const subscriptions = items.map((item) =>
  graph.workbook(item).createSession({ persistChanges: true }).pipe(result()).subscribe({ next: () => done++ }),
);
// Every operation is now accepted and waiting for its first poll.
gc();
const retained = process.memoryUsage().heapUsed - baseline;
const cpuSubscribe = process.cpuUsage(cpuStart);
const cpuRun = process.cpuUsage();
scheduler.flush();
const cpuPolls = process.cpuUsage(cpuRun);
if (done !== total) throw new Error(`only ${done} of ${total} operations finished`);
for (const s of subscriptions) s.unsubscribe();

const us = (u) => u.user + u.system;
const totalPolls = [...polls.values()].reduce((a, b) => a + b, 0);
console.log(
  JSON.stringify({
    polls: totalPolls / total,
    retainedKb: retained / total / 1024,
    startUs: us(cpuSubscribe) / total,
    pollUs: us(cpuPolls) / (totalPolls + total),
    operationUs: (us(cpuSubscribe) + us(cpuPolls)) / total,
    requests: requests / total,
  }),
);
