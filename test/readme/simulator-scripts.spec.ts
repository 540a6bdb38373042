import { createGraphClient, pollUntilDone } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('the simulator: a script per kind, with durations drawn from a distribution', async () => {
  const sim = new GraphSimulator({
    scripts: {
      'deviceManagement.exportReport': { statuses: ['notStarted', 'inProgress', 'completed'], durationMs: { distribution: 'logNormal', medianMs: 60_000 } },
      'security.queryAuditLog': { statuses: ['notStarted', 'running', 'succeeded'], records: 250, pageSize: 100 },
    },
  });
  sim.setScript('user.exportPersonalData', { statuses: ['notStarted', 'running', 'complete'], durationMs: 5_000, retryAfter: '1' });
  await sim.start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });

  const records = await pollUntilDone(graph.security.queryAuditLog({ filterStartDateTime: '2026-11-01T00:00:00Z', filterEndDateTime: '2026-11-02T00:00:00Z' }));

  expect(records).toHaveLength(250);
  expect(sim.warnings).toEqual([]); // every word is one the kind's status model knows
  await sim.stop();
});
