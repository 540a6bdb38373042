import { createGraphClient, toPromise } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('Purview: search the audit log and read every record, page after page', async () => {
  const sim = await new GraphSimulator().start();
  sim.setScript('security.queryAuditLog', { statuses: ['notStarted', 'running', 'succeeded'], records: 250, pageSize: 100 });
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });

  const records = await toPromise(
    graph.security.queryAuditLog({ filterStartDateTime: '2026-11-01T00:00:00Z', filterEndDateTime: '2026-11-02T00:00:00Z', operationFilters: ['FileAccessed'] }),
  );

  expect(records).toHaveLength(250); // three pages, followed by @odata.nextLink
  await sim.stop();
});
