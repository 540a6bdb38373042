import { lastValueFrom, tap } from 'rxjs';
import { createGraphClient, progress, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('with no status model: OneNote and Teams through graph.operation({ request })', async () => {
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', poll: { intervalMs: 10 } });
  const quick = { poll: { intervalMs: 10 } }; // Teams asks for 30 s between polls; the simulator does not.
  const { id: teamId } = await lastValueFrom(graph.teams.create({ displayName: 'Launch' }, quick).pipe(result()));
  const [id, body] = ['1-notebook', { displayName: 'Copy', partsToClone: 'apps,tabs' }];
  const seen: string[] = [];

  // OneNote answers with Operation-Location, PascalCase words and percentComplete as a string:
  await lastValueFrom(
    graph
      .operation({ request: { method: 'POST', url: `/me/onenote/notebooks/${id}/copyNotebook`, body: { renameAs: 'Copy' } } })
      .pipe(
        progress(),
        tap((p) => seen.push(`${p}%`)),
      ),
  );

  // A Teams clone: the new team, read from targetResourceLocation.
  const team = await lastValueFrom(graph.operation({ kind: 'teams.clone', request: { method: 'POST', url: `/teams/${teamId}/clone`, body } }, quick).pipe(result()));

  expect(seen).toEqual(['0%', '50%', '100%']);
  expect(team).toMatchObject({ displayName: 'Copy' });
});
