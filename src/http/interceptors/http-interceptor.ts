import type { Observable } from 'rxjs';
import type { HttpResponse } from '../transport.js';
import type { RequestSpec } from '../request-spec.js';
import type { AsyncContext } from '../../core/async-context.js';

/**
 * A request on its way down the chain: the engine's {@link RequestSpec} and
 * what the interceptors above have settled about it. Each interceptor hands
 * a copy with its own fields on; none changes what it was given.
 */
export interface ChainRequest extends RequestSpec {
  /** The bearer token, attached by the token step: it goes only to hops on a trusted origin. */
  readonly token?: string;
  /**
   * Whose request this is (the caller's `AsyncLocalStorage` context), when
   * the token source may read it: a request sent or answered from a timer
   * another request started (the budget, a `$batch`) runs in it.
   */
  readonly context?: AsyncContext;
  /** 0 for the first attempt, 1 for the first retry, … (set by the retry step). */
  readonly attempt?: number;
  /**
   * How the retry step will answer this attempt's failure: the wait before
   * the next attempt and the server's `Retry-After`, or `undefined` when it
   * is not retried. Given only to attempts that are traced, so the trace can
   * tell it; asking twice gives the same answer.
   */
  readonly retryOf?: (error: unknown) => { readonly delayMs: number; readonly retryAfterMs?: number } | undefined;
  /** Redirect hops before this one (set by the redirect step). @defaultValue 0 */
  readonly hop?: number;
  /** What is left of this attempt's bound, for a transport that bounds its requests itself. */
  readonly timeoutMs?: number;
}

/** The rest of the chain, from one interceptor's point of view: Angular's `HttpHandler`. */
export type HttpHandler = (request: ChainRequest) => Observable<HttpResponse>;

/**
 * One concern of the request path, in the shape of Angular's
 * `HttpInterceptorFn`: it gets the request and the rest of the chain, and
 * answers with the response (or a typed error). Cold, as every step is.
 */
export type HttpInterceptor = (request: ChainRequest, next: HttpHandler) => Observable<HttpResponse>;

/**
 * The interceptors, outermost first, in front of `backend`. An absent one
 * (`undefined`: a concern the client's options do not need) costs nothing.
 */
export function chainInterceptors(interceptors: readonly (HttpInterceptor | undefined)[], backend: HttpHandler): HttpHandler {
  let handler = backend;
  for (let i = interceptors.length - 1; i >= 0; i--) {
    const interceptor = interceptors[i];
    if (!interceptor) continue;
    const next = handler;
    handler = (request) => interceptor(request, next);
  }
  return handler;
}
