import { defer, Observable, Subscription, type SchedulerLike } from 'rxjs';
import type { HttpMethod, HttpRequest, HttpResponse, HttpTransport } from './transport.js';
import type { TokenProvider } from '../auth/token-source.js';
import { refusalReason } from '../core/url/origins.js';
import { GraphLroError, type RequestContext } from '../core/errors/graph-lro-error.js';
import { GraphHttpError } from '../core/errors/graph-http-error.js';
import { NetworkError } from '../core/errors/network-error.js';
import { RequestTimeoutError } from '../core/errors/request-timeout-error.js';
import { AuthenticationError } from '../core/errors/authentication-error.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import { GraphErrorBody } from '../core/codecs/graph-error-body.js';
import { innermostCode } from '../core/errors/error-chain.js';
import { tryParseJson } from '../core/codecs/decode.js';
import { parseRetryAfter } from '../core/policy/retry-after.js';
import { isTransientFailure, type RetryPolicy } from '../core/policy/retry-policy.js';
import { retryTransient } from '../rx/retry-transient.js';

/** One logical request, before auth, redirects and retries. */
export interface RequestSpec {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialized as JSON. */
  readonly body?: unknown;
  /** `token`: the bearer token goes along if the origin is trusted. `none`: never (drive monitors). */
  readonly auth: 'token' | 'none';
  /** Safe to repeat after a 504 or a network error (every GET; harmless POSTs). */
  readonly idempotent: boolean;
  /** Overrides of the client's retry policy for this request. */
  readonly retry?: RetryPolicy;
}

export interface RequestExecutorDeps {
  readonly transport: HttpTransport;
  readonly tokens: TokenProvider;
  readonly trustedOrigins: ReadonlySet<string>;
  readonly scheduler: SchedulerLike;
  readonly retry: RetryPolicy;
  /** Bound on one attempt, token acquisition and every redirect hop included. */
  readonly requestTimeoutMs: number;
}

/** {@link GraphClientOptions.requestTimeoutMs}'s default: 100 s, as Graph's own SDKs. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 100_000;

export type SendRequest = (spec: RequestSpec) => Observable<HttpResponse>;

const MAX_REDIRECTS = 5;

/**
 * The request executor: attaches the token only for trusted origins, repeats
 * a 401 once with a fresh token, follows token-bearing redirects itself so
 * each hop decides afresh whether it may see the token, turns non-2xx into
 * `GraphHttpError` and failures to connect into `NetworkError`, and retries
 * what is transient. Cold: nothing is sent until subscription.
 */
export function createRequestExecutor(deps: RequestExecutorDeps): SendRequest {
  return (spec) => {
    const policy = spec.retry ?? deps.retry;
    return defer(() => sendFollowingRedirects(deps, spec, spec.method, spec.url, 0, deps.requestTimeoutMs)).pipe(
      retryTransient({
        policy,
        scheduler: deps.scheduler,
        isRetryable: (error) =>
          error instanceof GraphHttpError
            ? isTransientFailure({ kind: 'status', status: error.status }, spec, policy)
            : error instanceof NetworkError && isTransientFailure({ kind: 'network' }, spec, policy),
      }),
    );
  };
}

// One attempt as a single Observable rather than a chain of operators: this
// runs for every poll of every operation, and the chain's subscribers were a
// measurable share of a poll's CPU and garbage.
function sendFollowingRedirects(
  deps: RequestExecutorDeps,
  spec: RequestSpec,
  method: HttpMethod,
  url: string,
  hops: number,
  /** Set on the first hop only: its timer bounds the whole chain. */
  timeoutMs?: number,
): Observable<HttpResponse> {
  return new Observable<HttpResponse>((subscriber) => {
    const context: RequestContext = { method, url };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      subscriber.error(new ProtocolError(context, 'not an absolute URL'));
      return;
    }
    const refusal = refusalReason(parsed);
    if (refusal) {
      subscriber.error(new ProtocolError(context, refusal));
      return;
    }
    const withToken = spec.auth === 'token' && deps.trustedOrigins.has(parsed.origin);
    const keepsBody = method === spec.method;
    // Every inner subscription goes into one container: a synchronous answer may
    // start the next request (401 repeat, redirect) before subscribe() returns.
    const inner = new Subscription();
    const fail = (error: unknown) => subscriber.error(error instanceof GraphLroError ? error : new NetworkError(context, error));
    let waitingForToken = false;
    if (timeoutMs !== undefined) {
      inner.add(
        deps.scheduler.schedule(() => {
          const late = waitingForToken
            ? new AuthenticationError(`the token source did not answer within ${timeoutMs} ms`, context)
            : new RequestTimeoutError(context, timeoutMs);
          inner.unsubscribe();
          subscriber.error(late);
        }, timeoutMs),
      );
    }

    // Any exception while handling a response (a hostile body, a bug) reaches
    // the subscriber typed, rather than escaping from the transport's callback.
    const onResponse = (response: HttpResponse, refreshed: boolean): void => {
      try {
        handleResponse(response, refreshed);
      } catch (error) {
        subscriber.error(error instanceof GraphLroError ? error : new ProtocolError({ ...context, status: response.status }, 'the response could not be handled', error));
      }
    };
    const handleResponse = (response: HttpResponse, refreshed: boolean): void => {
      if (response.status === 401 && withToken && deps.tokens.refreshable && !refreshed) return attempt(true);
      if (response.status >= 200 && response.status < 300) {
        subscriber.next(response);
        subscriber.complete();
        return;
      }
      const withStatus = { ...context, status: response.status };
      if (isRedirect(response.status) && response.headers['location']) {
        if (hops >= MAX_REDIRECTS) return subscriber.error(new ProtocolError(withStatus, 'too many redirects'));
        let next: string;
        try {
          next = new URL(response.headers['location'], url).href;
        } catch {
          return subscriber.error(new ProtocolError(withStatus, 'a redirect to something that is not a URL'));
        }
        // 303, and 301/302 after a POST, turn into a GET (as browsers do).
        const nextMethod = response.status === 303 || (method === 'POST' && response.status < 303) ? 'GET' : method;
        inner.add(sendFollowingRedirects(deps, spec, nextMethod, next, hops + 1).subscribe({
          next: (answer) => subscriber.next(answer),
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        }));
        return;
      }
      if (response.status === 0) {
        return subscriber.error(new ProtocolError(context, 'a redirect that this environment will not let the library follow'));
      }
      subscriber.error(toHttpError(response, context, deps.scheduler.now()));
    };

    const send = (token: string | undefined, refreshed: boolean): void => {
      waitingForToken = false;
      let answered = false;
      inner.add(deps.transport(buildRequest(spec, method, url, keepsBody, token)).subscribe({
        next: (response) => {
          answered = true;
          onResponse(response, refreshed);
        },
        error: (error: unknown) => fail(token === undefined ? error : withoutToken(error, token)),
        complete: () => {
          if (!answered) fail(new ProtocolError(context, 'the transport completed without a response'));
        },
      }));
    };

    const attempt = (forceRefresh: boolean): void => {
      if (!withToken) return send(undefined, forceRefresh);
      if (deps.tokens.fixed !== undefined) return send(deps.tokens.fixed, forceRefresh);
      waitingForToken = true;
      inner.add(deps.tokens.token(forceRefresh).subscribe({ next: (token) => send(token, forceRefresh), error: fail }));
    };

    attempt(false);
    return inner;
  });
}

/**
 * A transport's error whose text quotes the token (some fetch implementations
 * quote a header value they refuse) is replaced: errors never carry it.
 */
function withoutToken(error: unknown, token: string): unknown {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  return text.includes(token) ? new Error('the transport failed; its message quoted the token and was dropped') : error;
}

function buildRequest(spec: RequestSpec, method: HttpMethod, url: string, keepsBody: boolean, token: string | undefined): HttpRequest {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A caller's own Authorization never passes: the token goes only where origin trust says.
  for (const name in spec.headers) {
    const lower = name.toLowerCase();
    if (lower !== 'authorization') headers[lower] = spec.headers[name]!;
  }
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  const sendsBody = keepsBody && spec.body !== undefined;
  if (sendsBody) headers['content-type'] = 'application/json';
  return {
    method,
    url,
    headers,
    // Token-bearing requests follow redirects here, one hop at a time, so
    // that a redirect to an untrusted origin never carries the token.
    redirect: token !== undefined ? 'manual' : 'follow',
    ...(sendsBody ? { body: JSON.stringify(spec.body) } : {}),
  };
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** A non-2xx response as a `GraphHttpError`, with Graph's code and `Retry-After` when present. */
export function toHttpError(response: HttpResponse, context: RequestContext, nowMs: number): GraphHttpError {
  const decoded = GraphErrorBody.decode(tryParseJson(response.body));
  const graphError = decoded._tag === 'Right' ? decoded.right.error : undefined;
  const code = graphError ? (innermostCode(graphError) ?? graphError.code) : undefined;
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], nowMs);
  return new GraphHttpError(
    { method: context.method ?? 'GET', url: context.url ?? '', status: response.status, ...(code ? { code } : {}) },
    { ...(graphError ? { graphError } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
  );
}
