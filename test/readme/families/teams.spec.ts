import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('Teams: clone a team, then archive the original', async () => {
  const sim = await new GraphSimulator().start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token' });
  const quick = { poll: { intervalMs: 10 } }; // Graph asks for 30 s between polls; the simulator does not.

  const original = await lastValueFrom(graph.teams.create({ displayName: 'Launch' }, quick).pipe(result()));
  const copy = await lastValueFrom(
    graph.teams.clone(String(original['id']), { displayName: 'Launch (next)', partsToClone: ['apps', 'tabs', 'channels'] }, quick).pipe(result()),
  );
  const archived = await lastValueFrom(graph.teams.archive(String(original['id']), {}, quick).pipe(result()));

  expect(copy).toMatchObject({ displayName: 'Launch (next)' });
  expect(archived).toMatchObject({ isArchived: true });
  await sim.stop();
});
