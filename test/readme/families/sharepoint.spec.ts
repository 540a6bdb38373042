import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('SharePoint: add a content type from the hub (202 or an immediate 200)', async () => {
  const sim = await new GraphSimulator().start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });
  const site = graph.site('contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE');

  const contentType = await lastValueFrom(site.copyContentTypeFromHub('0x0101009D1CB255DA76424F860D91F20E6C4118').pipe(result()));

  expect(contentType['id']).toBe('0x0101009D1CB255DA76424F860D91F20E6C4118');
  await sim.stop();
});
