import { Observable, type Subscription } from 'rxjs';
import type * as t from 'io-ts';
import { decodeJson, isUnparsableBody } from '../core/codecs/decode.js';
import { parseRetryAfter } from '../core/policy/retry-after.js';
import { backoffDelayMs } from '../core/policy/retry-policy.js';
import type { PolledStatus } from '../rx/poll-operation-status.js';
import type { SchedulerLike } from 'rxjs';
import type { SendRequest } from '../http/request-executor.js';
import type { RetryPolicy } from '../core/policy/retry-policy.js';

/** What a status read runs on: the client's executor, scheduler and retry policy. */
export interface StatusReadRuntime {
  readonly send: SendRequest;
  readonly scheduler: SchedulerLike;
  readonly retry: RetryPolicy;
}

/**
 * One status read: GET the status URL and decode the body. A 2xx body that
 * is not JSON at all (cut off, an HTML page from a proxy) is read again
 * under the retry policy's backoff, since one garbled response must not end
 * an operation that may have run for minutes; JSON of the wrong shape is a
 * `DecodeError` at once.
 *
 * Hot path: one of these per poll of every operation, so it is one
 * Observable rather than `send(...).pipe(map(decode), retryTransient(...))`,
 * whose two extra subscribers per poll were measurable.
 */
export function readStatus<S>(
  runtime: StatusReadRuntime,
  url: string,
  headers: Readonly<Record<string, string>>,
  auth: 'token' | 'none',
  codec: t.Decoder<unknown, S>,
): Observable<PolledStatus<S>> {
  return new Observable<PolledStatus<S>>((subscriber) => {
    let rereads = 0;
    // Two slots: a synchronous answer may schedule the re-read before subscribe() returns.
    let request: Subscription | undefined;
    let wait: Subscription | undefined;
    const read = (): void => {
      wait = undefined;
      request = runtime.send({ method: 'GET', url, headers, auth, idempotent: true, retry: runtime.retry }).subscribe({
        next: (response) => {
          let status: S;
          try {
            status = decodeJson(codec, response.body, { method: 'GET', url, status: response.status });
          } catch (error) {
            if (isUnparsableBody(error) && rereads < runtime.retry.maxRetries) {
              wait = runtime.scheduler.schedule(read, backoffDelayMs(rereads++, runtime.retry));
              return;
            }
            subscriber.error(error);
            return;
          }
          const retryAfterMs = parseRetryAfter(response.headers['retry-after'], runtime.scheduler.now());
          subscriber.next(retryAfterMs === undefined ? { status } : { status, retryAfterMs });
          subscriber.complete();
        },
        // The executor always answers with a response or an error: its completion says nothing more.
        error: (error: unknown) => subscriber.error(error),
      });
    };
    read();
    return () => {
      request?.unsubscribe();
      wait?.unsubscribe();
    };
  });
}
