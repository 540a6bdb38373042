import { lastValueFrom, toArray } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in; against Graph, drop baseUrl and pass your token
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('createSession: every event, or only the result', async () => {
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', poll: { intervalMs: 10 } });

  const events = await lastValueFrom(graph.workbook('/me/drive/items/01ABCDEF').createSession({ persistChanges: true }).pipe(toArray()));
  expect(events.map((event) => event.type)).toEqual(['accepted', 'status', 'status', 'status', 'succeeded']);
  // { type: 'accepted', location: 'https://graph.microsoft.com/v1.0/me/drive/items/01ABCDEF/workbook/operations/…', handle }
  // { type: 'status', status: 'notStarted' }
  // { type: 'status', status: 'running' }
  // { type: 'status', status: 'succeeded' }
  // { type: 'succeeded', result: { id: 'cluster=…', persistChanges: true } }

  // Only the result:
  const session = await lastValueFrom(graph.workbook('/me/drive/items/01ABCDEF').createSession({ persistChanges: true }).pipe(result()));
  expect(session).toMatchObject({ persistChanges: true });
});
