import { Observable, throwError, EMPTY } from 'rxjs';
import { transportBackend } from '../../../src/http/interceptors/transport-backend';
import { GraphHttpError } from '../../../src/core/errors/graph-http-error';
import { NetworkError } from '../../../src/core/errors/network-error';
import { ProtocolError } from '../../../src/core/errors/protocol-error';
import { ResponseTooLargeError } from '../../../src/core/errors/response-too-large-error';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../src/http/transport';
import { get, ok, ROOT, TRUSTED } from '../../helpers/chain';
import { testScheduler } from '../../helpers/marbles';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.secret.token';

function recording(answer: (request: HttpRequest) => Observable<HttpResponse>): HttpTransport & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return Object.assign((request: HttpRequest) => (sent.push(request), answer(request)), { sent });
}

describe('the backend: one hop on the transport, its answer typed', () => {
  it('a 2xx, and a 3xx with a Location (for the redirect step), are responses; the hop is what trust allows', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const answered = cold('-(r|)', { r: ok() });
      const moved = cold('-(r|)', { r: { status: 302, headers: { location: '/y' }, body: '' } });
      const transport = recording((request) => (request.url.endsWith('/x') ? answered : moved));
      const backend = transportBackend(transport, TRUSTED, scheduler);
      expectObservable(backend(get(`${ROOT}/x`, { token: TOKEN }))).toBe('-(r|)', { r: ok() });
      expectObservable(backend(get(`${ROOT}/z`))).toBe('-(r|)', { r: { status: 302, headers: { location: '/y' }, body: '' } });
      expectSubscriptions(answered.subscriptions).toBe('^!');
      scheduler.flush();
      expect(transport.sent[0]!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    });
  });

  it.each<[string, HttpResponse, unknown]>([
    ['a 404 is a GraphHttpError with Graph\'s innermost code', { status: 404, headers: {}, body: '{"error":{"code":"itemNotFound","innerError":{"code":"resourceNotFound"}}}' }, expect.objectContaining({ name: 'GraphHttpError', status: 404, code: 'resourceNotFound' })],
    ['a 429 carries its Retry-After', { status: 429, headers: { 'retry-after': '3' }, body: '' }, expect.objectContaining({ status: 429, retryAfterMs: 3000 })],
    ['a 3xx without a Location is a GraphHttpError', { status: 302, headers: {}, body: '' }, expect.any(GraphHttpError)],
    ['status 0 (a redirect the environment will not let be followed) is a ProtocolError', { status: 0, headers: {}, body: '' }, expect.objectContaining({ name: 'ProtocolError', message: expect.stringContaining('will not let the library follow') })],
  ])('%s', (_what, response, expected) => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(transportBackend(() => cold('-(r|)', { r: response }), TRUSTED, scheduler)(get(`${ROOT}/x`))).toBe('-#', undefined, expected);
    });
  });

  it('no answer is a NetworkError whose cause never quotes the token', () => {
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable }) => {
      const quoting = () => throwError(() => new TypeError(`Invalid header value: "Bearer ${TOKEN}"`));
      const backend = transportBackend(quoting, TRUSTED, scheduler);
      expectObservable(backend(get(`${ROOT}/x`, { token: TOKEN }))).toBe(
        '#',
        undefined,
        expect.objectContaining({ name: 'NetworkError', cause: expect.objectContaining({ message: expect.not.stringContaining(TOKEN) }) }),
      );
    });
  });

  it("the client's fixed token, which the backend attaches, is cleared from a failure's cause too", () => {
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable }) => {
      const quoting = () => throwError(() => new TypeError(`Invalid header value: "Bearer ${TOKEN}"`));
      expectObservable(transportBackend(quoting, TRUSTED, scheduler, { token: TOKEN })(get(`${ROOT}/x`))).toBe(
        '#',
        undefined,
        expect.objectContaining({ name: 'NetworkError', cause: expect.objectContaining({ message: expect.not.stringContaining(TOKEN) }) }),
      );
    });
  });

  it("the transport's own typed errors pass as they are (a body over the limit)", () => {
    const scheduler = testScheduler();
    const tooLarge = new ResponseTooLargeError({ method: 'GET', url: ROOT }, { limitBytes: 1 });
    scheduler.run(({ expectObservable }) => {
      expectObservable(transportBackend(() => throwError(() => tooLarge), TRUSTED, scheduler)(get())).toBe('#', undefined, tooLarge);
    });
  });

  it('a transport that completes without answering is a ProtocolError', () => {
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable }) => {
      expectObservable(transportBackend(() => EMPTY, TRUSTED, scheduler)(get())).toBe('#', undefined, expect.objectContaining({ message: expect.stringContaining('completed without a response') }));
    });
  });

  it('a URL the library may not talk to is a ProtocolError, and the transport is never called', () => {
    const scheduler = testScheduler();
    const transport = recording(() => EMPTY);
    scheduler.run(({ expectObservable }) => {
      expectObservable(transportBackend(transport, TRUSTED, scheduler)(get('http://graph.microsoft.com/v1.0/x'))).toBe('#', undefined, expect.any(ProtocolError));
    });
    expect(transport.sent).toHaveLength(0);
  });

  it("the answer reaches the request's caller in the caller's context, whatever context the transport answers in (undici answers in the connection's)", () => {
    const scheduler = testScheduler();
    let current = 'the connection';
    const callers: <R>(fn: () => R) => R = (fn) => {
      const before = current;
      current = 'the caller';
      try {
        return fn();
      } finally {
        current = before;
      }
    };
    const seenIn: string[] = [];
    scheduler.run(({ cold }) => {
      const backend = transportBackend(() => cold('-(r|)', { r: ok() }), TRUSTED, scheduler);
      backend(get(`${ROOT}/x`, { context: callers })).subscribe({ next: () => seenIn.push(current), complete: () => seenIn.push(current) });
      transportBackend(() => cold<never>('-#', undefined, new Error('reset')), TRUSTED, scheduler)(get(`${ROOT}/x`, { context: callers })).subscribe({ error: () => seenIn.push(current) });
    });
    expect(seenIn).toEqual(['the caller', 'the caller', 'the caller']);
  });

  it('unsubscribing aborts the transport request', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const hanging = cold<HttpResponse>('-');
      expectObservable(transportBackend(() => hanging, TRUSTED, scheduler)(get()), '^--!').toBe('');
      expectSubscriptions(hanging.subscriptions).toBe('^--!');
    });
    expect(NetworkError).toBeDefined();
  });
});
