import { AsyncLocalStorage } from 'node:async_hooks';
import { BehaviorSubject, lastValueFrom } from 'rxjs';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createGraphClient, type GraphClientOptions } from '../../src/client';
import { result } from '../../src/lro/operators/result';
import { msalTokenSource } from '../../src/msal';
import { GraphSimulator } from '../../src/testing';

// Node before 20.16, as the library sees it: no process.getBuiltinModule, so the core cannot
// reach AsyncLocalStorage.snapshot by itself. Removed before this file's first client looks
// for it (the look-up is lazy) and put back after; on Node 18 itself there is nothing to remove.
const processWithLookUp = process as { getBuiltinModule?: unknown };
const getBuiltinModule = processWithLookUp.getBuiltinModule;
beforeAll(() => delete processWithLookUp.getBuiltinModule);
afterAll(() => {
  if (getBuiltinModule !== undefined) processWithLookUp.getBuiltinModule = getBuiltinModule;
});

let sim: GraphSimulator;
beforeEach(async () => {
  sim = new GraphSimulator({ validTokens: [] });
  await sim.start();
});
afterEach(() => sim.stop());

const tokenFunction = () => 'token-of-whoever';
const limiter = { acquire: (send: () => void) => (send(), () => undefined) };

describe('where the caller\'s context cannot be captured (Node before 20.16)', () => {
  // The order matters: msalTokenSource (last test) hands the snapshot over for good.
  it.each<[string, Partial<GraphClientOptions>, string]>([
    ['a token function with batch', { token: tokenFunction, batch: { windowMs: 20 } }, 'batch'],
    ['a token function with a request budget', { token: tokenFunction, requestBudget: { limit: 10, intervalMs: 1000 } }, 'requestBudget'],
    ['a token function with a shared RequestLimiter', { token: tokenFunction, requestBudget: limiter }, 'requestBudget'],
    ['an Observable token with batch', { token: new BehaviorSubject('t'), batch: { windowMs: 20 } }, 'batch'],
    ['a TokenCredential with a request budget', { token: { getToken: async () => ({ token: 't' }) }, requestBudget: { limit: 10, intervalMs: 1000 } }, 'requestBudget'],
  ])('refuses %s with a TypeError that names the fix; nothing is sent', async (_name, options, named) => {
    const create = () => createGraphClient({ baseUrl: sim.baseUrl, ...options });
    expect(create).toThrow(TypeError);
    expect(create).toThrow(new RegExp(`^${named} with a token function, Observable or credential needs AsyncLocalStorage\\.snapshot`));
    expect(create).toThrow(/send that user's token\. Fix: run on Node\.js 20\.16 or later .*msalTokenSource\(\) in rx-graph-lro\/msal.*token as a string.*leave out batch and requestBudget/);
    expect(sim.requests).toHaveLength(0);
  });

  it('accepts a fixed token string with both, and a token function with neither: they run', async () => {
    const open = await new GraphSimulator().start(); // any token is valid there
    try {
      const accepted: Partial<GraphClientOptions>[] = [
        { token: 'a-fixed-token', batch: { windowMs: 5 }, requestBudget: { limit: 100, intervalMs: 1000 } },
        { token: tokenFunction },
      ];
      for (const options of accepted) {
        const graph = createGraphClient({ baseUrl: open.baseUrl, poll: { intervalMs: 5 }, ...options });
        await lastValueFrom(graph.workbook('/me/drive/items/a').createSession({ persistChanges: true }).pipe(result()));
      }
    } finally {
      await open.stop();
    }
  });

  it.each([
    ['a request budget', { requestBudget: { limit: 2, intervalMs: 50, burst: 1 } }],
    ['$batch', { batch: { windowMs: 20 } }],
  ])('msalTokenSource hands the snapshot over: through %s, every request carries its own user\'s token', async (_name, extra) => {
    const { auth, networkClient } = sim.msalConfiguration('contoso-tenant');
    const app = new ConfidentialClientApplication({ auth: { clientId: 'web-api', clientSecret: 'api-secret', ...auth }, system: { networkClient } });
    const request = new AsyncLocalStorage<string>();
    const graph = createGraphClient({
      baseUrl: sim.baseUrl,
      token: msalTokenSource({ flow: 'onBehalfOf', app, userAssertion: () => request.getStore()! }),
      poll: { intervalMs: 5, backoffFactor: 1 },
      ...extra,
    });
    const users = ['alice', 'bob', 'carol'];
    await Promise.all(
      users.flatMap((user) =>
        [1, 2].map((n) =>
          request.run(unsignedJwt(`${user}@contoso.test`), () =>
            lastValueFrom(graph.workbook(`/me/drive/items/${user}-${n}`).createSession({ persistChanges: true }).pipe(result())),
          ),
        ),
      ),
    );
    const graphRequests = sim.requests.filter((r) => r.path.startsWith('/v1.0') && !r.path.startsWith('/v1.0/$batch'));
    expect(graphRequests.length).toBeGreaterThanOrEqual(users.length * 2 * 3);
    for (const r of graphRequests) {
      const owner = /\/items\/([a-z]+)/.exec(r.path)![1];
      expect({ path: r.path, user: r.tokenUser }).toEqual({ path: r.path, user: `${owner}@contoso.test` });
    }
  });
});

/** An unsigned JWT naming a user, as the incoming token of a web API would. */
function unsignedJwt(username: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ preferred_username: username, aud: 'api://web-api' })}.`;
}
