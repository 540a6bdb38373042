// What observability costs when it is off, and when it is on: CPU per
// operation of the full pipeline in virtual time (in-memory transport, a
// heap-ordered virtual scheduler), for a client with no instrumentation,
// with the OpenTelemetry instrumentation but no SDK registered (every span a
// no-op: "installed but disabled"), and with an onEvent hook that does
// nothing. Rounds are interleaved; each figure is the median, with the
// spread of the per-round ratios against the no-instrumentation client.
//   node --expose-gc bench/tracing-overhead.mjs [operations=5000] [rounds=9]
import { of } from 'rxjs';
import { HeapVirtualScheduler } from './heap-scheduler.mjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { openTelemetry } from 'rx-graph-lro/opentelemetry';

const [total = 5000, rounds = 9] = process.argv.slice(2).map(Number);
const transport = (request) => {
  if (request.method === 'POST') return of({ status: 202, headers: { location: `${request.url.slice(0, -'/createSession'.length)}/operations/1` }, body: '' });
  if (request.url.endsWith('/operations/1')) return of({ status: 200, headers: {}, body: `{"id":"1","status":"succeeded","resourceLocation":"${request.url.replace('/operations/1', "/sessionInfoResource(key='1')")}"}` });
  return of({ status: 200, headers: {}, body: '{"id":"session","persistChanges":true}' });
};
const configs = {
  'no instrumentation': {},
  'openTelemetry(), no SDK registered': { instrumentation: openTelemetry() },
  'onEvent: () => {}': { onEvent: () => {} },
};
const gc = globalThis.gc ?? (() => { throw new Error('run with --expose-gc'); });
const runOnce = (extra) => {
  gc(); // every configuration starts from a collected heap: garbage of the previous one is not billed to it
  const scheduler = new HeapVirtualScheduler();
  const graph = createGraphClient({ token: 't', transport, scheduler, poll: { intervalMs: 1000, backoffFactor: 1 }, ...extra });
  const start = process.cpuUsage();
  for (let i = 0; i < total; i++) graph.workbook(`/me/drive/items/i-${i}`).createSession({ persistChanges: true }).pipe(result()).subscribe();
  scheduler.flush();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / total;
};
for (const extra of Object.values(configs)) runOnce(extra); // warm-up
const perOp = Object.fromEntries(Object.keys(configs).map((k) => [k, []]));
const entries = Object.entries(configs);
for (let r = 0; r < rounds; r++) {
  // The order rotates each round, so no configuration always runs first (or last).
  for (let k = 0; k < entries.length; k++) {
    const [name, extra] = entries[(r + k) % entries.length];
    perOp[name].push(runOnce(extra));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = perOp['no instrumentation'];
console.log(`\nObservability overhead, virtual time: ${total} createSessions (1 poll each) per round, ${rounds} rounds`);
console.log('| client | CPU / operation | vs none [min–max] |');
console.log('|---|---|---|');
for (const [name, xs] of Object.entries(perOp)) {
  const ratios = xs.map((x, i) => x / base[i]);
  console.log(`| ${name} | ${median(xs).toFixed(1)} µs | ${median(ratios).toFixed(2)}× [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}] |`);
}
