import crossFetch from 'cross-fetch';
import { lastValueFrom } from 'rxjs';
import { createGraphClient } from '../../src/client';
import { result } from '../../src/lro/operators/result';
import { GraphSimulator } from '../../src/testing';
import type { FetchLike } from '../../src/http/transport';

// Over cross-fetch, the requests of one operation share one AbortController (one per operation,
// not per request); a cancelled operation still aborts the request it has in flight.
let sim: GraphSimulator;
const Original = globalThis.AbortController;
let made = 0;
beforeEach(async () => {
  sim = new GraphSimulator();
  await sim.start();
  made = 0;
  globalThis.AbortController = class extends Original {
    constructor() {
      super();
      made++;
    }
  };
});
afterEach(async () => {
  globalThis.AbortController = Original;
  await sim.stop();
});

it('over cross-fetch, one AbortController per operation, not one per request', async () => {
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 't', fetch: crossFetch as unknown as FetchLike, poll: { intervalMs: 5, backoffFactor: 1 } });
  for (const item of ['a', 'b', 'c']) await lastValueFrom(graph.workbook(`/me/drive/items/${item}`).createSession({ persistChanges: true }).pipe(result()));
  expect(sim.requests.length).toBeGreaterThanOrEqual(3 * 4);
  expect(made).toBe(3);
});

it('a cancelled operation aborts the request it has in flight through its shared signal', async () => {
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 't', fetch: crossFetch as unknown as FetchLike, poll: { intervalMs: 5, backoffFactor: 1 } });
  sim.inject({ method: 'GET', path: '/operations/', times: 1, action: { kind: 'hang' } });
  const subscription = graph.workbook('/me/drive/items/a').createSession({ persistChanges: true }).subscribe();
  while (!sim.requests.some((r) => r.path.includes('/operations/'))) await new Promise((r) => setTimeout(r, 5));
  subscription.unsubscribe();
  const poll = () => sim.requests.find((r) => r.path.includes('/operations/'))!;
  for (let i = 0; i < 200 && !(poll() as { aborted?: boolean }).aborted; i++) await new Promise((r) => setTimeout(r, 5));
  expect(poll()).toMatchObject({ aborted: true });
});
