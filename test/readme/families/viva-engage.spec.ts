import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('Viva Engage: create a community (Operation-Location)', async () => {
  const sim = await new GraphSimulator().start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token' });

  const community = await lastValueFrom(
    graph.engage.createCommunity({ displayName: 'Product launch', privacy: 'public' }, { poll: { intervalMs: 10 } }).pipe(result()),
  );

  expect(community).toMatchObject({ displayName: 'Product launch' });
  await sim.stop();
});
