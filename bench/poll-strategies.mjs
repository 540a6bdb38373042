// Polls per operation and detection delay (virtual time, deterministic):
// how many status GETs an operation costs, and how long after it finished
// on the server the client saw `succeeded`, for workloads with known
// duration distributions, under three ways of spacing polls:
//   fixed     a poll every second (what most hand-written loops do)
//   backoff   today's default policy: 1 s, x1.5, capped at 10 s
//   adaptive  adaptivePolling(): polls where the kind's operations ended
//             before, 2 x targetDelayMs apart, back-off past them; it starts
//             with no history (the first round of 50 uses the back-off).
//             Its target is set to match each baseline's median delay:
//             0.5 s against fixed, 1.5 s against the back-off.
// Each workload runs 1,000 operations in rounds of 50 concurrent ones, from a
// fixed seed, through the whole client over an in-memory transport.
//   node bench/poll-strategies.mjs
import { of } from 'rxjs';
import { HeapVirtualScheduler } from './heap-scheduler.mjs';
import { adaptivePolling, createGraphClient, DEFAULT_POLL_POLICY } from 'rx-graph-lro';

const ROUNDS = 20;
const PER_ROUND = 50;

function seeded(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
function normal(random) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
const WORKLOADS = {
  'log-normal, median 5 s': (r) => 5000 * Math.exp(0.6 * normal(r)),
  'bimodal 2 s / 60 s': (r) => (r() < 0.5 ? 2000 + 200 * normal(r) : 60_000 + 5000 * normal(r)),
  'heavy-tailed (Pareto 2 s, a=1.5)': (r) => Math.min(600_000, 2000 / (1 - r()) ** (1 / 1.5)),
};

function run(workload, makePoll) {
  const random = seeded(42);
  const scheduler = new HeapVirtualScheduler();
  const ops = new Map();
  let next = 0;
  const transport = (request) => {
    if (request.method === 'POST') {
      const id = String(next++);
      ops.set(id, { doneAt: scheduler.now() + Math.max(1, WORKLOADS[workload](random)), polls: 0 });
      return of({ status: 202, headers: { location: `https://graph.microsoft.com/v1.0/ops/${id}` }, body: '' });
    }
    const op = ops.get(request.url.slice(request.url.lastIndexOf('/') + 1));
    op.polls++;
    return of({ status: 200, headers: {}, body: scheduler.now() >= op.doneAt ? '{"status":"succeeded"}' : '{"status":"running"}' });
  };
  const graph = createGraphClient({ token: 't', transport, scheduler, poll: makePoll() });
  const delays = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < PER_ROUND; i++) {
      const id = String(next);
      graph.operation({ kind: 'bench', request: { method: 'POST', url: '/ops' } }).subscribe({
        next: (e) => {
          if (e.type === 'succeeded') delays.push(scheduler.now() - ops.get(id).doneAt);
        },
      });
    }
    scheduler.flush();
  }
  const polls = [...ops.values()].map((o) => o.polls);
  const sorted = [...delays].sort((a, b) => a - b);
  return {
    polls: polls.reduce((a, b) => a + b, 0) / polls.length,
    median: sorted[Math.floor(sorted.length / 2)],
    p90: sorted[Math.floor(sorted.length * 0.9)],
    done: delays.length,
  };
}

const STRATEGIES = {
  fixed: () => ({ intervalMs: 1000, backoffFactor: 1, maxIntervalMs: 1000 }),
  backoff: () => ({ ...DEFAULT_POLL_POLICY }),
  adaptive: () => ({ ...DEFAULT_POLL_POLICY, strategy: adaptivePolling() }),
  'adaptive, target 0.5 s': () => ({ ...DEFAULT_POLL_POLICY, intervalMs: 500, strategy: adaptivePolling({ targetDelayMs: 500 }) }),
  'adaptive, target 1.5 s': () => ({ ...DEFAULT_POLL_POLICY, strategy: adaptivePolling({ targetDelayMs: 1500 }) }),
};

console.log('Polls per operation and detection delay (virtual time; 1,000 operations per workload, seed 42)\n');
console.log('| workload | strategy | polls/op | median delay | p90 delay |');
console.log('|---|---|---|---|---|');
const summary = [];
for (const workload of Object.keys(WORKLOADS)) {
  const results = Object.fromEntries(Object.entries(STRATEGIES).map(([name, make]) => [name, run(workload, make)]));
  for (const [name, r] of Object.entries(results)) {
    if (r.done !== ROUNDS * PER_ROUND) throw new Error(`${workload}/${name}: only ${r.done} operations finished`);
    console.log(`| ${workload} | ${name} | ${r.polls.toFixed(2)} | ${(r.median / 1000).toFixed(2)} s | ${(r.p90 / 1000).toFixed(2)} s |`);
  }
  const vsFixed = results['adaptive, target 0.5 s'];
  const vsBackoff = results['adaptive, target 1.5 s'];
  summary.push(
    `| ${workload} | fixed 1 s | ${(results.fixed.polls / vsFixed.polls).toFixed(2)}× fewer polls (target 2×) | ${(vsFixed.median / 1000).toFixed(2)} s vs ${(results.fixed.median / 1000).toFixed(2)} s |`,
    `| ${workload} | back-off | ${(100 * (1 - vsBackoff.polls / results.backoff.polls)).toFixed(0)}% fewer polls (target 30%) | ${(vsBackoff.median / 1000).toFixed(2)} s vs ${(results.backoff.median / 1000).toFixed(2)} s |`,
  );
}

console.log('\n| workload | adaptive against | polls | median delay (adaptive vs baseline) |');
console.log('|---|---|---|---|');
for (const line of summary) console.log(line);
