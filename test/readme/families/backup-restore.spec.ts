import { lastValueFrom, toArray } from 'rxjs';
import { createGraphClient, toPromise } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('Backup: restore a site; some artifacts failing is a partial success, not an error', async () => {
  const sim = await new GraphSimulator({ scripts: { 'backupRestore.activateRestoreSession': { statuses: ['activating', 'active', 'completedWithError'] } } }).start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });
  const body = { siteRestoreArtifacts: [{ restorePoint: { id: 'rp-1' } }, { restorePoint: { id: 'rp-2' } }] };
  const draft = (await toPromise(graph.operation({ request: { method: 'POST', url: '/solutions/backupRestore/sharePointRestoreSessions', body } }))) as { id: string };

  const events = await lastValueFrom(graph.backupRestore.activateRestoreSession(draft.id).pipe(toArray()));

  expect(events.at(-1)).toMatchObject({ type: 'succeeded', partial: true, result: { status: 'completedWithError' } });
  await sim.stop();
});
