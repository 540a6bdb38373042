import { createGraphClient, toPromise } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test("Users: export a user's personal data to your storage container", async () => {
  const sim = await new GraphSimulator().start();
  // Graph asks for 60 s before the first poll (Retry-After); the script shortens it.
  sim.setScript('user.exportPersonalData', { statuses: ['notStarted', 'running', 'complete'], retryAfter: '0' });
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });

  const operation = await toPromise(graph.user('adele@contoso.com').exportPersonalData('https://contoso.blob.core.windows.net/exports?sv=2024-11-04&sig=…'));

  expect(operation.status).toBe('complete'); // Graph's word for it; the data is in the container
  await sim.stop();
});
