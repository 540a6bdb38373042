import { Observable, type SchedulerLike } from 'rxjs';
import type { HttpInterceptor } from './http-interceptor.js';
import type { HttpResponse } from '../transport.js';
import { RequestTimeoutError } from '../../core/errors/request-timeout-error.js';

/**
 * The bound on each attempt, its redirect hops included: past `timeoutMs`
 * (the client's `requestTimeoutMs`) the attempt is unsubscribed, so the
 * request is aborted, and it fails with a `RequestTimeoutError` (a
 * `NetworkError`, so the retry step repeats it when that is safe).
 *
 * A transport that bounds its requests itself (`boundsRequests`: undici's
 * own `headersTimeout` and `bodyTimeout`) is told the bound on each request
 * (`timeoutMs`) instead, and no timer runs per request.
 */
export function timeoutInterceptor(timeoutMs: number, scheduler: SchedulerLike, transportBounds: boolean): HttpInterceptor {
  if (transportBounds) return (request, next) => next({ ...request, timeoutMs });
  return (request, next) =>
    new Observable<HttpResponse>((subscriber) => {
      // The timer is the subscriber's: an answer, an error or an unsubscribe clears it with the request.
      subscriber.add(scheduler.schedule(() => subscriber.error(new RequestTimeoutError({ method: request.method, url: request.url }, { timeoutMs })), timeoutMs));
      return next(request).subscribe(subscriber);
    });
}
