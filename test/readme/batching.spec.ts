import { lastValueFrom, merge, toArray } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('polls and result reads folded into $batch', async () => {
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', batch: { windowMs: 50 }, poll: { intervalMs: 10, backoffFactor: 1 } });

  const books = ['01A', '01B', '01C', '01D'].map((id) => graph.workbook(`/me/drive/items/${id}`));
  const sessions = await lastValueFrom(merge(...books.map((book) => book.createSession({ persistChanges: false }).pipe(result()))).pipe(toArray()));

  expect(sessions).toHaveLength(4);
  expect(sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/$batch')).length).toBeGreaterThan(0);
  expect(sim.requests.filter((r) => r.batchItem).length).toBeGreaterThan(4); // the polls and result reads went inside them
});
