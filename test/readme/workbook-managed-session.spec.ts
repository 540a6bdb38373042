import { lastValueFrom, merge, switchMap, take, toArray } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('Workbook: rows written in a managed session, closed when the work is done', async () => {
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', poll: { intervalMs: 10 } });
  const rows = [['north', 120], ['south', 80]];
  const book = graph.workbook('/me/drive/items/01ABC');

  // The session lives while you use it; rows run in it, one at a time.
  await lastValueFrom(
    book.withSession({ persistChanges: true }, (session) => merge(...rows.map((row) => session.addTableRow('Sales', [row]).pipe(result())))),
  );

  // Or hold it yourself: emitted once, refreshed, closed when the last subscriber leaves.
  const added = await lastValueFrom(
    book.session({ persistChanges: true }).pipe(
      switchMap((s) => merge(...rows.map((row) => s.addTableRow('Sales', [row]).pipe(result()))).pipe(toArray())),
      take(1), // done: unsubscribing closes the session
    ),
  );

  expect(added).toHaveLength(2);
  expect(sim.tableRows('/me/drive/items/01ABC', 'Sales')).toEqual([...rows, ...rows]);
  const [a, b, c, d] = sim.requests.filter((r) => r.path.endsWith('/rows')).map((r) => r.sessionId!);
  expect([a === b, c === d, a !== c]).toEqual([true, true, true]); // one session each time, in every call
  const closed = () => [sim.session(a!)?.closed, sim.session(c!)?.closed];
  while (closed().includes(false)) await new Promise((resolve) => setTimeout(resolve, 10)); // the last closeSession is on its way
  expect(closed()).toEqual([true, true]);
});
