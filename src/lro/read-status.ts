import type { Observable, SchedulerLike } from 'rxjs';
import type * as t from 'io-ts';
import { decodeJson, isUnparsableBody } from '../core/codecs/decode.js';
import { parseRetryAfter } from '../core/policy/retry-after.js';
import { backoffDelayMs, type RetryPolicy } from '../core/policy/retry-policy.js';
import { retryer } from '../rx/retryer.js';
import type { PolledStatus } from '../rx/poll-operation-status.js';
import type { SendRequest } from '../http/request-spec.js';

/** What a status read runs on: the client's request path, scheduler and retry policy. */
export interface StatusReadRuntime {
  readonly send: SendRequest;
  readonly scheduler: SchedulerLike;
  readonly retry: RetryPolicy;
}

/**
 * One status read: GET the status URL and decode the body. A 2xx body that
 * is not JSON at all (cut off, an HTML page from a proxy) is read again
 * under the retry policy's back-off, up to its `maxRetries`, since one
 * garbled response must not end an operation that may have run for
 * minutes; JSON of the wrong shape is a `DecodeError` at once. (The request
 * path has already retried what is transient about the request itself.)
 *
 * On the one retry state machine, with the decode as its projection: one
 * subscriber per poll besides the request's, as the hand-written version had.
 */
export function readStatus<S>(
  runtime: StatusReadRuntime,
  url: string,
  headers: Readonly<Record<string, string>>,
  auth: 'token' | 'none',
  codec: t.Decoder<unknown, S>,
): Observable<PolledStatus<S>> {
  const { send, scheduler, retry } = runtime;
  const spec = { method: 'GET', url, headers, auth, idempotent: true, retry } as const;
  return retryer(() => send(spec), {
    scheduler,
    delayMs: (error, rereads) => (isUnparsableBody(error) && rereads < retry.maxRetries ? backoffDelayMs(rereads, retry) : undefined),
    project: (response): PolledStatus<S> => {
      const status = decodeJson(codec, response.body, { method: 'GET', url, status: response.status });
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], scheduler.now());
      return retryAfterMs === undefined ? { status } : { status, retryAfterMs };
    },
  });
}
