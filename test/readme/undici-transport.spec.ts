import crossFetch from 'cross-fetch';
import { lastValueFrom } from 'rxjs';
import { createGraphClient, result, type GraphClient } from 'rx-graph-lro';
import { fetchTransport, undiciTransport } from 'rx-graph-lro/http';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('undici in Node by default; a fetch, or undici with options of your own, one option away', async () => {
  const { baseUrl } = sim;
  const token = 'token';
  const poll = { intervalMs: 10 };
  const clients: GraphClient[] = [];

  clients.push(createGraphClient({ baseUrl, token, poll })); // undiciTransport() in Node
  clients.push(createGraphClient({ baseUrl, token, poll, fetch: crossFetch })); // or globalThis.fetch: fetchTransport(fetch)
  clients.push(createGraphClient({ baseUrl, token, poll, transport: fetchTransport(globalThis.fetch) }));
  // Options: connections (unlimited), keepAliveTimeout (30000 ms), maxBodyBytes (16 MiB), or a dispatcher of your own.
  const transport = undiciTransport({ connections: 64 });
  clients.push(createGraphClient({ baseUrl, token, poll, transport }));

  for (const graph of clients) {
    const session = await lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));
    expect(session).toMatchObject({ persistChanges: true });
  }
  // Idle connections do not keep Node running; close() ends them (tests, shutdown).
  await transport.close();

  expect(sim.requests).toHaveLength(4 * 5); // a start, three polls and the result read, on each transport
});
