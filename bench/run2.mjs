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
const variants = process.env.VARIANTS ? process.env.VARIANTS.split(',').map((v) => v.split(':')) : [
  ['hand', 'cross'],
  ['rx', 'cross'],
  ['hand', 'native'],
  ['rx', 'native'],
  ['core-lro', 'native'],
];

const sim = new GraphSimulator();
await sim.start();

function runOnce(client, fetchName) {
  return new Promise((resolve, reject) => {
    const before = sim.requests.length;
    const proc = spawn(process.execPath, ['--expose-gc', child, client, fetchName, sim.baseUrl, operations, concurrency, intervalMs]);
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${client}/${fetchName} failed:\n${out}`));
      const figures = JSON.parse(out.trim().split('\n').pop());
      // Warm-up ran `concurrency` operations before the measured ones.
      figures.requestsPerOp = (sim.requests.length - before) / (operations + concurrency);
      resolve(figures);
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
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

const summary = Object.fromEntries(
  Object.entries(results).map(([key, runs]) => [
    key,
    Object.fromEntries(['wallMs', 'cpuMs', 'requestsPerOp', 'rssPerInFlight', 'heapPerInFlight'].map((f) => [f, median(runs.map((x) => x[f]))])),
  ]),
);
const baselineOf = (key) => summary[key.includes('cross') ? 'hand (cross fetch)' : 'hand (native fetch)'];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
console.log(`\n${operations} async createSessions (3 polls each), concurrency ${concurrency}, poll every ${intervalMs} ms, median of ${repeats}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
console.log('| client | wall | CPU / op | requests / op | RSS / in-flight op | heap / in-flight op | CPU vs loop | heap vs loop |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [key, s] of Object.entries(summary)) {
  const base = baselineOf(key);
  console.log(
    `| ${key} | ${(s.wallMs / 1000).toFixed(2)} s | ${((s.cpuMs * 1000) / operations).toFixed(0)} µs | ${s.requestsPerOp.toFixed(2)} | ${kb(s.rssPerInFlight)} | ${kb(s.heapPerInFlight)} | ${ratio(s.cpuMs, base.cpuMs)} | ${ratio(s.heapPerInFlight, base.heapPerInFlight)} |`,
  );
}
const rx = summary["rx (native fetch)"] ?? summary["rx (cross fetch)"];
const core = summary["core-lro (native fetch)"] ?? rx;
console.log(`\nrx-graph-lro CPU / core-lro CPU, both on Node's fetch: ${ratio(rx.cpuMs, core.cpuMs)}`);
