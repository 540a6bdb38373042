import { merge, range, mergeMap } from 'rxjs';
import type { GraphSimulator } from '../../src/testing';
import { startSimulator, until } from '../helpers/simulator';
import { clientTransports, closeTransports } from '../helpers/transports';

let sim: GraphSimulator;
let graph: Awaited<ReturnType<typeof startSimulator>>['graph'];
// The whole file runs over each transport a client can be given: the default (cross-fetch) and undici.
describe.each(clientTransports)('over $name', ({ make }) => {
  beforeEach(async () => ({ sim, graph } = await startSimulator({}, { transport: make() })));
  afterEach(async () => {
    await sim.stop();
    await closeTransports();
  });

  describe('cancellation under load', () => {
    it('500 operations in flight, unsubscribed at once: every in-flight request is aborted, none starts afterwards', async () => {
      // Status polls and monitor polls never answer, so each operation holds one request open.
      sim.inject({ path: '/operations/', times: 1e9, action: { kind: 'hang' } });
      sim.inject({ origin: 'monitor', times: 1e9, action: { kind: 'hang' } });
      const subscription = merge(
        range(0, 250).pipe(mergeMap((i) => graph.workbook(`/me/drive/items/w-${i}`).createSession({ persistChanges: true }))),
        range(0, 250).pipe(mergeMap((i) => graph.driveItem(`/me/drive/items/f-${i}`).copy())),
      ).subscribe();
      const hanging = () => sim.requests.filter((r) => r.status === undefined && r.method === 'GET');
      await until(() => hanging().length === 500, 10_000);
      const before = sim.requests.length;
      subscription.unsubscribe();
      await until(() => hanging().every((r) => r.aborted), 10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(hanging().filter((r) => !r.aborted)).toHaveLength(0);
      expect(hanging()).toHaveLength(500);
      expect(sim.requests).toHaveLength(before);
    }, 30_000);
  });
});
