import { Observable, Subscription, type SchedulerLike, type Subscriber } from 'rxjs';
import type { HttpMethod, HttpRequest, HttpResponse, HttpTransport } from './transport.js';
import type { TokenProvider } from '../auth/token-source.js';
import { redactUrl, type AttemptTrace, type RequestTracer } from './request-trace.js';
import { refusalReason } from '../core/url/origins.js';
import { captureAsyncContext, type AsyncContext } from '../core/async-context.js';
import { GraphLroError, type RequestContext } from '../core/errors/graph-lro-error.js';
import { GraphHttpError } from '../core/errors/graph-http-error.js';
import { NetworkError } from '../core/errors/network-error.js';
import { RequestTimeoutError } from '../core/errors/request-timeout-error.js';
import { AuthenticationError } from '../core/errors/authentication-error.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import { redactedCause } from '../core/errors/redaction.js';
import { GraphErrorBody } from '../core/codecs/graph-error-body.js';
import { innermostCode } from '../core/errors/error-chain.js';
import { tryParseJson } from '../core/codecs/decode.js';
import { parseRetryAfter } from '../core/policy/retry-after.js';
import { isTransientFailure, retryDelayMs, type RetryPolicy } from '../core/policy/retry-policy.js';
import type { RequestLimiter } from './request-budget.js';

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
  /**
   * Statuses that, for this request, mean nothing was applied and it may be
   * sent again under the retry policy even when it is not idempotent (a
   * team created from a group Graph cannot see yet: 404; a locked file: 423).
   */
  readonly notApplied?: readonly number[];
  /** Told about each attempt (instrumentation); none unless configured. */
  readonly trace?: RequestTracer;
  /** How many Graph requests this one is, for the request budget (a `$batch` of n: n). @defaultValue 1 */
  readonly cost?: number;
}

export interface RequestExecutorDeps {
  readonly transport: HttpTransport;
  readonly tokens: TokenProvider;
  readonly trustedOrigins: ReadonlySet<string>;
  readonly scheduler: SchedulerLike;
  readonly retry: RetryPolicy;
  /** Bound on one attempt, token acquisition and every redirect hop included. */
  readonly requestTimeoutMs: number;
  /** The client's request budget, when it has one: each attempt waits for its turn before its bound starts. */
  readonly budget?: RequestLimiter;
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
 *
 * Hot path: every poll of every operation comes through here, so the retry
 * loop is written out (it is `retryTransient`'s rule, the same policy
 * functions) instead of composing `defer` and `retry`, whose subscribers
 * were a measurable share of a poll's CPU and garbage.
 */
export function createRequestExecutor(deps: RequestExecutorDeps): SendRequest {
  return (spec) =>
    new Observable<HttpResponse>((subscriber) => {
      const policy = spec.retry ?? deps.retry;
      let retries = 0;
      // Two slots, never one: an attempt that fails synchronously schedules the
      // retry before its own subscribe() returns, and must not overwrite it.
      let attempt: Subscription | undefined;
      let wait: Subscription | undefined;
      let traced: AttemptTrace | undefined;
      let leaveQueue: (() => void) | undefined;
      const { budget } = deps;
      // Whose request this is, for a token source that reads it from the
      // caller's context: captured now, used for every token this request asks for.
      const context = spec.auth === 'token' && deps.tokens.contextual ? captureAsyncContext() : undefined;
      const run = (): void => {
        wait = undefined;
        if (budget) {
          // Over the budget, the attempt waits its turn: deferred, never failed.
          // It goes from a timer another request may have started: back in this request's context.
          leaveQueue = budget.acquire(context ? () => context(send) : send, spec.cost);
          return;
        }
        send();
      };
      const send = (): void => {
        leaveQueue = undefined;
        traced = spec.trace?.attempt({ method: spec.method, url: redactUrl(spec.url), attempt: retries });
        attempt = sendFollowingRedirects(deps, spec, context, spec.method, spec.url, 0, deps.requestTimeoutMs).subscribe({
          next: (response) => {
            traced?.end({ status: response.status });
            traced = undefined;
            subscriber.next(response);
          },
          error: (error: unknown) => {
            const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
            if (retries < policy.maxRetries && isRetryable(error, spec, policy)) {
              const delay = retryDelayMs(retries++, retryAfterMs, policy);
              traced?.end({ ...describeError(error), retryInMs: delay, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
              traced = undefined;
              wait = deps.scheduler.schedule(run, delay);
              return;
            }
            traced?.end(describeError(error));
            traced = undefined;
            subscriber.error(error);
          },
          complete: () => subscriber.complete(),
        });
      };
      run();
      return () => {
        leaveQueue?.();
        attempt?.unsubscribe();
        wait?.unsubscribe();
        traced?.end({ cancelled: true });
      };
    });
}

/** An error as instrumentation may see it: its class name, HTTP status and Graph code, nothing else. */
function describeError(error: unknown): { error: string; status?: number; code?: string } {
  const e = error as { name?: unknown; status?: unknown; code?: unknown } | null;
  return {
    error: typeof e?.name === 'string' ? e.name : 'Error',
    ...(typeof e?.status === 'number' ? { status: e.status } : {}),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
}

function isRetryable(error: unknown, spec: RequestSpec, policy: RetryPolicy): boolean {
  if (error instanceof GraphHttpError && spec.notApplied?.includes(error.status)) return true;
  if (error instanceof GraphHttpError) return isTransientFailure({ kind: 'status', status: error.status }, spec, policy);
  return error instanceof NetworkError && isTransientFailure({ kind: 'network' }, spec, policy);
}

/**
 * The origin of `url` and why it may not be talked to. Most requests go to
 * a trusted origin (Graph's), whose URL starts with that origin and a `/`:
 * that prefix settles the origin without parsing (nothing can follow an
 * authority that a `/` has closed), and a trusted origin was checked when the
 * client was made. Anything else is parsed.
 */
function classify(url: string, trusted: ReadonlySet<string>): { readonly origin: string; readonly refusal: string | undefined } | null {
  for (const origin of trusted) {
    if (url.length > origin.length && url.charCodeAt(origin.length) === 47 /* / */ && url.startsWith(origin)) return { origin, refusal: undefined };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return { origin: parsed.origin, refusal: refusalReason(parsed) };
}

// One attempt (with its redirect hops and 401 repeat) as a single Observable
// whose state lives in one object with methods, rather than a chain of
// operators or a dozen closures: this runs for every poll of every operation,
// and those subscribers and closures were a measurable share of a poll's CPU
// and garbage.
function sendFollowingRedirects(
  deps: RequestExecutorDeps,
  spec: RequestSpec,
  context: AsyncContext | undefined,
  method: HttpMethod,
  url: string,
  hops: number,
  /** Set on the first hop only: its timer bounds the whole chain. */
  timeoutMs?: number,
): Observable<HttpResponse> {
  return new Observable<HttpResponse>((subscriber) => new Exchange(deps, spec, context, method, url, hops, subscriber).start(timeoutMs));
}

/** One hop of one attempt: token, request, response handling. */
class Exchange {
  private readonly context: RequestContext;
  /** Every inner subscription, in one container: a synchronous answer may start the next request (401 repeat, redirect) before subscribe() returns. */
  private readonly inner = new Subscription();
  private withToken = false;
  /** The hop's origin is trusted with the token, and so with the headers that are credentials too. */
  private trusted = false;
  private waitingForToken = false;
  private refreshed = false;
  /** Transport answers and completions so far: a completion beyond the answers is a transport that never answered (one response per request). */
  private answers = 0;
  private completions = 0;
  private token: string | undefined;

  constructor(
    private readonly deps: RequestExecutorDeps,
    private readonly spec: RequestSpec,
    private readonly asyncContext: AsyncContext | undefined,
    private readonly method: HttpMethod,
    private readonly url: string,
    private readonly hops: number,
    private readonly subscriber: Subscriber<HttpResponse>,
  ) {
    this.context = { method, url };
  }

  start(timeoutMs: number | undefined): Subscription {
    const parsed = classify(this.url, this.deps.trustedOrigins);
    if (!parsed) {
      this.subscriber.error(new ProtocolError(this.context, { reason: 'not an absolute URL' }));
      return this.inner;
    }
    if (parsed.refusal) {
      this.subscriber.error(new ProtocolError(this.context, { reason: parsed.refusal }));
      return this.inner;
    }
    this.trusted = this.deps.trustedOrigins.has(parsed.origin);
    this.withToken = this.spec.auth === 'token' && this.trusted;
    if (timeoutMs !== undefined) this.inner.add(this.deps.scheduler.schedule(() => this.timedOut(timeoutMs), timeoutMs));
    this.attempt();
    return this.inner;
  }

  private timedOut(timeoutMs: number): void {
    const late = this.waitingForToken
      ? new AuthenticationError(this.context, { reason: `the token source did not answer within ${timeoutMs} ms` })
      : new RequestTimeoutError(this.context, { timeoutMs });
    this.inner.unsubscribe();
    this.subscriber.error(late);
  }

  private attempt(): void {
    const { tokens } = this.deps;
    if (!this.withToken || tokens.external) return this.send(undefined);
    if (tokens.fixed !== undefined) return this.send(tokens.fixed);
    this.waitingForToken = true;
    this.inner.add(
      tokens.token(this.refreshed, this.asyncContext).subscribe({
        next: (token) => this.send(token),
        error: (error: unknown) => this.fail(error),
      }),
    );
  }

  private send(token: string | undefined): void {
    this.waitingForToken = false;
    this.token = token;
    // The attempt's first request was let through by the budget; a hop or a 401 repeat is counted as it goes.
    if (this.hops > 0 || this.refreshed) this.deps.budget?.charge?.();
    // The Exchange is the transport's observer: next/error/complete below.
    this.inner.add(this.deps.transport(buildRequest(this.spec, this.method, this.url, this.method === this.spec.method, token, !this.withToken, this.trusted)).subscribe(this));
  }

  next(response: HttpResponse): void {
    this.answers++;
    // Any exception while handling a response (a hostile body, a bug) reaches
    // the subscriber typed, rather than escaping from the transport's callback.
    try {
      this.handle(response);
    } catch (error) {
      this.subscriber.error(
        error instanceof GraphLroError ? error : new ProtocolError({ ...this.context, status: response.status }, { reason: 'the response could not be handled', cause: error }),
      );
    }
  }

  error(error: unknown): void {
    this.fail(this.token === undefined ? error : withoutToken(error, this.token));
  }

  complete(): void {
    if (++this.completions > this.answers) this.fail(new ProtocolError(this.context, { reason: 'the transport completed without a response' }));
  }

  private fail(error: unknown): void {
    this.subscriber.error(error instanceof GraphLroError ? error : new NetworkError(this.context, { cause: error }));
  }

  private handle(response: HttpResponse): void {
    const { subscriber, context } = this;
    if (response.status === 401 && this.withToken && this.deps.tokens.refreshable && !this.refreshed) {
      this.refreshed = true;
      return this.attempt();
    }
    if (response.status >= 200 && response.status < 300) {
      subscriber.next(response);
      subscriber.complete();
      return;
    }
    const withStatus = { ...context, status: response.status };
    if (isRedirect(response.status) && response.headers['location']) {
      if (this.hops >= MAX_REDIRECTS) return subscriber.error(new ProtocolError(withStatus, { reason: 'too many redirects' }));
      let next: string;
      try {
        next = new URL(response.headers['location'], this.url).href;
      } catch {
        return subscriber.error(new ProtocolError(withStatus, { reason: 'a redirect to something that is not a URL' }));
      }
      // 303, and 301/302 after a POST, turn into a GET (as browsers do).
      const nextMethod = response.status === 303 || (this.method === 'POST' && response.status < 303) ? 'GET' : this.method;
      this.inner.add(sendFollowingRedirects(this.deps, this.spec, this.asyncContext, nextMethod, next, this.hops + 1).subscribe(subscriber));
      return;
    }
    if (response.status === 0) {
      return subscriber.error(new ProtocolError(context, { reason: 'a redirect that this environment will not let the library follow' }));
    }
    subscriber.error(toHttpError(response, context, this.deps.scheduler.now()));
  }
}

/**
 * A transport's error whose text quotes the token (some fetch implementations
 * quote a header value they refuse), anywhere in its cause chain, is
 * replaced by a copy with the token taken out: errors never carry it.
 */
function withoutToken(error: unknown, token: string): unknown {
  return redactedCause(error, [token]);
}

/**
 * Headers that are credentials as much as the token is: a workbook session
 * id lets whoever holds it work in the session. Sent only to an origin
 * trusted with the token, and a request that carries one follows its
 * redirects one hop at a time, as a token-bearing one does.
 */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['workbook-session-id']);

function buildRequest(
  spec: RequestSpec,
  method: HttpMethod,
  url: string,
  keepsBody: boolean,
  token: string | undefined,
  withoutToken: boolean,
  trusted: boolean,
): HttpRequest {
  const headers: Record<string, string> = { accept: 'application/json' };
  let credentials = token !== undefined;
  // A caller's own Authorization never passes: the token goes only where origin trust says.
  for (const name in spec.headers) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') continue;
    if (CREDENTIAL_HEADERS.has(lower)) {
      if (!trusted) continue;
      credentials = true;
    }
    headers[lower] = spec.headers[name]!;
  }
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  const sendsBody = keepsBody && spec.body !== undefined;
  if (sendsBody) headers['content-type'] = 'application/json';
  return {
    method,
    url,
    headers,
    // Token-bearing requests follow redirects here, one hop at a time, so
    // that a redirect to an untrusted origin never carries the token (nor a session id).
    redirect: credentials ? 'manual' : 'follow',
    ...(withoutToken ? { withoutToken: true } : {}),
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
    { ...(graphError ? { graphError } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...(response.cause !== undefined ? { cause: response.cause } : {}) },
  );
}
