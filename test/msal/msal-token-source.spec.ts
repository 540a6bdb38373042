import type { AccountInfo, AuthenticationResult } from '@azure/msal-node';
import { msalTokenSource } from '../../src/msal';

// Fakes whose answers we release by hand, so the overlap of two acquisitions is forced, not hoped for.
function deferredApp() {
  const calls: { request: Record<string, unknown>; resolve: (token: string) => void }[] = [];
  const answer = (request: Record<string, unknown>) =>
    new Promise<AuthenticationResult | null>((resolve) =>
      calls.push({ request, resolve: (token) => resolve({ accessToken: token } as AuthenticationResult) }),
    );
  return {
    calls,
    app: {
      acquireTokenOnBehalfOf: (request: { oboAssertion: string; scopes: string[] }) => answer(request),
      acquireTokenSilent: (request: { account: AccountInfo; scopes: string[] }) => answer(request),
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const account = (id: string): AccountInfo => ({ homeAccountId: `${id}.tenant`, environment: 'login', tenantId: 'tenant', username: id, localAccountId: id });

describe('msalTokenSource shares an acquisition only between callers of the same identity and scopes', () => {
  it('on-behalf-of: two users whose assertions come from per-request context each get their own token', async () => {
    const { app, calls } = deferredApp();
    let currentAssertion = 'alice-token';
    const source = msalTokenSource({ flow: 'onBehalfOf', app, userAssertion: () => currentAssertion });
    const alice = source({ scopes: ['https://graph.microsoft.com/.default'], forceRefresh: false });
    currentAssertion = 'bob-token';
    const bob = source({ scopes: ['https://graph.microsoft.com/.default'], forceRefresh: false });
    await flush();
    expect(calls.map((c) => c.request['oboAssertion'])).toEqual(['alice-token', 'bob-token']);
    calls[0]!.resolve('token-for-alice');
    calls[1]!.resolve('token-for-bob');
    expect(await alice).toBe('token-for-alice');
    expect(await bob).toBe('token-for-bob');
  });

  it('on-behalf-of: concurrent callers of the same user still share one acquisition', async () => {
    const { app, calls } = deferredApp();
    const source = msalTokenSource({ flow: 'onBehalfOf', app, userAssertion: async () => 'alice-token' });
    const both = [1, 2].map(() => source({ scopes: ['b', 'a'], forceRefresh: false }));
    const reordered = source({ scopes: ['a', 'b'], forceRefresh: false });
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve('shared');
    expect(await Promise.all([...both, reordered])).toEqual(['shared', 'shared', 'shared']);
  });

  it('silent: two accounts resolved by a function are two acquisitions', async () => {
    const { app, calls } = deferredApp();
    let who = 'alice';
    const source = msalTokenSource({ flow: 'silent', app, account: async () => account(who) });
    const alice = source({ scopes: ['s'], forceRefresh: false });
    who = 'bob';
    const bob = source({ scopes: ['s'], forceRefresh: false });
    await flush();
    expect(calls.map((c) => (c.request['account'] as AccountInfo).username)).toEqual(['alice', 'bob']);
    calls[0]!.resolve('a');
    calls[1]!.resolve('b');
    expect([await alice, await bob]).toEqual(['a', 'b']);
  });

  it('one source shared by two clients with different scopes never hands one scope set the other token', async () => {
    const { app, calls } = deferredApp();
    const source = msalTokenSource({ flow: 'silent', app, account: account('alice') });
    const graph = source({ scopes: ['https://graph.microsoft.com/.default'], forceRefresh: false });
    const other = source({ scopes: ['api://other/.default'], forceRefresh: false });
    await flush();
    expect(calls.map((c) => c.request['scopes'])).toEqual([['https://graph.microsoft.com/.default'], ['api://other/.default']]);
    calls[0]!.resolve('graph-token');
    calls[1]!.resolve('other-token');
    expect([await graph, await other]).toEqual(['graph-token', 'other-token']);
  });

  it('a forced refresh is not served by an acquisition that may return the refused token', async () => {
    const { app, calls } = deferredApp();
    const source = msalTokenSource({ flow: 'silent', app, account: account('alice') });
    const cached = source({ scopes: ['s'], forceRefresh: false });
    const fresh = source({ scopes: ['s'], forceRefresh: true });
    await flush();
    expect(calls.map((c) => c.request['forceRefresh'])).toEqual([false, true]);
    calls.forEach((c, i) => c.resolve(`t${i}`));
    expect([await cached, await fresh]).toEqual(['t0', 't1']);
  });

  it('an identity that cannot be resolved is refused, never guessed', async () => {
    const { app } = deferredApp();
    await expect(msalTokenSource({ flow: 'onBehalfOf', app, userAssertion: () => '' })({ scopes: ['s'], forceRefresh: false })).rejects.toThrow(TypeError);
    await expect(
      msalTokenSource({ flow: 'silent', app, account: () => undefined as unknown as AccountInfo })({ scopes: ['s'], forceRefresh: false }),
    ).rejects.toThrow(/needs an account/);
  });
});
