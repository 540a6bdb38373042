import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { undiciTransport } from 'rx-graph-lro/http';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test("the undici transport: Node's own HTTP client, keep-alive connections", async () => {
  // Options: connections (unlimited), keepAliveTimeout (30000 ms), maxBodyBytes (16 MiB), or a dispatcher of your own.
  const transport = undiciTransport();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', transport, poll: { intervalMs: 10 } });

  const session = await lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));
  // Idle connections do not keep Node running; close() ends them (tests, shutdown).
  await transport.close();

  expect(session).toMatchObject({ persistChanges: true });
});
