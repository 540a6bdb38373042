import { NEVER, Observable, of, throwError } from 'rxjs';
import { createRequestChain, requestSteps, type RequestStep } from '../../src/http/request-chain';
import type { RequestSpec } from '../../src/http/request-spec';
import { toTokenProvider, type TokenSource } from '../../src/auth/token-source';
import { trustedOriginSet } from '../../src/core/url/origins';
import { DEFAULT_RETRY_POLICY } from '../../src/core/policy/retry-policy';
import { GraphHttpError } from '../../src/core/errors/graph-http-error';
import { NetworkError } from '../../src/core/errors/network-error';
import { ProtocolError } from '../../src/core/errors/protocol-error';
import { AuthenticationError } from '../../src/core/errors/authentication-error';
import { RequestTimeoutError } from '../../src/core/errors/request-timeout-error';
import type { HttpRequest, HttpResponse } from '../../src/http/transport';
import { fakeTransport, graphError, json } from '../helpers/fake-transport';
import { testScheduler } from '../helpers/marbles';

const ROOT = 'https://graph.microsoft.com/v1.0';
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.secret.token';
const retry = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 };

function setup(handler: (req: HttpRequest, i: number) => Observable<HttpResponse>, token: TokenSource = TOKEN, extra: string[] = [], requestTimeoutMs = 100_000) {
  const scheduler = testScheduler();
  const transport = fakeTransport(scheduler, handler);
  const send = createRequestChain({
    transport,
    tokens: toTokenProvider(token, [`https://graph.microsoft.com/.default`]),
    trustedOrigins: trustedOriginSet(ROOT, extra),
    scheduler,
    retry,
    requestTimeoutMs,
  });
  return { scheduler, transport, send };
}

const get = (url: string, over: Partial<RequestSpec> = {}): RequestSpec => ({ method: 'GET', url, auth: 'token', idempotent: true, ...over });

function outcome(scheduler: ReturnType<typeof testScheduler>, source: Observable<HttpResponse>) {
  const seen: { value?: HttpResponse; error?: unknown; at?: number } = {};
  scheduler.run(() => {
    source.subscribe({
      next: (value) => Object.assign(seen, { value, at: scheduler.now() }),
      error: (error) => Object.assign(seen, { error, at: scheduler.now() }),
    });
  });
  return seen;
}

describe('request chain: the token goes only to trusted origins', () => {
  it('sends the bearer token to the API root origin', () => {
    const { scheduler, transport, send } = setup(() => of(json(200, {})));
    outcome(scheduler, send(get(`${ROOT}/me/drive/items/X/workbook/operations/1`)));
    expect(transport.log[0]!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('sends no Authorization header to another origin, even for a token request', () => {
    const { scheduler, transport, send } = setup(() => of(json(200, {})));
    outcome(scheduler, send(get('https://api.onedrive.com/monitor/4A34')));
    expect(transport.log[0]!.headers).not.toHaveProperty('authorization');
  });

  it('sends no Authorization header to a trusted origin when the request says none (drive monitors)', () => {
    const { scheduler, transport, send } = setup(() => of(json(200, {})));
    outcome(scheduler, send(get(`${ROOT}/monitor/1`, { auth: 'none' })));
    expect(transport.log[0]!.headers).not.toHaveProperty('authorization');
  });

  it('drops a caller-supplied Authorization header on untrusted origins', () => {
    const { scheduler, transport, send } = setup(() => of(json(200, {})));
    outcome(scheduler, send(get('https://evil.example/x', { headers: { Authorization: `Bearer ${TOKEN}` } })));
    expect(transport.log[0]!.headers).not.toHaveProperty('authorization');
  });

  it('trusts the extra origins the caller names', () => {
    const { scheduler, transport, send } = setup(() => of(json(200, {})), TOKEN, ['https://contoso.sharepoint.com']);
    outcome(scheduler, send(get('https://contoso.sharepoint.com/_api/v2.0/monitor/1')));
    expect(transport.log[0]!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('follows a redirect from a trusted origin to an untrusted one without the token', () => {
    const { scheduler, transport, send } = setup((req) =>
      req.url.startsWith(ROOT) ? of({ status: 302, headers: { location: 'https://files.example/download/1' }, body: '' }) : of(json(200, { ok: 1 })),
    );
    const seen = outcome(scheduler, send(get(`${ROOT}/me/drive/items/X`)));
    expect(seen.value?.status).toBe(200);
    expect(transport.log.map((r) => [r.url, r.redirect, r.headers['authorization'] !== undefined])).toEqual([
      [`${ROOT}/me/drive/items/X`, 'manual', true],
      ['https://files.example/download/1', 'follow', false],
    ]);
  });

  // A workbook session id lets whoever holds it work in the session: it travels as the token does.
  it('sends a workbook-session-id only to trusted origins, and drops it on a redirect hop to an untrusted one', () => {
    const { scheduler, transport, send } = setup((req) =>
      req.url.startsWith(ROOT) ? of({ status: 307, headers: { location: 'https://files.example/op/1' }, body: '' }) : of(json(200, { ok: 1 })),
    );
    outcome(scheduler, send(get(`${ROOT}/me/drive/items/X/workbook/operations/1`, { headers: { 'workbook-session-id': 'S-SECRET' } })));
    outcome(scheduler, send(get('https://status.example.net/op/2', { headers: { 'Workbook-Session-Id': 'S-SECRET' } })));
    expect(transport.log.map((r) => [r.url, r.redirect, r.headers['workbook-session-id'] ?? '-'])).toEqual([
      [`${ROOT}/me/drive/items/X/workbook/operations/1`, 'manual', 'S-SECRET'],
      ['https://files.example/op/1', 'follow', '-'],
      ['https://status.example.net/op/2', 'follow', '-'],
    ]);
  });

  it('a request with a session id but no token (a transport that attaches tokens) still follows its redirects itself', () => {
    const { scheduler, transport, send } = setup(() => of(json(200, {})));
    outcome(scheduler, send(get(`${ROOT}/me/drive/items/X/workbook/operations/1`, { auth: 'none', headers: { 'workbook-session-id': 'S-SECRET' } })));
    expect(transport.log.map((r) => [r.redirect, r.headers['workbook-session-id']])).toEqual([['manual', 'S-SECRET']]);
  });

  it('refuses a redirect to plain http off loopback', () => {
    const { scheduler, send } = setup(() => of({ status: 301, headers: { location: 'http://graph.microsoft.com/x' }, body: '' }));
    const seen = outcome(scheduler, send(get(`${ROOT}/x`)));
    expect(seen.error).toBeInstanceOf(ProtocolError);
  });
});

describe('request chain: 401', () => {
  it('repeats once with a fresh token, asking the source with forceRefresh', () => {
    const asked: boolean[] = [];
    const source: TokenSource = ({ forceRefresh }) => {
      asked.push(forceRefresh);
      return of(forceRefresh ? 'fresh-token' : 'stale-token');
    };
    const { scheduler, transport, send } = setup(
      (req) => of(req.headers['authorization'] === 'Bearer fresh-token' ? json(200, {}) : graphError(401, 'InvalidAuthenticationToken')),
      source,
    );
    const seen = outcome(scheduler, send(get(`${ROOT}/x`)));
    expect(seen.value?.status).toBe(200);
    expect(asked).toEqual([false, true]);
    expect(transport.log).toHaveLength(2);
  });

  it('repeats at most once: a second 401 is a GraphHttpError that carries no token', () => {
    const { scheduler, transport, send } = setup(() => of(graphError(401, 'InvalidAuthenticationToken')), () => Promise.resolve(TOKEN));
    let seen: ReturnType<typeof outcome> = {};
    return new Promise<void>((resolve) => {
      // Promise token sources resolve on the microtask queue: run in real time.
      send(get(`${ROOT}/x`)).subscribe({
        error: (error) => {
          seen = { error };
          expect(error).toBeInstanceOf(GraphHttpError);
          expect((error as GraphHttpError).status).toBe(401);
          expect((error as GraphHttpError).code).toBe('InvalidAuthenticationToken');
          expect(JSON.stringify({ ...(error as object), message: (error as Error).message, stack: (error as Error).stack })).not.toContain(TOKEN);
          expect(transport.log).toHaveLength(2);
          void scheduler;
          resolve();
        },
      });
    }).then(() => expect(seen.error).toBeDefined());
  });

  it('does not repeat a 401 from an untrusted origin (no token was sent)', () => {
    const { scheduler, transport, send } = setup(() => of(graphError(401, 'Unauthorized')));
    const seen = outcome(scheduler, send(get('https://api.onedrive.com/monitor/1')));
    expect(seen.error).toBeInstanceOf(GraphHttpError);
    expect(transport.log).toHaveLength(1);
  });

  it('does not repeat a 401 with a fixed string token, which cannot be refreshed', () => {
    const { scheduler, transport, send } = setup(() => of(graphError(401, 'InvalidAuthenticationToken')));
    outcome(scheduler, send(get(`${ROOT}/x`)));
    expect(transport.log).toHaveLength(1);
  });

  it('reports a failing token source as AuthenticationError and sends nothing', () => {
    const { scheduler, transport, send } = setup(() => of(json(200, {})), () => throwError(() => new Error('interaction_required')));
    const seen = outcome(scheduler, send(get(`${ROOT}/x`)));
    expect(seen.error).toBeInstanceOf(AuthenticationError);
    expect(transport.log).toHaveLength(0);
  });
});

describe('request chain: transient failures', () => {
  it('retries a GET on 504, then 503, then 429 with Retry-After, on the scheduler', () => {
    const answers = [graphError(504, 'gatewayTimeout'), graphError(503, 'serviceNotAvailable'), graphError(429, 'TooManyRequests', { 'retry-after': '2.128' }), json(200, { ok: true })];
    const { scheduler, transport, send } = setup((_r, i) => of(answers[i]!));
    const seen = outcome(scheduler, send(get(`${ROOT}/x`)));
    expect(seen.value?.status).toBe(200);
    // backoff 100, 200, then Retry-After 2128
    expect(transport.log.map((r) => r.at)).toEqual([0, 100, 300, 2428]);
  });

  it('retries a POST on 429 and 503 but not on 504 unless it is idempotent', () => {
    const answers = [graphError(429, 'TooManyRequests', { 'retry-after': '1' }), graphError(503, 'x'), graphError(504, 'gatewayTimeout')];
    const { scheduler, transport, send } = setup((_r, i) => of(answers[i]!));
    const seen = outcome(scheduler, send({ method: 'POST', url: `${ROOT}/t/rows`, auth: 'token', idempotent: false, body: { values: [[1]] } }));
    expect(seen.error).toBeInstanceOf(GraphHttpError);
    expect((seen.error as GraphHttpError).status).toBe(504);
    expect(transport.log).toHaveLength(3);
  });

  it('retries network errors on idempotent requests and reports NetworkError when they persist', () => {
    const { scheduler, transport, send } = setup(() => throwError(() => new TypeError('socket hang up')));
    const seen = outcome(scheduler, send(get(`${ROOT}/x`)));
    expect(seen.error).toBeInstanceOf(NetworkError);
    expect((seen.error as NetworkError).url).toBe(`${ROOT}/x`);
    expect(transport.log).toHaveLength(1 + retry.maxRetries);
  });

  it('does not retry a network error on a non-idempotent POST', () => {
    const { scheduler, transport, send } = setup(() => throwError(() => new TypeError('socket hang up')));
    const seen = outcome(scheduler, send({ method: 'POST', url: `${ROOT}/t/rows`, auth: 'token', idempotent: false }));
    expect(seen.error).toBeInstanceOf(NetworkError);
    expect(transport.log).toHaveLength(1);
  });

  it('turns a non-transient status into GraphHttpError with the innermost Graph code at once', () => {
    const { scheduler, transport, send } = setup(() => of(graphError(404, 'itemNotFound', {}, 'resourceNotFound')));
    const seen = outcome(scheduler, send(get(`${ROOT}/x`)));
    expect(seen.error).toMatchObject({ name: 'GraphHttpError', status: 404, code: 'resourceNotFound', method: 'GET', url: `${ROOT}/x` });
    expect(transport.log).toHaveLength(1);
  });

  it("a GraphHttpError carries the transport's own failure as its cause, when the transport gives one", () => {
    const failure = { name: 'HttpErrorResponse', status: 409 };
    const { scheduler, send } = setup(() => of({ ...graphError(409, 'conflict', {}), cause: failure }));
    const seen = outcome(scheduler, send(get(`${ROOT}/x`)));
    expect(seen.error).toBeInstanceOf(GraphHttpError);
    expect((seen.error as Error).cause).toBe(failure);
  });

  it("a NetworkError says what a non-Error failure's message says (Angular's HttpErrorResponse is not an Error)", () => {
    const { scheduler, send } = setup(() => throwError(() => ({ name: 'HttpErrorResponse', status: 0, message: 'Http failure response: 0 Unknown Error' })));
    const seen = outcome(scheduler, send({ method: 'POST', url: `${ROOT}/t/rows`, auth: 'token', idempotent: false }));
    expect(seen.error).toBeInstanceOf(NetworkError);
    expect((seen.error as Error).message).toContain('network failure: Http failure response: 0 Unknown Error');
  });

  it('refuses to send anything to a URL with a forbidden scheme', () => {
    const { scheduler, transport, send } = setup(() => of(json(200, {})));
    expect(outcome(scheduler, send(get('http://graph.microsoft.com/v1.0/x'))).error).toBeInstanceOf(ProtocolError);
    expect(outcome(scheduler, send(get('file:///etc/passwd'))).error).toBeInstanceOf(ProtocolError);
    expect(transport.log).toHaveLength(0);
  });
});

describe('request chain: cancellation with a synchronous transport', () => {
  it('unsubscribing aborts the repeat after a 401 even when the first answer came synchronously', () => {
    let repeatAborted = false;
    const { scheduler, send } = setup(
      (_req, i) =>
        i === 0
          ? of(graphError(401, 'InvalidAuthenticationToken'))
          : new Observable<HttpResponse>(() => () => (repeatAborted = true)),
      () => 'refreshable-token',
    );
    scheduler.run(() => {
      const subscription = send(get(`${ROOT}/x`)).subscribe();
      subscription.unsubscribe();
    });
    expect(repeatAborted).toBe(true);
  });

  it('unsubscribing aborts the next hop of a redirect answered synchronously', () => {
    let hopAborted = false;
    const { scheduler, send } = setup((_req, i) =>
      i === 0 ? of({ status: 302, headers: { location: `${ROOT}/y` }, body: '' }) : new Observable<HttpResponse>(() => () => (hopAborted = true)),
    );
    scheduler.run(() => send(get(`${ROOT}/x`)).subscribe().unsubscribe());
    expect(hopAborted).toBe(true);
  });
});


describe('request chain: no single request can hang an operation', () => {
  it('aborts a request with no answer at requestTimeoutMs, retries it when safe, then fails with RequestTimeoutError', () => {
    const { scheduler, transport, send } = setup(() => NEVER, TOKEN, [], 1000);
    const seen = outcome(scheduler, send(get(`${ROOT}/x`)));
    expect(seen.error).toBeInstanceOf(RequestTimeoutError);
    expect(seen.error).toBeInstanceOf(NetworkError);
    expect(seen.error).toMatchObject({ method: 'GET', url: `${ROOT}/x`, timeoutMs: 1000 });
    // 1 + maxRetries attempts, each aborted at its bound, with the backoff between them.
    expect(transport.log).toHaveLength(1 + retry.maxRetries);
    expect(transport.log.every((r) => r.aborted)).toBe(true);
    expect(transport.log.map((r) => r.at)).toEqual([0, 1100, 2300, 3700, 5500]);
    expect(seen.at).toBe(6500);
  });

  it('does not repeat a POST that timed out: it may have been applied', () => {
    const { scheduler, transport, send } = setup(() => NEVER, TOKEN, [], 1000);
    const seen = outcome(scheduler, send({ method: 'POST', url: `${ROOT}/t/rows`, auth: 'token', idempotent: false }));
    expect(seen.error).toBeInstanceOf(RequestTimeoutError);
    expect(transport.log).toHaveLength(1);
    expect(seen.at).toBe(1000);
  });

  it('bounds a token source that never answers, with an AuthenticationError; nothing is sent', () => {
    const { scheduler, transport, send } = setup(() => of(json(200, {})), () => NEVER, [], 1000);
    const seen = outcome(scheduler, send({ method: 'POST', url: `${ROOT}/t/rows`, auth: 'token', idempotent: false }));
    expect(seen.error).toBeInstanceOf(AuthenticationError);
    expect(seen.at).toBe(1000);
    expect(transport.log).toHaveLength(0);
  });

  it('an answer within the bound clears the timer: nothing fires later', () => {
    const { scheduler, send } = setup(() => scheduler.createColdObservable('999ms (a|)', { a: json(200, { ok: true }) }), TOKEN, [], 1000);
    let errors = 0;
    scheduler.run(() => {
      send(get(`${ROOT}/x`)).subscribe({ error: () => errors++ });
    });
    expect(errors).toBe(0);
    expect(scheduler.now()).toBe(999);
  });
});

describe('request chain: which URLs are on a trusted origin', () => {
  it.each([
    ['https://graph.microsoft.com/v1.0/x', true],
    ['https://graph.microsoft.com:443/v1.0/x', true],
    ['https://GRAPH.microsoft.com/v1.0/x', true],
    ['https://graph.microsoft.com.evil.example/v1.0/x', false],
    ['https://graph.microsoft.com@evil.example/v1.0/x', false],
    ['https://evil.example/https://graph.microsoft.com/x', false],
    ['https://graph.microsoft.com:8443/v1.0/x', false],
  ])('%s gets the token: %p', (url, trusted) => {
    const { scheduler, transport, send } = setup(() => of(json(200, {})));
    outcome(scheduler, send(get(url)));
    expect(transport.log[0]!.headers['authorization'] !== undefined).toBe(trusted);
  });
});

describe('request chain: only the steps the options need', () => {
  const none = { tokens: 'fixed', batch: false, budget: false, limiterCharges: false, traced: false, transportBounds: false } as const;
  it.each<[string, Partial<Parameters<typeof requestSteps>[0]>, RequestStep[]]>([
    ['a fixed token, nothing else: the backend attaches the token', {}, ['retry', 'timeout', 'redirects']],
    ['a token source: its step asks for the token', { tokens: 'source' }, ['token', 'retry', 'timeout', 'redirects']],
    ['no usable token: its step refuses what needs one', { tokens: 'refused' }, ['token', 'retry', 'timeout', 'redirects']],
    ['tokens from the transport (Angular): no token step', { tokens: 'transport' }, ['retry', 'timeout', 'redirects']],
    ['a transport that bounds its requests (undici): no timer, the backend tells it the bound', { transportBounds: true }, ['retry', 'redirects']],
    ['instrumentation: each attempt traced', { traced: true }, ['retry', 'trace', 'timeout', 'redirects']],
    ['a budget that counts hops', { budget: true, limiterCharges: true }, ['retry', 'budget', 'timeout', 'redirects', 'hop-charge']],
    ['a shared limiter that cannot count hops', { budget: true }, ['retry', 'budget', 'timeout', 'redirects']],
    ['$batch: batched below the token, its bound started by its trace', { tokens: 'source', batch: true }, ['token', 'batch', 'retry', 'trace', 'timeout', 'redirects']],
    ['everything', { tokens: 'source', batch: true, budget: true, limiterCharges: true, traced: true, transportBounds: true }, ['token', 'batch', 'retry', 'budget', 'trace', 'redirects', 'hop-charge']],
  ])('%s', (_what, over, expected) => {
    expect(requestSteps({ ...none, ...over })).toEqual(expected);
  });
});

describe('request chain: a transport that bounds its requests (undici)', () => {
  it('is told the bound on each request, and no timer runs per request', () => {
    const scheduler = testScheduler();
    const timers: (number | undefined)[] = [];
    const counting = { now: () => scheduler.now(), schedule: (...args: Parameters<typeof scheduler.schedule>) => (timers.push(args[1]), scheduler.schedule(...args)) };
    const seen: HttpRequest[] = [];
    const bounding = Object.assign((request: HttpRequest) => (seen.push(request), of(json(200, {}))), { boundsRequests: true });
    const send = createRequestChain({ transport: bounding, tokens: toTokenProvider(TOKEN, []), trustedOrigins: trustedOriginSet(ROOT, []), scheduler: counting, retry, requestTimeoutMs: 1000 });
    const unbounded = fakeTransport(scheduler, () => of(json(200, {})));
    const timed = createRequestChain({ transport: unbounded, tokens: toTokenProvider(TOKEN, []), trustedOrigins: trustedOriginSet(ROOT, []), scheduler: counting, retry, requestTimeoutMs: 1000 });
    outcome(scheduler, send(get(`${ROOT}/x`)));
    expect(seen.map((r) => r.timeoutMs)).toEqual([1000]);
    expect(timers).toEqual([]);
    outcome(scheduler, timed(get(`${ROOT}/x`)));
    expect(timers).toEqual([1000]);
  });
});
