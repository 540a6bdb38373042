// Copies a folder and draws a progress bar from the monitor's percentageComplete.
// The monitor lives on another origin and gets no token.
//
//   node examples/copy-folder.mjs                 against the embedded simulator
//   GRAPH_TOKEN=… GRAPH_ITEM=/me/drive/items/{folder-id} node examples/copy-folder.mjs
import { fromEvent, takeUntil } from 'rxjs';
import { createGraphClient } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const real = Boolean(process.env.GRAPH_TOKEN);
const sim = real ? undefined : new GraphSimulator();
if (sim) {
  await sim.start();
  sim.setScript(() => ({
    statuses: ['notStarted', ...Array(9).fill('inProgress'), 'completed'],
    percentages: [0, 8.5, 17.2, 27.8, 39, 48.6, 61.3, 72, 84.4, 93.1, 100],
  }));
}

const graph = createGraphClient({
  baseUrl: process.env.GRAPH_BASE_URL || sim?.baseUrl,
  token: process.env.GRAPH_TOKEN || 'simulator-token',
  poll: { intervalMs: real ? 1000 : 150, backoffFactor: 1 },
});
const folder = process.env.GRAPH_ITEM || '/me/drive/items/01LARGEFOLDER';

const bar = (pct) => `[${'#'.repeat(Math.round(pct / 5)).padEnd(20, '.')}] ${pct.toFixed(1).padStart(5)}%`;

graph
  .driveItem(folder)
  .copy({ name: `Copy of LargeFolder1 ${new Date().toISOString().slice(0, 19)}`, conflictBehavior: 'rename' }, { timeoutMs: 10 * 60_000 })
  .pipe(takeUntil(fromEvent(process, 'SIGINT')))
  .subscribe({
    next: (event) => {
      if (event.type === 'accepted') console.log(`monitor: ${event.location}`);
      if (event.type === 'status') process.stdout.write(`\r${bar(event.percentageComplete ?? 0)} ${event.status.padEnd(12)}`);
      if (event.type === 'succeeded') console.log(`\ncopied: ${event.result.name} (${event.result.id})`);
    },
    error: (error) => {
      console.error(`\n${error.name}: ${error.message}`);
      process.exitCode = 1;
    },
    complete: async () => {
      if (sim) {
        const monitor = sim.requests.filter((r) => r.origin === 'monitor');
        console.log(`monitor polled ${monitor.length} times; Authorization sent to it: ${monitor.some((r) => r.authorization !== 'none') ? 'YES' : 'never'}`);
        await sim.stop();
      }
    },
  });
