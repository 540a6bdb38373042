// $batch coalescing over loopback: 200 concurrent workbook createSessions
// against the embedded simulator, with and without `batch`, counting the
// HTTP round trips the client made (a $batch is one; the simulator's own
// replay of its items is not) and the wall time. Three runs each; medians
// with [min–max].
//   node bench/batching.mjs [operations=200]
import { lastValueFrom, merge, toArray } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const total = Number(process.argv[2] ?? 200);
const REPEATS = 3;

async function once(batch) {
  const sim = await new GraphSimulator().start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'bench', poll: { intervalMs: 200, backoffFactor: 1 }, ...(batch ? { batch: { windowMs: 20 } } : {}) });
  const started = performance.now();
  const sessions = await lastValueFrom(
    merge(...Array.from({ length: total }, (_, i) => graph.workbook(`/me/drive/items/bench-${i}`).createSession({ persistChanges: true }).pipe(result()))).pipe(toArray()),
  );
  const wallMs = performance.now() - started;
  await sim.stop();
  if (sessions.length !== total) throw new Error(`only ${sessions.length} sessions`);
  const trips = sim.requests.filter((r) => !r.batchItem);
  const follow = trips.filter((r) => r.method === 'GET' || r.path.endsWith('/$batch')).length;
  return { follow, all: trips.length, wallMs };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `[${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`;
const runs = { single: [], batched: [] };
for (let i = 0; i < REPEATS; i++) {
  runs.single.push(await once(false));
  runs.batched.push(await once(true));
}
console.log(`\n$batch over loopback: ${total} concurrent createSessions (3 polls and a result read each), ${REPEATS} runs\n`);
console.log('| | round trips for polls and results | all round trips per operation | wall time (ms) |');
console.log('|---|---|---|---|');
for (const [name, rs] of Object.entries(runs)) {
  const follow = rs.map((r) => r.follow);
  const wall = rs.map((r) => r.wallMs);
  console.log(`| ${name} | ${median(follow)} ${spread(follow)} | ${(median(rs.map((r) => r.all)) / total).toFixed(2)} | ${median(wall).toFixed(0)} ${spread(wall)} |`);
}
const ratio = median(runs.single.map((r) => r.follow)) / median(runs.batched.map((r) => r.follow));
console.log(`\npolls and result reads: ${ratio.toFixed(1)}× fewer round trips with batch (target 10×); the window adds at most 20 ms to each detection`);
