import { lastValueFrom, switchMap } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('Intune: export a report, then download its zip without the Graph token', async () => {
  const sim = await new GraphSimulator().start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });

  const zip = await lastValueFrom(
    graph.deviceManagement.exportReport({ reportName: 'Devices', format: 'csv' }).pipe(
      result(), // the download URL: a SAS URL on blob storage
      switchMap((url) => graph.deviceManagement.downloadReport(url)), // its bytes; no Authorization header
    ),
  );

  expect(Buffer.from(zip.subarray(0, 4)).toString('latin1')).toBe('PK\u0003\u0004'); // a zip
  await sim.stop();
});
