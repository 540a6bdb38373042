import { lastValueFrom, merge, toArray } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('a request budget: every request of the client counted, none failed for it', async () => {
  // Against Graph, say: stay under Excel's limit with room for other apps: { limit: 1200, intervalMs: 10_000, burst: 50 }.
  // Here 5 requests, then one every 20 ms, so the wait shows.
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', requestBudget: { limit: 50, intervalMs: 1000, burst: 5 }, poll: { intervalMs: 10 } });

  const started = performance.now();
  const books = ['01A', '01B', '01C'].map((id) => graph.workbook(`/me/drive/items/${id}`));
  const sessions = await lastValueFrom(merge(...books.map((book) => book.createSession({ persistChanges: false }).pipe(result()))).pipe(toArray()));
  const elapsed = performance.now() - started;

  expect(sessions).toHaveLength(3);
  expect(sim.requests.length).toBe(15); // a start, three polls and a read each
  expect(elapsed).toBeGreaterThanOrEqual((15 - 5) * 20 - 20); // the ten over the burst waited their turn
});
