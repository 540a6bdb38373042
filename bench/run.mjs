// npm run bench: the same workload through rx-graph-lro, @azure/core-lro's
// createHttpPoller and a hand-written async/await loop, each client in its
// own process, against one embedded simulator on loopback. Figures are
// medians of the repeats, and ratios against the hand-written loop using the
// same fetch, measured in the same run (the machines are shared and noisy).
//   node bench/run.mjs [operations=2000] [concurrency=200] [intervalMs=50] [repeats=3]
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { GraphSimulator } from 'rx-graph-lro/testing';

const [operations = 2000, concurrency = 200, intervalMs = 50, repeats = 3] = process.argv.slice(2).map(Number);
const child = fileURLToPath(new URL('./client-process.mjs', import.meta.url));
const variants = process.env.BENCH_VARIANTS
  ? process.env.BENCH_VARIANTS.split(',').map((v) => v.split(':'))
  : [
      ['hand', 'cross'],
      ['rx', 'cross'],
      ['hand', 'native'],
      ['rx', 'native'],
      ['core-lro', 'native'],
      // undici's dispatcher: rx-graph-lro on its default transport (undiciTransport()), the loop on undici's request().
      ['hand', 'undici'],
      ['rx', 'undici'],
      // core-lro's current release needs Node 22: measured when the bench runs there.
      ...(Number(process.versions.node.split('.')[0]) >= 22 ? [['core-lro-3.4', 'native']] : []),
    ];

const sim = new GraphSimulator();
await sim.start();

function runOnce(client, fetchName) {
  return new Promise((resolve, reject) => {
    const before = sim.requestCount;
    const proc = spawn(process.execPath, ['--expose-gc', child, client, fetchName, sim.baseUrl, operations, concurrency, intervalMs]);
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${client}/${fetchName} failed:\n${out}`));
      const figures = JSON.parse(out.trim().split('\n').pop());
      // Warm-up ran `concurrency` operations before the measured ones.
      figures.requestsPerOp = (sim.requestCount - before) / (operations + concurrency);
      resolve(figures);
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
const results = {};
for (let r = 0; r < repeats; r++) {
  // Interleaved, so a burst of load on the machine hits every variant alike.
  for (const [client, fetchName] of variants) {
    const key = `${client} (${fetchName} fetch)`;
    (results[key] ??= []).push(await runOnce(client, fetchName));
    process.stderr.write('.');
  }
}
process.stderr.write('\n');
await sim.stop();

// Ratios are taken repeat by repeat (each against the baseline run beside it),
// then summarised: the median, and the spread over the repeats.
const baselineKey = (key) => (key.includes('cross') ? 'hand (cross fetch)' : key.includes('undici') ? 'hand (undici fetch)' : 'hand (native fetch)');
const ratios = (key, field, against) => results[key].map((run, i) => run[field] / results[against][i][field]);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const med = (key, field) => median(results[key].map((x) => x[field]));
console.log(`\n${operations} async createSessions (3 polls each), concurrency ${concurrency}, poll every ${intervalMs} ms, ${repeats} repeats: medians, and [min–max] of the per-repeat ratios`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
console.log('| client | wall | CPU / op | requests / op | heap / in-flight op | CPU vs loop | heap vs loop |');
console.log('|---|---|---|---|---|---|---|');
for (const key of Object.keys(results)) {
  const base = baselineKey(key);
  const cpu = ratios(key, 'cpuMs', base);
  const heap = ratios(key, 'heapPerInFlight', base);
  console.log(
    `| ${key} | ${(med(key, 'wallMs') / 1000).toFixed(2)} s | ${((med(key, 'cpuMs') * 1000) / operations).toFixed(0)} µs | ${med(key, 'requestsPerOp').toFixed(2)} | ${kb(med(key, 'heapPerInFlight'))} | ${median(cpu).toFixed(2)}× [${spread(cpu)}] | ${median(heap).toFixed(2)}× [${spread(heap)}] |`,
  );
}
// The targets: rx-graph-lro on its default transport (undici) against core-lro on its own default
// (Node's fetch); both on Node's fetch; against the loop on cross-fetch.
const line = (label, key, against, field = 'cpuMs') => {
  if (!results[key] || !results[against]) return;
  const r = ratios(key, field, against);
  console.log(`${label}: ${median(r).toFixed(2)}× [${spread(r)}]`);
};
console.log('');
for (const core of ['core-lro (native fetch)', 'core-lro-3.4 (native fetch)']) {
  const name = core.split(' ')[0];
  line(`CPU, rx-graph-lro on its default transport (undici) / ${name} on its default (Node's fetch)`, 'rx (undici fetch)', core);
  line(`CPU, rx-graph-lro / ${name}, both on Node's fetch`, 'rx (native fetch)', core);
}
line('CPU, rx-graph-lro / the loop, both on cross-fetch', 'rx (cross fetch)', 'hand (cross fetch)');
line('CPU, rx-graph-lro on its default transport (undici) / the loop on cross-fetch', 'rx (undici fetch)', 'hand (cross fetch)');
line('heap per in-flight op, rx-graph-lro / the loop, both on cross-fetch', 'rx (cross fetch)', 'hand (cross fetch)', 'heapPerInFlight');
line('heap per in-flight op, rx-graph-lro on undici / the loop on cross-fetch', 'rx (undici fetch)', 'hand (cross fetch)', 'heapPerInFlight');
line('heap per in-flight op, rx-graph-lro / the loop, both on undici', 'rx (undici fetch)', 'hand (undici fetch)', 'heapPerInFlight');
