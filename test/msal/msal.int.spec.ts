import { AsyncLocalStorage } from 'node:async_hooks';
import { lastValueFrom } from 'rxjs';
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import { createGraphClient, type GraphClientOptions } from '../../src/client';
import { result } from '../../src/lro/operators/result';
import { msalTokenSource } from '../../src/msal';
import { GraphSimulator } from '../../src/testing';

// Real msal-node code; its HTTP goes to the simulator through system.networkClient,
// with the authority's metadata known up front, so nothing leaves the machine.
let sim: GraphSimulator;
beforeEach(async () => {
  sim = new GraphSimulator({ validTokens: [] });
  await sim.start();
});
afterEach(() => sim.stop());

function publicApp() {
  const { auth, networkClient } = sim.msalConfiguration();
  return new PublicClientApplication({ auth: { clientId: 'rx-graph-lro-tests', ...auth }, system: { networkClient } });
}

describe('rx-graph-lro/msal against the simulator', () => {
  it('device code: signs in once, then serves merged operations from the cache', async () => {
    const app = publicApp();
    const prompts: string[] = [];
    const graph = createGraphClient({
      baseUrl: sim.baseUrl,
      token: msalTokenSource({ flow: 'deviceCode', app, onDeviceCode: (r) => prompts.push(r.message) }),
      poll: { intervalMs: 5 },
    });
    const sessions = await Promise.all(
      ['a', 'b', 'c'].map((id) => lastValueFrom(graph.workbook(`/me/drive/items/${id}`).createSession({ persistChanges: true }).pipe(result()))),
    );
    expect(sessions).toHaveLength(3);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatch(/SIM-CODE/);
    const login = sim.requests.filter((r) => !r.path.startsWith('/v1.0'));
    expect(login.map((r) => r.path.split('?')[0])).toEqual([
      '/organizations/oauth2/v2.0/devicecode',
      '/organizations/oauth2/v2.0/token', // authorization_pending
      '/organizations/oauth2/v2.0/token',
    ]);
    // Every Graph call carried a token the simulator issued (validTokens is empty: nothing else is valid).
    expect(sim.requests.filter((r) => r.path.startsWith('/v1.0')).every((r) => r.authorization === 'valid')).toBe(true);
    const accounts = await app.getAllAccounts();
    expect(accounts[0]?.username).toBe('adele@contoso.test');
  });

  it('silent: uses the cached account and refreshes with forceRefresh after a 401', async () => {
    const app = publicApp();
    // The client asks for '{base URL origin}/.default'; sign in with that so the first silent call hits the cache.
    await app.acquireTokenByDeviceCode({ scopes: [`${sim.graphOrigin}/.default`], deviceCodeCallback: () => undefined });
    const [account] = await app.getAllAccounts();
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: msalTokenSource({ flow: 'silent', app, account: account! }), poll: { intervalMs: 5 } });
    sim.inject({ method: 'POST', path: 'createSession', action: { kind: 'status', status: 401, code: 'InvalidAuthenticationToken' } });
    await lastValueFrom(graph.workbook('/me/drive/items/x').createSession({ persistChanges: false }).pipe(result()));
    const grants = sim.requests.filter((r) => r.path.split('?')[0]!.endsWith('/token')).length;
    // device code (pending + tokens) + one forced refresh after the 401
    expect(grants).toBe(3);
  });

  it('on-behalf-of: a web API exchanges the user token it received', async () => {
    const { auth, networkClient } = sim.msalConfiguration('contoso-tenant');
    const app = new ConfidentialClientApplication({ auth: { clientId: 'web-api', clientSecret: 'api-secret', ...auth }, system: { networkClient } });
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: msalTokenSource({ flow: 'onBehalfOf', app, userAssertion: 'incoming-user-token' }), poll: { intervalMs: 5 } });
    const session = await lastValueFrom(graph.workbook('/me/drive/items/x').createSession({ persistChanges: true }).pipe(result()));
    expect(session.id).toMatch(/^session-/);
    expect(sim.requests[0]!.path.split('?')[0]).toBe('/contoso-tenant/oauth2/v2.0/token');
  });

  it('a failing sign-in is an AuthenticationError and nothing reaches Graph', async () => {
    const app = publicApp();
    const graph = createGraphClient({
      baseUrl: sim.baseUrl,
      token: msalTokenSource({ flow: 'silent', app, account: { homeAccountId: 'x.y', environment: 'e', tenantId: 't', username: 'nobody', localAccountId: 'x' } }),
    });
    await expect(lastValueFrom(graph.workbook('/me/drive/items/x').createSession({ persistChanges: true }))).rejects.toMatchObject({ name: 'AuthenticationError' });
    expect(sim.requests.filter((r) => r.path.startsWith('/v1.0'))).toHaveLength(0);
  });

  it('on-behalf-of for two users at once: every Graph request carries the token minted for its own user', async () => {
    const { request, graph } = webApi({ poll: { intervalMs: 5 } });
    const users = ['alice@contoso.test', 'bob@contoso.test', 'carol@contoso.test'];
    await Promise.all(
      users.map((user) =>
        request.run(unsignedJwt(user), () =>
          lastValueFrom(graph.workbook(`/me/drive/items/${user.split('@')[0]}`).createSession({ persistChanges: true }).pipe(result())),
        ),
      ),
    );
    const graphRequests = sim.requests.filter((r) => r.path.startsWith('/v1.0'));
    expect(graphRequests.length).toBeGreaterThanOrEqual(users.length * 3);
    for (const r of graphRequests) {
      const owner = /\/items\/([a-z]+)/.exec(r.path)![1];
      expect({ path: r.path, user: r.tokenUser }).toEqual({ path: r.path, user: `${owner}@contoso.test` });
    }
  });

  it.each([
    ['$batch coalescing', { batch: { windowMs: 20 } }],
    ['a request budget that makes requests wait their turn', { requestBudget: { limit: 2, intervalMs: 50, burst: 1 } }],
  ])('on-behalf-of for three users through %s: every request, batched or queued, carries its own user\'s token', async (_name, extra) => {
    const { request, graph } = webApi({ poll: { intervalMs: 5, backoffFactor: 1 }, ...extra });
    const users = ['alice@contoso.test', 'bob@contoso.test', 'carol@contoso.test'];
    // Two operations per user, so that a user's own polls can share a batch.
    await Promise.all(
      users.flatMap((user) =>
        [1, 2].map((n) =>
          request.run(unsignedJwt(user), () =>
            lastValueFrom(graph.workbook(`/me/drive/items/${user.split('@')[0]}-${n}`).createSession({ persistChanges: true }).pipe(result())),
          ),
        ),
      ),
    );
    if ('batch' in extra) expect(sim.requests.filter((r) => r.path === '/v1.0/$batch').length).toBeGreaterThan(0);
    // Items of a $batch are logged as the simulator plays them, each with the batch's token.
    const graphRequests = sim.requests.filter((r) => r.path.startsWith('/v1.0') && !r.path.startsWith('/v1.0/$batch'));
    expect(graphRequests.length).toBeGreaterThanOrEqual(users.length * 3);
    for (const r of graphRequests) {
      const owner = /\/items\/([a-z]+)/.exec(r.path)![1];
      expect({ path: r.path, user: r.tokenUser }).toEqual({ path: r.path, user: `${owner}@contoso.test` });
    }
  });

  it('one source shared by two clients with different scopes: each request carries a token for its own scopes', async () => {
    const app = publicApp();
    await app.acquireTokenByDeviceCode({ scopes: [`${sim.graphOrigin}/.default`], deviceCodeCallback: () => undefined });
    const [account] = await app.getAllAccounts();
    const token = msalTokenSource({ flow: 'silent', app, account: account! });
    const graphScopes = [`${sim.graphOrigin}/.default`];
    const otherScopes = ['api://reports-api/Files.ReadWrite'];
    const a = createGraphClient({ baseUrl: sim.baseUrl, token, poll: { intervalMs: 5 } });
    const b = createGraphClient({ baseUrl: `${sim.graphOrigin}/beta`, token, scopes: otherScopes, poll: { intervalMs: 5 } });
    await Promise.all([
      lastValueFrom(a.workbook('/me/drive/items/a').createSession({ persistChanges: true }).pipe(result())),
      lastValueFrom(b.workbook('/me/drive/items/b').createSession({ persistChanges: true }).pipe(result())),
    ]);
    const api = sim.requests.filter((r) => /^\/(v1\.0|beta)\//.test(r.path));
    expect(api.filter((r) => r.path.startsWith('/v1.0')).every((r) => JSON.stringify(r.tokenScopes) === JSON.stringify(graphScopes))).toBe(true);
    expect(api.filter((r) => r.path.startsWith('/beta')).every((r) => JSON.stringify(r.tokenScopes) === JSON.stringify(otherScopes))).toBe(true);
    expect(api.some((r) => r.path.startsWith('/beta'))).toBe(true);
  });
});

/**
 * A web API calling Graph on behalf of its callers: the incoming user token
 * lives in per-request context, as AsyncLocalStorage keeps it.
 */
function webApi(options: GraphClientOptions) {
  const { auth, networkClient } = sim.msalConfiguration('contoso-tenant');
  const app = new ConfidentialClientApplication({ auth: { clientId: 'web-api', clientSecret: 'api-secret', ...auth }, system: { networkClient } });
  const request = new AsyncLocalStorage<string>();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: msalTokenSource({ flow: 'onBehalfOf', app, userAssertion: () => request.getStore()! }), ...options });
  return { request, graph };
}

/** An unsigned JWT naming a user, as the incoming token of a web API would. */
function unsignedJwt(username: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ preferred_username: username, aud: 'api://web-api' })}.`;
}
