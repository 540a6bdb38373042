import { createGraphClient, toPromise } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('Intune: export a report, then download it without the Graph token', async () => {
  const sim = await new GraphSimulator().start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });

  const url = await toPromise(graph.deviceManagement.exportReport({ reportName: 'Devices', format: 'csv' }));
  const zip = await fetch(url); // a SAS URL on blob storage: no Authorization header

  expect(zip.headers.get('content-type')).toBe('application/zip');
  await sim.stop();
});
