import type { HttpResponse } from '../../../src/http/transport';
import { redirectInterceptor, MAX_REDIRECTS } from '../../../src/http/interceptors/redirects';
import { ProtocolError } from '../../../src/core/errors/protocol-error';
import { get, ok, restOfChain, ROOT } from '../../helpers/chain';
import { testScheduler } from '../../helpers/marbles';

const redirect = (status: number, location: string) => ({ status, headers: { location }, body: '' });

describe('the redirect step', () => {
  it('follows a 302 one hop at a time, each hop sent down the chain afresh (where its trust is decided)', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('-(r|)', { r: redirect(302, 'https://files.example/1') });
      const second = cold('--(a|)', { a: ok('{"ok":1}') });
      const rest = restOfChain((_r, n) => (n === 0 ? first : second));
      expectObservable(redirectInterceptor(scheduler)(get(`${ROOT}/x`, { token: 'T' }), rest)).toBe('---(a|)', { a: ok('{"ok":1}') });
      expectSubscriptions(first.subscriptions).toBe('^!');
      expectSubscriptions(second.subscriptions).toBe('-^-!');
      scheduler.flush();
      expect(rest.requests.map((r) => [r.method, r.url, r.hop ?? 0, r.token])).toEqual([
        ['GET', `${ROOT}/x`, 0, 'T'],
        ['GET', 'https://files.example/1', 1, 'T'],
      ]);
    });
  });

  it.each<[number, string, string, boolean]>([
    // [status, the method, the hop's method, whether the body goes along]
    [303, 'POST', 'GET', false],
    [302, 'POST', 'GET', false],
    [301, 'POST', 'GET', false],
    [307, 'POST', 'POST', true],
    [308, 'PATCH', 'PATCH', true],
    [303, 'PATCH', 'GET', false],
  ])('a %d after a %s: the hop is a %s', (status, method, hopMethod, keepsBody) => {
    const scheduler = testScheduler();
    scheduler.run(({ cold }) => {
      const rest = restOfChain((_r, n) => (n === 0 ? cold('(r|)', { r: redirect(status, '/next') }) : cold('(a|)', { a: ok() })));
      redirectInterceptor(scheduler)(get(`${ROOT}/x`, { method: method as never, body: { a: 1 } }), rest).subscribe();
      scheduler.flush();
      expect(rest.requests[1]).toMatchObject({ method: hopMethod, url: 'https://graph.microsoft.com/next' });
      expect(rest.requests[1]!.body !== undefined).toBe(keepsBody);
    });
  });

  it(`stops after ${MAX_REDIRECTS} hops with a ProtocolError`, () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const rest = restOfChain((_r, n) => cold('-(r|)', { r: redirect(307, `/hop/${n + 1}`) }));
      expectObservable(redirectInterceptor(scheduler)(get(), rest)).toBe(`${MAX_REDIRECTS + 1}ms #`, undefined, expect.objectContaining({ name: 'ProtocolError', message: expect.stringContaining('too many redirects') }));
      scheduler.flush();
      expect(rest.requests).toHaveLength(MAX_REDIRECTS + 1);
    });
  });

  it('a Location that is not a URL is a ProtocolError; nothing more is sent', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const rest = restOfChain(() => cold('-(r|)', { r: redirect(302, 'http://[bad') }));
      expectObservable(redirectInterceptor(scheduler)(get(), rest)).toBe('-#', undefined, expect.any(ProtocolError));
      scheduler.flush();
      expect(rest.requests).toHaveLength(1);
    });
  });

  it('unsubscribing aborts the hop in flight', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('-(r|)', { r: redirect(302, '/y') });
      const hanging = cold<HttpResponse>('-----');
      const rest = restOfChain((_r, n) => (n === 0 ? first : hanging));
      expectObservable(redirectInterceptor(scheduler)(get(), rest), '^--!').toBe('---');
      expectSubscriptions(hanging.subscriptions).toBe('-^-!');
    });
  });

  it("under a transport that bounds requests, each hop gets what is left of the attempt's bound", () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold }) => {
      const rest = restOfChain((_r, n) => (n < 2 ? cold('300ms (r|)', { r: redirect(302, `/hop/${n}`) }) : cold('(a|)', { a: ok() })));
      redirectInterceptor(scheduler)(get(`${ROOT}/x`, { timeoutMs: 1000 }), rest).subscribe();
      scheduler.flush();
      expect(rest.requests.map((r) => r.timeoutMs)).toEqual([1000, 700, 400]);
    });
  });
});
