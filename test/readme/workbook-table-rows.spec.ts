import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('Workbook: add a row in a session, then delete one', async () => {
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', poll: { intervalMs: 10 } });
  const book = graph.workbook('/me/drive/items/01ABC');
  const { id: sessionId } = await lastValueFrom(book.createSession({ persistChanges: true }).pipe(result()));

  const added = await lastValueFrom(book.addTableRow('Sales', [['north', 120]], { sessionId }).pipe(result())); // → { index, values }
  const deleted = await lastValueFrom(book.deleteTableRow('Sales', 0).pipe(result())); // → undefined

  expect(added).toMatchObject({ index: 0, values: [['north', 120]] });
  expect(deleted).toBeUndefined();
  expect(sim.tableRows('/me/drive/items/01ABC', 'Sales')).toEqual([]);
});
