import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('Workbook: createSession on a workbook addressed by its path', async () => {
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', poll: { intervalMs: 10 } });

  const session = await lastValueFrom(graph.workbook('/me/drive/root:/Reports/Q1.xlsx:').createSession({ persistChanges: true }).pipe(result()));

  expect(session).toMatchObject({ persistChanges: true });
  const start = sim.requests[0]!;
  expect(`${start.method} ${start.path} ${start.prefer}`).toBe('POST /v1.0/me/drive/root:/Reports/Q1.xlsx:/workbook/createSession respond-async');
});
