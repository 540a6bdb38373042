// Profiles one client of `npm run bench` with V8's sampling profiler and
// prints where its CPU goes: self time by function and by file. The
// .cpuprofile is kept (open it in Chrome DevTools or speedscope for a flame graph).
//   node bench/profile.mjs [client=rx] [fetch=cross] [operations=2000] [concurrency=200] [intervalMs=50]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphSimulator } from 'rx-graph-lro/testing';

const [client = 'rx', fetchName = 'cross', operations = '2000', concurrency = '200', intervalMs = '50'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'rx-graph-lro-profile-'));
const sim = new GraphSimulator();
await sim.start();
const child = fileURLToPath(new URL('./client-process.mjs', import.meta.url));
await new Promise((resolve, reject) => {
  const proc = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '100', child, client, fetchName, sim.baseUrl, operations, concurrency, intervalMs], { stdio: ['ignore', 'ignore', 'inherit'] });
  proc.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
});
await sim.stop();

const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile')));
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const deltas = profile.timeDeltas;
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fnTime = new Map();
const fileTime = new Map();
for (const [id, us] of self) {
  const { callFrame: f } = byId.get(id);
  const where = f.url ? f.url.replace(/^.*node_modules\//, '~/').replace(/^file:\/\/.*\/(dist|bench)\//, '$1/') : '(native)';
  const fn = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
  fnTime.set(fn, (fnTime.get(fn) ?? 0) + us);
  const group = where.startsWith('~/') ? where.split('/').slice(0, 2).join('/') : where;
  fileTime.set(group, (fileTime.get(group) ?? 0) + us);
}
const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
console.log(`${client} (${fetchName} fetch): ${(total / 1000).toFixed(0)} ms sampled; profile: ${file}\n\nby file:\n${top(fileTime, 18).join('\n')}\n\nby function (self time):\n${top(fnTime, 30).join('\n')}`);
