import { createGraphClient, pollUntilDone } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('eDiscovery: estimate a search; partial success is an outcome to read', async () => {
  const sim = await new GraphSimulator({ script: () => ({ statuses: ['running', 'partiallySucceeded'] }) }).start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });

  const estimate = await pollUntilDone(graph.ediscoveryCase('case-1').estimateStatistics('search-1'));

  expect(estimate.status).toBe('partiallySucceeded');
  expect(estimate.resultInfo?.message).toBeDefined(); // which locations failed
  await sim.stop();
});
