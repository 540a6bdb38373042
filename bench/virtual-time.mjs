// The library's own cost, free of sockets: 10,000 concurrent createSessions
// (3 polls each) through the full pipeline over an in-memory transport, on
// a virtual-time scheduler (a heap-ordered one: see heap-scheduler.mjs).
// Run with --expose-gc (npm run bench does).
//   node --expose-gc bench/virtual-time.mjs [operations=10000]
import { of } from 'rxjs';
import { HeapVirtualScheduler } from './heap-scheduler.mjs';
import { createGraphClient, result } from 'rx-graph-lro';

const total = Number(process.argv[2] ?? 10_000);
const gc = globalThis.gc ?? (() => { throw new Error('run with --expose-gc'); });
const root = 'https://graph.microsoft.com/v1.0';
const polls = new Map();
const sessionBody = '{"id":"session","persistChanges":true}';
let requests = 0;
const transport = (request) => {
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
console.log(`\nLibrary overhead in virtual time: ${total} concurrent createSessions, ${totalPolls / total} polls each, in-memory transport`);
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| heap retained per in-flight operation (after GC, all waiting to poll) | ${(retained / total / 1024).toFixed(2)} KB |`);
console.log(`| CPU to start an operation (POST, 202, schedule the first poll) | ${(us(cpuSubscribe) / total).toFixed(1)} µs |`);
console.log(`| CPU per poll (timer, GET, decode, compare, schedule the next) | ${(us(cpuPolls) / (totalPolls + total)).toFixed(1)} µs |`);
console.log(`| CPU per operation, start to result | ${((us(cpuSubscribe) + us(cpuPolls)) / total).toFixed(1)} µs |`);
console.log(`| requests per operation | ${(requests / total).toFixed(2)} |`);
