// Adds many table rows: each row is one async operation; mergeMap bounds the
// concurrency, an overall timeout bounds the batch, Ctrl-C cancels all of it
// (requests in flight are aborted, the session is closed once).
//
//   node examples/add-rows.mjs [rows=40]          against the embedded simulator
//   GRAPH_TOKEN=… GRAPH_ITEM=/me/drive/items/{id} GRAPH_TABLE=Table1 node examples/add-rows.mjs
import { fromEvent, map, mergeMap, range, scan, takeUntil, timeout, last } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const count = Number(process.argv[2] ?? 40);
const real = Boolean(process.env.GRAPH_TOKEN);
const sim = real ? undefined : new GraphSimulator();
if (sim) {
  await sim.start();
  // Throttling and a gateway timeout along the way, as Graph does under load.
  sim.inject({ path: '/operations/', times: 3, action: { kind: 'status', status: 429, retryAfter: '0.3' } });
  sim.inject({ path: 'tableRowOperationResult', times: 2, action: { kind: 'status', status: 504 } });
}

const graph = createGraphClient({
  baseUrl: process.env.GRAPH_BASE_URL || sim?.baseUrl,
  token: process.env.GRAPH_TOKEN || 'simulator-token',
  poll: { intervalMs: real ? 1000 : 20 },
  retry: { baseDelayMs: real ? 500 : 20 },
});
const item = process.env.GRAPH_ITEM || '/me/drive/root:/Reports/Sales.xlsx:';
const table = process.env.GRAPH_TABLE || 'Sales';
const book = graph.workbook(item);

const started = Date.now();
const batch = book.withSession({ persistChanges: true }, (session) =>
  range(1, count).pipe(
    // Writes to one workbook are serialized by the library (Graph's advice);
    // the concurrency here bounds how many operations are queued at once.
    mergeMap((n) => session.addTableRow(table, [[`row ${n}`, n * 10]]).pipe(result()), 8),
    scan((done) => done + 1, 0),
    map((done) => {
      process.stdout.write(`\r${done}/${count} rows added`);
      return done;
    }),
    last(),
  ),
);

batch.pipe(timeout({ first: 120_000 }), takeUntil(fromEvent(process, 'SIGINT'))).subscribe({
  next: (done) => console.log(`\n${done} rows in ${Date.now() - started} ms`),
  error: (error) => {
    console.error(`\n${error.name}: ${error.message}`);
    process.exitCode = 1;
  },
  complete: async () => {
    if (sim) {
      // Let the closeSession that follows completion reach the simulator.
      await new Promise((r) => setTimeout(r, 100));
      const rows = sim.tableRows(item, table).length;
      const closes = sim.requests.filter((r) => r.path.endsWith('/closeSession')).length;
      console.log(`simulator: ${rows} rows in ${table}, ${sim.requests.length} requests, session closed ${closes} time(s)`);
      await sim.stop();
    }
  },
});
