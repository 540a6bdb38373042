// $batch in headless Chromium, where a page gets six connections per host:
// 200 concurrent createSessions from a page against the simulator, with and
// without `batch`, three runs each: wall time and the round trips the page
// made. Needs Debian's chromium at /usr/bin/chromium (CHROMIUM= to override).
//   node bench/batching-browser.mjs [operations=200]
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { GraphSimulator } from 'rx-graph-lro/testing';

const total = Number(process.argv[2] ?? 200);
const REPEATS = 3;
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.log(`\n$batch in Chromium: skipped (no Chromium at ${executablePath})`);
  process.exit(0);
}

// The page's script: the library's browser build, as a bundler would take it.
const page = `
import { lastValueFrom, merge, toArray } from 'rxjs';
import { createGraphClient, result } from ${JSON.stringify(fileURLToPath(new URL('../dist/browser/index.js', import.meta.url)))};
window.runSessions = async (baseUrl, total, batch) => {
  const graph = createGraphClient({ baseUrl, token: 'bench', poll: { intervalMs: 200, backoffFactor: 1 }, ...(batch ? { batch: { windowMs: 20 } } : {}) });
  const started = performance.now();
  const sessions = await lastValueFrom(merge(...Array.from({ length: total }, (_, i) => graph.workbook('/me/drive/items/b' + i).createSession({ persistChanges: true }).pipe(result()))).pipe(toArray()));
  return { count: sessions.length, wallMs: performance.now() - started };
};`;
const bundle = await build({ stdin: { contents: page, resolveDir: fileURLToPath(new URL('..', import.meta.url)) }, bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
const script = bundle.outputFiles[0].text;
const server = createServer((req, res) => {
  if (req.url === '/page.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    return res.end(script);
  }
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><script type="module" src="/page.js"></script>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'] });
const bound = setTimeout(() => {
  console.error('the browser bench did not finish in time');
  process.exit(1);
}, 300_000);

const runs = { single: [], batched: [] };
try {
  const tab = await browser.newPage();
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => typeof window.runSessions === 'function');
  for (let i = 0; i < REPEATS; i++) {
    for (const batched of [false, true]) {
      const sim = await new GraphSimulator().start();
      const outcome = await tab.evaluate(([url, n, b]) => window.runSessions(url, n, b), [sim.baseUrl, total, batched]);
      await sim.stop();
      if (outcome.count !== total) throw new Error(`only ${outcome.count} sessions`);
      const trips = sim.requests.filter((r) => !r.batchItem && r.method !== 'OPTIONS');
      runs[batched ? 'batched' : 'single'].push({ wallMs: outcome.wallMs, trips: trips.length });
    }
  }
} finally {
  clearTimeout(bound);
  await browser.close();
  server.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `[${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`;
console.log(`\n$batch in headless Chromium: ${total} concurrent createSessions from one page, ${REPEATS} runs\n`);
console.log('| | round trips (CORS preflights not counted) | wall time (ms) |');
console.log('|---|---|---|');
for (const [name, rs] of Object.entries(runs)) {
  const wall = rs.map((r) => r.wallMs);
  const trips = rs.map((r) => r.trips);
  console.log(`| ${name} | ${median(trips)} ${spread(trips)} | ${median(wall).toFixed(0)} ${spread(wall)} |`);
}
console.log(`\nwall time with batch: ${(median(runs.batched.map((r) => r.wallMs)) / median(runs.single.map((r) => r.wallMs))).toFixed(2)}× of without`);
