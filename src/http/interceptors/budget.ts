import { defer, Observable } from 'rxjs';
import type { HttpInterceptor } from './http-interceptor.js';
import type { HttpResponse } from '../transport.js';
import type { RequestLimiter } from '../request-budget.js';

/**
 * The budget step: every attempt waits its turn with the client's
 * {@link RequestLimiter} (a `$batch` of n costs n) before it goes down the
 * chain, so the attempt's bound starts only when it is let through; a
 * waiting attempt that is unsubscribed leaves the queue. Let through from a
 * timer another request started, it goes in its own caller's context.
 * Present only when the client has a budget.
 */
export function budgetInterceptor(limiter: RequestLimiter): HttpInterceptor {
  // A raw Observable: it adapts the limiter's callback (`acquire(go)`, and how to leave the queue).
  return (request, next) =>
    new Observable<HttpResponse>((subscriber) => {
      // Subscribed with this subscriber: its unsubscribe reaches the attempt once it went.
      const send = (): void => void next(request).subscribe(subscriber);
      const { context } = request;
      // Leaving the queue is a no-op once the attempt went.
      return limiter.acquire(context ? () => context(send) : send, request.cost);
    });
}

/**
 * The budget's other half, below the redirect step: a redirect hop goes at
 * once, whatever the limiter holds (its attempt was let through), and is
 * counted, so the requests behind it wait longer. Present only when the
 * limiter can count (`charge`).
 */
export function hopChargeInterceptor(limiter: RequestLimiter): HttpInterceptor | undefined {
  const { charge } = limiter;
  if (!charge) return undefined;
  return (request, next) =>
    request.hop
      ? defer(() => {
          charge.call(limiter);
          return next(request);
        })
      : next(request);
}
