import type { SchedulerLike } from 'rxjs';
import type { HttpTransport } from './transport.js';
import type { SendRequest } from './request-spec.js';
import type { RequestLimiter } from './request-budget.js';
import type { TokenProvider } from '../auth/token-source.js';
import type { RetryPolicy } from '../core/policy/retry-policy.js';
import { chainInterceptors } from './interceptors/http-interceptor.js';
import { tokenInterceptor } from './interceptors/trust-and-token.js';
import { batchInterceptor, type BatchOptions } from './interceptors/batch.js';
import { retryInterceptor } from './interceptors/retry.js';
import { budgetInterceptor, hopChargeInterceptor } from './interceptors/budget.js';
import { traceInterceptor } from './interceptors/trace.js';
import { timeoutInterceptor } from './interceptors/timeout.js';
import { redirectInterceptor } from './interceptors/redirects.js';
import { transportBackend } from './interceptors/transport-backend.js';

/** {@link GraphClientOptions.requestTimeoutMs}'s default: 100 s, as Graph's own SDKs. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 100_000;

/** What a client's request path is made of. */
export interface RequestChainOptions {
  readonly transport: HttpTransport;
  readonly tokens: TokenProvider;
  readonly trustedOrigins: ReadonlySet<string>;
  readonly scheduler: SchedulerLike;
  readonly retry: RetryPolicy;
  /** Bound on one attempt, every redirect hop included; and on the wait for a token. */
  readonly requestTimeoutMs: number;
  /** The client's request budget, when it has one: each attempt waits for its turn before its bound starts. */
  readonly budget?: RequestLimiter;
  /** Folding polls into `$batch`, when the client asks for it. */
  readonly batch?: { readonly apiRoot: string; readonly options: BatchOptions };
  /** Instrumentation is configured: requests may carry a tracer. @defaultValue false */
  readonly traced?: boolean;
}

/**
 * A client's request path: a chain of interceptors, each one concern, in
 * front of the transport, holding only what the client's options need.
 *
 * ```text
 * token ─▶ [batch] ─▶ retry ─▶ [budget] ─▶ [trace] ─▶ timeout ─▶ redirects ─▶ [budget: hops] ─▶ backend ─▶ transport
 * ```
 *
 * - token (trust-and-token.ts): the token attached once per request, in the caller's context; a 401 repeated once with a fresh one. None when the transport attaches tokens.
 * - batch: polls falling due together as one `$batch`, grouped by the token they carry. Only with `batch`.
 * - retry: transient failures repeated, on the one retry state machine.
 * - budget: each attempt waits its turn (and, below the redirects, each hop is counted). Only with `requestBudget`.
 * - trace: each attempt reported. Only with instrumentation or `batch` (whose bound starts at its first attempt).
 * - timeout: each attempt bounded by a timer, or, when the transport bounds its requests itself, told its bound.
 * - redirects: followed hop by hop, each hop's trust decided afresh.
 * - backend (transport-backend.ts): the hop as trust allows it, on the transport; the answer typed.
 *
 * Cold throughout: nothing is sent until subscription, and unsubscribing
 * aborts whatever is in flight.
 */
export function createRequestChain(options: RequestChainOptions): SendRequest {
  const { transport, tokens, trustedOrigins, scheduler, retry, requestTimeoutMs, budget, batch } = options;
  return chainInterceptors(
    [
      tokenInterceptor(tokens, trustedOrigins, scheduler, requestTimeoutMs),
      batch ? batchInterceptor(batch.apiRoot, scheduler, retry, batch.options, requestTimeoutMs) : undefined,
      retryInterceptor(retry, scheduler),
      budget ? budgetInterceptor(budget) : undefined,
      options.traced || batch ? traceInterceptor : undefined,
      timeoutInterceptor(requestTimeoutMs, scheduler, transport.boundsRequests === true),
      redirectInterceptor(scheduler),
      budget ? hopChargeInterceptor(budget) : undefined,
    ],
    transportBackend(transport, trustedOrigins, scheduler),
  );
}
