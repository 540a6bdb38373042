import type { Observable, SchedulerLike } from 'rxjs';
import type { ChainRequest, HttpHandler, HttpInterceptor } from './http-interceptor.js';
import type { HttpResponse } from '../transport.js';
import { retryer, type RetryPlan } from '../../rx/retryer.js';
import { retryDelay, type RetryFailure, type RetryPolicy } from '../../core/policy/retry-policy.js';
import { GraphHttpError } from '../../core/errors/graph-http-error.js';
import { NetworkError } from '../../core/errors/network-error.js';

/**
 * The retry step: each attempt goes down the chain again (through the
 * budget, the bound, the redirects) after a transient failure, on the one
 * retry state machine ({@link retryer}) and the one rule ({@link
 * retryDelay}): a 429 or 503 (when `retry.statuses` has it) for any
 * request; a 504 (likewise) or no answer (a `NetworkError`, a timed-out
 * request) for a request that is safe to repeat; a status the request
 * declares `notApplied`. The wait is the server's `Retry-After`, never less
 * than the back-off, on the scheduler. A request's own retry policy wins
 * over the client's.
 */
export function retryInterceptor(clientPolicy: RetryPolicy, scheduler: SchedulerLike): HttpInterceptor {
  return (request, next) => retryer(request.trace ? new TracedRequestRetry(request, next, request.retry ?? clientPolicy, scheduler) : new RequestRetry(request, next, request.retry ?? clientPolicy, scheduler));
}

/** One request's retries: its attempts down the rest of the chain, and the retry rule's waits. */
class RequestRetry implements RetryPlan<HttpResponse> {
  constructor(
    protected readonly request: ChainRequest,
    protected readonly next: HttpHandler,
    protected readonly policy: RetryPolicy,
    readonly scheduler: SchedulerLike,
  ) {}

  attempt(retries: number): Observable<HttpResponse> {
    return this.next(retries === 0 ? this.request : { ...this.request, attempt: retries });
  }

  delayMs(error: unknown, retries: number): number | undefined {
    return delayAfter(error, retries, this.request, this.policy);
  }
}

/**
 * A traced request's retries: each attempt can tell its trace how its
 * failure is answered; the trace asks first, and the answer (its jitter
 * drawn once) is remembered for the retry.
 */
class TracedRequestRetry extends RequestRetry {
  private asked: unknown;
  private askedAt = -1;
  private answer: number | undefined;

  override attempt(retries: number): Observable<HttpResponse> {
    return this.next({
      ...this.request,
      attempt: retries,
      retryOf: (error) => {
        const delayMs = this.delayMs(error, retries);
        if (delayMs === undefined) return undefined;
        const { retryAfterMs } = error as { retryAfterMs?: number };
        return retryAfterMs === undefined ? { delayMs } : { delayMs, retryAfterMs };
      },
    });
  }

  override delayMs(error: unknown, retries: number): number | undefined {
    if (error !== this.asked || retries !== this.askedAt) {
      this.asked = error;
      this.askedAt = retries;
      this.answer = super.delayMs(error, retries);
    }
    return this.answer;
  }
}

/** The wait before retry `retries` after `error`, or `undefined`: the retry rule, for the errors a request can end with. */
function delayAfter(error: unknown, retries: number, request: ChainRequest, policy: RetryPolicy): number | undefined {
  const failure = failureOf(error);
  return failure === undefined ? undefined : retryDelay(failure, retries, request, policy);
}

/** What the retry rule reads of an error: an HTTP status and its `Retry-After`, or no answer; anything else is never retried. */
function failureOf(error: unknown): RetryFailure | undefined {
  if (error instanceof GraphHttpError) return error.retryAfterMs === undefined ? { kind: 'status', status: error.status } : { kind: 'status', status: error.status, retryAfterMs: error.retryAfterMs };
  if (error instanceof NetworkError) return { kind: 'network' };
  return undefined;
}
