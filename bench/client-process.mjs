// One client's run, in its own process: warm up, then N operations at a
// fixed concurrency, measuring wall time, CPU and memory. Prints JSON.
//   node bench/client-process.mjs <client> <fetch> <baseUrl> <operations> <concurrency> <intervalMs>
import { clients, fetches } from './clients.mjs';

const [name, fetchName, baseUrl, total, concurrency, intervalMs] = process.argv.slice(2);
const run = await clients[name]({ baseUrl, fetch: await fetches[fetchName](), fetchName, intervalMs: Number(intervalMs) });

async function pool(count, width, prefix) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const session = await run(`/me/drive/items/${prefix}-${i}`);
      if (!session?.id) throw new Error(`no session for ${i}`);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

await pool(Number(concurrency), Number(concurrency), 'warm');
globalThis.gc?.();
const base = process.memoryUsage();
let peakRss = base.rss;
let peakHeap = base.heapUsed;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 10);
const cpu = process.cpuUsage();
const started = performance.now();
await pool(Number(total), Number(concurrency), 'op');
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
clearInterval(sampler);
console.log(
  JSON.stringify({
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    rssPerInFlight: (peakRss - base.rss) / Number(concurrency),
    heapPerInFlight: (peakHeap - base.heapUsed) / Number(concurrency),
  }),
);
