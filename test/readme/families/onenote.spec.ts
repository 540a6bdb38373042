import { lastValueFrom, toArray } from 'rxjs';
import { createGraphClient, progress, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('OneNote: copy a notebook, watching its progress', async () => {
  const sim = await new GraphSimulator().start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });

  const copy = graph.onenote('/me').copyNotebook('1-notebook', { renameAs: 'Archive 2026' });
  const percents = await lastValueFrom(copy.pipe(progress(), toArray()));
  const notebook = await lastValueFrom(graph.onenote('/me').copySection('1-section', { toNotebook: '1-archive' }).pipe(result()));

  expect(percents).toEqual([0, 50, 100]); // OneNote sends "50.0"; you get 50
  expect(notebook['id']).toBeDefined();
  await sim.stop();
});
