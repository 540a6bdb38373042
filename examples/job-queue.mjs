// A job queue in miniature: this process starts operations and queues their
// JSON handles (no token in them); a worker process resumes them with
// graph.resume(). Also shows deleteTableRow and a custom graph.operation.
//
//   node examples/job-queue.mjs                   against the embedded simulator
import { spawn } from 'node:child_process';
import * as t from 'io-ts';
import { fileURLToPath } from 'node:url';
import { first, forkJoin, lastValueFrom, map, merge, toArray } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

if (process.argv[2] === '--worker') {
  // The worker: another process, its own client (and its own token source in real life).
  const [baseUrl, jobs] = [process.argv[3], JSON.parse(process.argv[4])];
  const graph = createGraphClient({ baseUrl, token: 'worker-token', poll: { intervalMs: 50 } });
  const results = await lastValueFrom(
    merge(...jobs.map((handle) => graph.resume(handle).pipe(result(), map((value) => `${handle.kind}: ${value.id ?? JSON.stringify(value)}`)))).pipe(toArray()),
  );
  for (const line of results) console.log(`  worker finished ${line}`);
  process.exit(0);
}

const sim = new GraphSimulator();
await sim.start();
const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'producer-token', poll: { intervalMs: 50 } });
const book = graph.workbook('/me/drive/items/01BOOK');

// Start operations, keep only their handles: the producer then stops caring.
const handleOf = (operation$) => operation$.pipe(first((event) => event.type === 'accepted'), map((event) => event.handle));
const handles = await lastValueFrom(
  forkJoin([
    handleOf(book.createSession({ persistChanges: true })),
    handleOf(graph.driveItem('/me/drive/items/01FOLDER').copy({ name: 'Archive' })),
  ]),
);
const queued = JSON.stringify(handles);
console.log(`queued ${handles.length} handles (${queued.length} bytes, no token: ${!queued.includes('producer-token')})`);

const worker = spawn(process.execPath, [fileURLToPath(import.meta.url), '--worker', sim.baseUrl, queued], { stdio: 'inherit' });
await new Promise((resolve) => worker.on('close', resolve));

// Meanwhile, other kinds of operation in this process.
await lastValueFrom(book.addTableRow('Log', [['a'], ['b'], ['c']]).pipe(result()));
const deleted = await lastValueFrom(book.deleteTableRow('Log', 1).pipe(result()));
console.log(`deleteTableRow result: ${deleted}; rows left: ${JSON.stringify(sim.tableRows('/me/drive/items/01BOOK', 'Log'))}`);

// Any other 202 + Location operation, described by hand: here the same copy API.
const copiedId = await lastValueFrom(
  graph
    .operation({
      kind: 'my.copy',
      request: { method: 'POST', url: '/me/drive/items/01FOLDER/copy', body: { name: 'By hand' } },
      status: {
        codec: t.intersection([t.type({ status: t.string }), t.partial({ percentageComplete: t.number, resourceId: t.string })]),
        describe: (s) => ({ status: s.status, percentageComplete: s.percentageComplete }),
        state: (s) => (s.status === 'completed' ? 'succeeded' : s.status === 'failed' ? 'failed' : 'running'),
      },
      pollAuth: 'none',
      resultFromStatus: (s) => s.resourceId,
    })
    .pipe(result()),
);
console.log(`custom operation result: ${copiedId}`);
await sim.stop();
