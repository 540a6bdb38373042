import type { SchedulerLike } from 'rxjs';
import type { ChainRequest, HttpInterceptor } from './http-interceptor.js';
import { retryer } from '../../rx/retryer.js';
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
  return (request, next) => {
    const policy = request.retry ?? clientPolicy;
    if (!request.trace) {
      return retryer((retries) => next(retries === 0 ? request : { ...request, attempt: retries }), {
        scheduler,
        delayMs: (error, retries) => delayAfter(error, retries, request, policy),
      });
    }
    // A traced attempt tells its trace how its failure is answered: the trace asks first, and the
    // answer (its jitter drawn once) is remembered for the retryer.
    let asked: unknown;
    let askedAt = -1;
    let answer: number | undefined;
    const decide = (error: unknown, retries: number): number | undefined => {
      if (error !== asked || retries !== askedAt) {
        asked = error;
        askedAt = retries;
        answer = delayAfter(error, retries, request, policy);
      }
      return answer;
    };
    return retryer(
      (retries) =>
        next({
          ...request,
          attempt: retries,
          retryOf: (error) => {
            const delayMs = decide(error, retries);
            if (delayMs === undefined) return undefined;
            const { retryAfterMs } = error as { retryAfterMs?: number };
            return retryAfterMs === undefined ? { delayMs } : { delayMs, retryAfterMs };
          },
        }),
      { scheduler, delayMs: decide },
    );
  };
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
