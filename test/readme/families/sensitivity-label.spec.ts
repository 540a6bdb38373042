import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('Files: assign a sensitivity label (no token to the SharePoint monitor)', async () => {
  const sim = await new GraphSimulator().start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });

  const item = await lastValueFrom(
    graph.driveItem('/me/drive/items/01CONTRACT').assignSensitivityLabel({ sensitivityLabelId: 'confidential-label-id' }).pipe(result()),
  );

  expect(item['sensitivityLabel']).toMatchObject({ id: 'confidential-label-id' });
  expect(sim.requests.filter((r) => r.origin === 'monitor').every((r) => r.authorization === 'none')).toBe(true);
  await sim.stop();
});
