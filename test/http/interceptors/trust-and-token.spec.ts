import { NEVER, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { hopRequest, tokenInterceptor } from '../../../src/http/interceptors/trust-and-token';
import type { TokenProvider } from '../../../src/auth/token-source';
import { AuthenticationError } from '../../../src/core/errors/authentication-error';
import { GraphHttpError } from '../../../src/core/errors/graph-http-error';
import { ProtocolError } from '../../../src/core/errors/protocol-error';
import { get, ok, restOfChain, ROOT, TRUSTED } from '../../helpers/chain';
import { testScheduler } from '../../helpers/marbles';

const unauthorized = (url: string) => new GraphHttpError({ method: 'GET', url, status: 401 });

describe('the token step', () => {
  it('a fixed token needs no step: the backend attaches it to each hop on a trusted origin of a request that carries the token', () => {
    const scheduler = testScheduler();
    expect(tokenInterceptor({ kind: 'fixed', token: 'T' }, TRUSTED, scheduler, 1000)).toBeUndefined();
    const carried = (request: ReturnType<typeof get>) => hopRequest(request, TRUSTED, { token: 'T' }).headers['authorization'];
    expect([carried(get()), carried(get('https://monitor.example/op/1')), carried(get(`${ROOT}/ops/2`, { auth: 'none' })), carried(get(`${ROOT}/ops/3`, { token: 'own' }))]).toEqual([
      'Bearer T',
      undefined,
      undefined,
      'Bearer own',
    ]);
  });

  it('a source is asked once per request, and the request goes when the token comes; a source that answers at once needs no timer', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const token = cold('--(t|)', { t: 'T1' });
      const answer = cold('-(r|)', { r: ok() });
      const rest = restOfChain(() => answer);
      let asked = 0;
      const source: TokenProvider = { kind: 'source', token: () => (asked++, token) };
      expectObservable(tokenInterceptor(source, TRUSTED, scheduler, 1000)!(get(), rest)).toBe('---(r|)', { r: ok() });
      expectSubscriptions(token.subscriptions).toBe('^-!');
      expectSubscriptions(answer.subscriptions).toBe('--^!');
      scheduler.flush();
      expect(asked).toBe(1);
      expect(rest.requests[0]!.token).toBe('T1');
    });
    const sync = testScheduler();
    const rest = restOfChain(() => NEVER);
    const subscription = tokenInterceptor({ kind: 'source', token: () => of('T') }, TRUSTED, sync, 1000)!(get(), rest).subscribe();
    expect(sync.actions).toHaveLength(0);
    subscription.unsubscribe();
  });

  it('a source that does not answer within the bound fails the request with an AuthenticationError; nothing is sent', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const token = cold<string>('-');
      const rest = restOfChain(() => cold('(r|)', { r: ok() }));
      const source: TokenProvider = { kind: 'source', token: () => token };
      expectObservable(tokenInterceptor(source, TRUSTED, scheduler, 1000)!(get(), rest)).toBe('1000ms #', undefined, expect.any(AuthenticationError));
      expectSubscriptions(token.subscriptions).toBe('^ 999ms !');
      scheduler.flush();
      expect(rest.requests).toHaveLength(0);
    });
  });

  it('after a 401 from a hop that carried the token, asks once more with forceRefresh and repeats once; a second 401 is final', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const refused = cold<never>('-#', undefined, unauthorized(`${ROOT}/ops/1`));
      const accepted = cold('-(r|)', { r: ok() });
      const rest = restOfChain((request) => (request.token === 'fresh' ? accepted : refused));
      const asked: boolean[] = [];
      const source: TokenProvider = { kind: 'source', token: (force) => (asked.push(force), of(force ? 'fresh' : 'stale')) };
      expectObservable(tokenInterceptor(source, TRUSTED, scheduler, 1000)!(get(), rest)).toBe('--(r|)', { r: ok() });
      expectSubscriptions(refused.subscriptions).toBe('^!');
      expectSubscriptions(accepted.subscriptions).toBe('-^!');
      scheduler.flush();
      expect(asked).toEqual([false, true]);
    });
    const again = testScheduler();
    again.run(({ cold, expectObservable }) => {
      const refused = cold<never>('-#', undefined, unauthorized(`${ROOT}/ops/1`));
      const source: TokenProvider = { kind: 'source', token: (force) => of(force ? 'fresh' : 'stale') };
      const alwaysRefused = restOfChain(() => refused);
      expectObservable(tokenInterceptor(source, TRUSTED, again, 1000)!(get(), alwaysRefused)).toBe('--#', undefined, expect.objectContaining({ status: 401 }));
      again.flush();
      expect(alwaysRefused.requests.map((r) => r.token)).toEqual(['stale', 'fresh']);
    });
  });

  it('a 401 from a hop off the trusted origins (which carried no token) is not repeated', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const rest = restOfChain(() => cold<never>('-#', undefined, unauthorized('https://files.example/1')));
      const source: TokenProvider = { kind: 'source', token: () => of('T') };
      expectObservable(tokenInterceptor(source, TRUSTED, scheduler, 1000)!(get(), rest)).toBe('-#', undefined, expect.any(GraphHttpError));
      scheduler.flush();
      expect(rest.requests).toHaveLength(1);
    });
  });

  it('without a usable token, a request that needs one is an AuthenticationError saying why, and nothing is sent; others go', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const rest = restOfChain(() => cold('(r|)', { r: ok() }));
      const step = tokenInterceptor({ kind: 'refused', reason: 'no token source was configured' }, TRUSTED, scheduler, 1000)!;
      expectObservable(step(get(), rest)).toBe('#', undefined, expect.objectContaining({ name: 'AuthenticationError', message: expect.stringContaining('no token source was configured') }));
      expectObservable(step(get('https://monitor.example/1'), rest)).toBe('(r|)', { r: ok() });
      scheduler.flush();
      expect(rest.requests.map((r) => r.url)).toEqual(['https://monitor.example/1']);
    });
  });

  it('is no step at all when the transport attaches tokens', () => {
    expect(tokenInterceptor({ kind: 'transport' }, TRUSTED, new TestScheduler(() => undefined), 1000)).toBeUndefined();
  });

  it('unsubscribing while the token is awaited stops the wait and its timer; nothing is sent', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const token = cold('----(t|)', { t: 'T' });
      const rest = restOfChain(() => cold('(r|)', { r: ok() }));
      expectObservable(tokenInterceptor({ kind: 'source', token: () => token }, TRUSTED, scheduler, 1000)!(get(), rest), '^-!').toBe('---');
      expectSubscriptions(token.subscriptions).toBe('^-!');
      scheduler.flush();
      expect(rest.requests).toHaveLength(0);
      expect(scheduler.actions).toHaveLength(0);
    });
  });
});

describe('hopRequest: what of a request may go to its hop\'s origin', () => {
  it.each<[string, Parameters<typeof get>, Record<string, unknown>]>([
    ['a trusted hop gets the token, and follows redirects here', [`${ROOT}/ops/1`, { token: 'T' }], { headers: { accept: 'application/json', authorization: 'Bearer T' }, redirect: 'manual' }],
    ['an untrusted hop goes without it, marked, and lets the transport follow', ['https://files.example/1', { token: 'T' }], { headers: { accept: 'application/json' }, redirect: 'follow', withoutToken: true }],
    ["a caller's own Authorization never passes", [`${ROOT}/ops/1`, { headers: { Authorization: 'Bearer someone' } }], { headers: { accept: 'application/json' }, redirect: 'follow' }],
    ['a session id goes to a trusted hop, which then follows redirects here', [`${ROOT}/ops/1`, { headers: { 'Workbook-Session-Id': 'S' } }], { headers: { accept: 'application/json', 'workbook-session-id': 'S' }, redirect: 'manual' }],
    ['a session id never goes to an untrusted hop', ['https://files.example/1', { headers: { 'workbook-session-id': 'S' } }], { headers: { accept: 'application/json' }, redirect: 'follow', withoutToken: true }],
    ['auth none: no token even on a trusted hop, marked', [`${ROOT}/monitor`, { auth: 'none', token: 'T' }], { headers: { accept: 'application/json' }, withoutToken: true }],
    ['a body is JSON', [`${ROOT}/x`, { method: 'POST', body: { a: 1 } }], { headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{"a":1}' }],
    ['the bound left, for a transport that bounds requests', [`${ROOT}/x`, { timeoutMs: 900 }], { timeoutMs: 900 }],
  ])('%s', (_what, args, expected) => {
    expect(hopRequest(get(...args), TRUSTED)).toMatchObject(expected);
  });

  it('a transport that bounds its requests is told the bound: the request\'s own (what a redirect left), else the client\'s', () => {
    expect(hopRequest(get(), TRUSTED, { timeoutMs: 1000 }).timeoutMs).toBe(1000);
    expect(hopRequest(get(undefined, { timeoutMs: 400 }), TRUSTED, { timeoutMs: 1000 }).timeoutMs).toBe(400);
    expect(hopRequest(get(), TRUSTED)).not.toHaveProperty('timeoutMs');
  });

  it.each<[string, 'refused' | 'without the token' | 'with the token']>([
    ['http://graph.microsoft.com/v1.0/x', 'refused'],
    ['file:///etc/passwd', 'refused'],
    ['/relative', 'refused'],
    ['https://graph.microsoft.com.evil.example/v1.0/x', 'without the token'],
    ['https://graph.microsoft.com@evil.example/v1.0/x', 'without the token'],
    ['https://GRAPH.microsoft.com/v1.0/x', 'with the token'],
  ])('%s: %s', (url, expected) => {
    let outcome: unknown;
    try {
      outcome = hopRequest(get(url, { token: 'T' }), TRUSTED);
    } catch (error) {
      outcome = error;
    }
    if (expected === 'refused') return expect(outcome).toBeInstanceOf(ProtocolError);
    const carries = (outcome as { headers: Record<string, string> }).headers['authorization'] === 'Bearer T';
    expect(carries ? 'with the token' : 'without the token').toBe(expected);
  });
});
