import { spawn } from 'node:child_process';
import { GraphSimulator } from 'rx-graph-lro/testing';
const sim = new GraphSimulator(); await sim.start();
const runs = process.argv.slice(2);
for (let r = 0; r < 3; r++) for (const v of runs) {
  const [c, f] = v.split(':');
  const p = spawn(process.execPath, ['--expose-gc', '/work/main/bench/client-process.mjs', c, f, sim.baseUrl, '2000', '200', '50']);
  let out = ''; p.stdout.on('data', (d) => (out += d));
  await new Promise((res) => p.on('close', res));
  const j = JSON.parse(out); console.log(v.padEnd(14), 'cpu', j.cpuMs.toFixed(0), 'heap/op KB', (j.heapPerInFlight / 1024).toFixed(1));
}
await sim.stop();
