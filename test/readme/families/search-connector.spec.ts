import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('Microsoft Search: register a connector schema', async () => {
  const sim = await new GraphSimulator().start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });

  const schema = await lastValueFrom(
    graph
      .externalConnection('contosohr')
      .updateSchema({ properties: [{ name: 'title', type: 'string', isSearchable: true, isRetrievable: true, labels: ['title'] }] })
      .pipe(result()),
  );

  expect(schema['properties']).toHaveLength(1);
  await sim.stop();
});
