import { AsyncLocalStorage } from 'node:async_hooks';
import { lastValueFrom, Observable, tap } from 'rxjs';
import { createGraphClient } from '../../src/client';
import { GraphSimulator } from '../../src/testing';
import { clientTransports, closeTransports } from '../helpers/transports';

// A web API keeps per-request state (a request id, a user, an OpenTelemetry context) in
// AsyncLocalStorage. Whatever the transport, the code a caller runs when an operation tells it
// something runs in that caller's context: undici's dispatcher calls back in the context of
// whoever opened the connection, which another caller's request may have done.
let sim: GraphSimulator;
beforeEach(async () => {
  sim = new GraphSimulator();
  await sim.start();
});
afterEach(async () => {
  await closeTransports();
  await sim.stop();
});

describe("a caller's AsyncLocalStorage store is the one its callbacks see", () => {
  it.each([...clientTransports.map((c) => [c.name, c] as const), ['the default transport', undefined] as const])('on %s', async (_name, transportCase) => {
    const caller = new AsyncLocalStorage<string>();
    const graph = createGraphClient({
      baseUrl: sim.baseUrl,
      token: 'a-fixed-token',
      poll: { intervalMs: 5, backoffFactor: 1 },
      ...(transportCase ? { transport: transportCase.make() } : {}),
    });
    const seen: { owner: string; store: string | undefined }[] = [];
    const as = <T>(owner: string, source: Observable<T>) => new Observable<T>((subscriber) => caller.run(owner, () => source.subscribe(subscriber)));
    await Promise.all(
      ['alice', 'bob', 'carol'].flatMap((owner) =>
        [1, 2, 3].map((n) =>
          lastValueFrom(
            as(owner, graph.workbook(`/me/drive/items/${owner}-${n}`).createSession({ persistChanges: true })).pipe(
              tap(() => seen.push({ owner, store: caller.getStore() })),
            ),
          ),
        ),
      ),
    );
    expect(seen.length).toBeGreaterThanOrEqual(9 * 2);
    expect(seen.filter((s) => s.store !== s.owner)).toEqual([]);
  });
});
