import type { SchedulerLike } from 'rxjs';
import type { HttpTransport } from './transport.js';
import type { SendRequest } from './request-spec.js';
import type { RequestLimiter } from './request-budget.js';
import type { TokenProvider } from '../auth/token-source.js';
import type { RetryPolicy } from '../core/policy/retry-policy.js';
import { chainInterceptors, type HttpInterceptor } from './interceptors/http-interceptor.js';
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

/** The steps a request path can hold, outermost first. */
export type RequestStep = 'token' | 'batch' | 'retry' | 'budget' | 'trace' | 'timeout' | 'redirects' | 'hop-charge';

/**
 * Which steps a client's request path holds, outermost first: only what
 * its options need.
 *
 * ```text
 * [token] ─▶ [batch] ─▶ retry ─▶ [budget] ─▶ [trace] ─▶ [timeout] ─▶ redirects ─▶ [hop-charge] ─▶ backend ─▶ transport
 * ```
 *
 * - token (trust-and-token.ts): a token source's token attached once per request, asked in the caller's context; a 401 repeated once with a fresh one. None for a fixed token (the backend attaches it) or when the transport attaches tokens.
 * - batch: polls falling due together as one `$batch`, grouped by the token they carry. Only with `batch`.
 * - retry: transient failures repeated, on the one retry state machine.
 * - budget: each attempt waits its turn; hop-charge, below the redirects, counts each hop. Only with `requestBudget` (hop-charge only for a limiter that can count).
 * - trace: each attempt reported. Only with instrumentation, or `batch` (whose bound starts at its first attempt).
 * - timeout: each attempt bounded by a timer. None when the transport bounds its requests itself (`boundsRequests`, undici): the backend tells it the bound, and no timer runs.
 * - redirects: followed hop by hop, each hop's trust decided afresh (at the backend).
 * - backend (transport-backend.ts, always last): the hop as trust allows it (a fixed token, the bound for a transport that keeps it), on the transport; the answer typed.
 */
export function requestSteps(options: {
  readonly tokens: TokenProvider['kind'];
  readonly batch: boolean;
  readonly budget: boolean;
  readonly limiterCharges: boolean;
  readonly traced: boolean;
  readonly transportBounds: boolean;
}): RequestStep[] {
  return [
    ...(options.tokens === 'source' || options.tokens === 'refused' ? ['token' as const] : []),
    ...(options.batch ? ['batch' as const] : []),
    'retry',
    ...(options.budget ? ['budget' as const] : []),
    ...(options.traced || options.batch ? ['trace' as const] : []),
    ...(options.transportBounds ? [] : ['timeout' as const]),
    'redirects',
    ...(options.budget && options.limiterCharges ? ['hop-charge' as const] : []),
  ];
}

/**
 * A client's request path: the interceptors {@link requestSteps} names, in
 * front of the transport. Cold throughout: nothing is sent until
 * subscription, and unsubscribing aborts whatever is in flight.
 */
export function createRequestChain(options: RequestChainOptions): SendRequest {
  const { transport, tokens, trustedOrigins, scheduler, retry, requestTimeoutMs, budget, batch } = options;
  const transportBounds = transport.boundsRequests === true;
  const steps = requestSteps({
    tokens: tokens.kind,
    batch: batch !== undefined,
    budget: budget !== undefined,
    limiterCharges: typeof budget?.charge === 'function',
    traced: options.traced === true,
    transportBounds,
  });
  const interceptor = (step: RequestStep): HttpInterceptor | undefined => {
    switch (step) {
      case 'token':
        return tokenInterceptor(tokens, trustedOrigins, scheduler, requestTimeoutMs);
      case 'batch':
        return batchInterceptor(batch!.apiRoot, scheduler, retry, batch!.options, requestTimeoutMs);
      case 'retry':
        return retryInterceptor(retry, scheduler);
      case 'budget':
        return budgetInterceptor(budget!);
      case 'trace':
        return traceInterceptor;
      case 'timeout':
        return timeoutInterceptor(requestTimeoutMs, scheduler);
      case 'redirects':
        return redirectInterceptor(scheduler, transportBounds ? requestTimeoutMs : undefined);
      case 'hop-charge':
        return hopChargeInterceptor(budget!);
    }
  };
  const defaults = {
    ...(tokens.kind === 'fixed' ? { token: tokens.token } : {}),
    ...(transportBounds ? { timeoutMs: requestTimeoutMs } : {}),
  };
  return chainInterceptors(steps.map(interceptor), transportBackend(transport, trustedOrigins, scheduler, defaults));
}
