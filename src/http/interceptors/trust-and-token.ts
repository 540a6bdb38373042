import { catchError, concatMap, defer, Observable, throwError, timeout, type SchedulerLike } from 'rxjs';
import type { ChainRequest, HttpHandler, HttpInterceptor } from './http-interceptor.js';
import type { HttpRequest, HttpResponse } from '../transport.js';
import type { TokenProvider } from '../../auth/token-source.js';
import { captureAsyncContext, type AsyncContext } from '../../core/async-context.js';
import { isTrustedUrl, originVerdict } from '../../core/url/origins.js';
import { AuthenticationError } from '../../core/errors/authentication-error.js';
import { GraphHttpError } from '../../core/errors/graph-http-error.js';
import { ProtocolError } from '../../core/errors/protocol-error.js';

// Token and trust: which request gets a token, which hop may see it. Two
// halves, one rule (`originVerdict`): the token step, first in the chain,
// attaches the token to a request that starts on a trusted origin (asking
// the source once, in the caller's context) and repeats it once with a
// fresh token after a 401 from a hop that carried it; `hopRequest`, at the
// end of the chain, decides for each hop afresh what of the request may go
// to that hop's origin.

/**
 * The token step: a request with `auth: 'token'` to a trusted origin gets
 * the client's token attached (`request.token`), and its caller's context
 * (`request.context`) when the token source may read it. Nothing below
 * asks for a token: a `$batch` groups its items by the token they carry.
 *
 * A source is asked once per request, and its wait is bounded by
 * `requestTimeoutMs` (an `AuthenticationError` past it), with a timer only
 * while the token has not come (a source that answers at once costs none).
 * After a 401 from a hop that carried the token, the source is asked once
 * more with `forceRefresh`, in the caller's context, and the request is
 * repeated once. `undefined` (no step) for a fixed string, which the
 * backend attaches to every hop on a trusted origin ({@link hopRequest}; a
 * 401 is final), and when the transport attaches tokens.
 */
export function tokenInterceptor(
  tokens: TokenProvider,
  trustedOrigins: ReadonlySet<string>,
  scheduler: SchedulerLike,
  requestTimeoutMs: number,
): HttpInterceptor | undefined {
  const needsToken = (request: ChainRequest): boolean => request.auth === 'token' && isTrustedUrl(request.url, trustedOrigins);
  switch (tokens.kind) {
    case 'transport':
    case 'fixed':
      // A fixed token needs no step: the backend attaches it to each hop that trust allows.
      return undefined;
    case 'refused': {
      const { reason } = tokens;
      return (request, next) =>
        needsToken(request) ? throwError(() => new AuthenticationError({ method: request.method, url: request.url }, { reason })) : next(request);
    }
    case 'source':
      return (request, next) => (needsToken(request) ? withToken(tokens, trustedOrigins, scheduler, requestTimeoutMs, request, next) : next(request));
  }
}

/** One request that asks a token source for its token, and once more after a 401 from a hop that carried it. */
function withToken(
  tokens: Extract<TokenProvider, { kind: 'source' }>,
  trustedOrigins: ReadonlySet<string>,
  scheduler: SchedulerLike,
  boundMs: number,
  request: ChainRequest,
  next: HttpHandler,
): Observable<HttpResponse> {
  return defer(() => {
    // Whose request this is, captured at subscription (the caller's context): a repeat's token is asked there too.
    const context = captureAsyncContext();
    const describe = { method: request.method, url: request.url };
    // A timer only while the token has not come: a source that answers at once costs none.
    const ask = (forceRefresh: boolean): Observable<string> =>
      (forceRefresh && context ? inContext(tokens.token(true), context) : tokens.token(forceRefresh)).pipe(
        timeout({ first: boundMs, scheduler, with: () => throwError(() => new AuthenticationError(describe, { reason: `the token source did not answer within ${boundMs} ms` })) }),
      );
    const send = (token: string): Observable<HttpResponse> => next(context ? { ...request, token, context } : { ...request, token });
    // A 401 from a hop that carried the token (a hop off the trusted origins carried none, and a new token would not help it).
    const refusedToken = (error: unknown): boolean => error instanceof GraphHttpError && error.status === 401 && isTrustedUrl(error.url, trustedOrigins);
    return ask(false).pipe(
      concatMap((token) => send(token).pipe(catchError((error: unknown) => (refusedToken(error) ? ask(true).pipe(concatMap(send)) : throwError(() => error))))),
    );
  });
}

/** `source`, subscribed to inside `context`: a raw Observable, as it adapts the context's run-function (a callback API). */
function inContext<T>(source: Observable<T>, context: AsyncContext): Observable<T> {
  return new Observable<T>((subscriber) => context(() => source.subscribe(subscriber)));
}

/** What every hop of a client carries unless its request says otherwise. */
export interface HopDefaults {
  /** The client's fixed token: attached to every hop on a trusted origin of a request with `auth: 'token'`. */
  readonly token?: string;
  /** The bound on each request, for a transport that bounds its requests itself. */
  readonly timeoutMs?: number;
}

/**
 * Headers that are credentials as much as the token is: a workbook session
 * id lets whoever holds it work in the session. Sent only to an origin
 * trusted with the token, and a request that carries one follows its
 * redirects one hop at a time, as a token-bearing one does.
 */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['workbook-session-id']);

/**
 * The trust decision for one hop: the request as it may go to its URL's
 * origin. The token (and a session id) go only to an origin trusted with
 * it; a caller's own `Authorization` never passes; a request that carries
 * a credential follows its redirects here, one hop at a time, so a redirect
 * to an untrusted origin never carries it. A URL that is not absolute, or
 * that the library may not talk to at all (plain `http` off loopback, any
 * other scheme), is a `ProtocolError`, thrown. `defaults`: the client's
 * fixed token and the bound for a transport that bounds requests; `signal`:
 * the operation's, for a transport that aborts through it.
 */
export function hopRequest(request: ChainRequest, trustedOrigins: ReadonlySet<string>, defaults: HopDefaults = {}, signal?: AbortSignal): HttpRequest {
  const verdict = originVerdict(request.url, trustedOrigins);
  if (!verdict || verdict.refusal) {
    throw new ProtocolError({ method: request.method, url: request.url }, { reason: verdict ? verdict.refusal! : 'not an absolute URL' });
  }
  const { trusted } = verdict;
  const token = trusted ? (request.token ?? (request.auth === 'token' ? defaults.token : undefined)) : undefined;
  const headers: Record<string, string> = { accept: 'application/json' };
  let credentials = token !== undefined;
  for (const name in request.headers) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') continue;
    if (CREDENTIAL_HEADERS.has(lower)) {
      if (!trusted) continue;
      credentials = true;
    }
    headers[lower] = request.headers[name]!;
  }
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  const sendsBody = request.body !== undefined;
  if (sendsBody) headers['content-type'] = 'application/json';
  const timeoutMs = request.timeoutMs ?? defaults.timeoutMs;
  return {
    method: request.method,
    url: request.url,
    headers,
    redirect: credentials ? 'manual' : 'follow',
    // A transport whose own layer attaches tokens (an Angular interceptor) must leave this one bare.
    ...(request.auth === 'token' && trusted ? {} : { withoutToken: true }),
    ...(sendsBody ? { body: JSON.stringify(request.body) } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(signal ? { signal } : {}),
  };
}
