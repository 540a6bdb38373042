import * as t from 'io-ts';
import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('any operation, described by a spec: a Teams clone with an io-ts status model', async () => {
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', poll: { intervalMs: 10 } });
  const quick = { poll: { intervalMs: 10 } }; // Teams asks for 30 s between polls; the simulator does not.
  const TeamsAsyncOperation = t.type({ status: t.string, targetResourceId: t.union([t.string, t.null]) });
  const team = await lastValueFrom(graph.teams.create({ displayName: 'Launch' }, quick).pipe(result()));
  const teamId = String(team['id']);

  const cloneId = await lastValueFrom(
    graph
      .operation({
        kind: 'teams.clone',
        request: { method: 'POST', url: `/teams/${teamId}/clone`, body: { displayName: 'Copy', partsToClone: 'apps,tabs' } },
        status: {
          codec: TeamsAsyncOperation,
          describe: (s) => ({ status: s.status }),
          state: (s) => (s.status === 'succeeded' ? 'succeeded' : s.status === 'failed' ? 'failed' : 'running'),
        },
        resultFromStatus: (s) => s.targetResourceId,
      }, quick)
      .pipe(result()),
  );

  expect(typeof cloneId).toBe('string'); // the new team's id
});
