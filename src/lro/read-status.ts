import type { Observable, SchedulerLike } from 'rxjs';
import type * as t from 'io-ts';
import { decodeJson, isUnparsableBody } from '../core/codecs/decode.js';
import { parseRetryAfter } from '../core/policy/retry-after.js';
import { backoffDelayMs, type RetryPolicy } from '../core/policy/retry-policy.js';
import type { RetryPlan } from '../rx/retryer.js';
import type { PolledStatus } from '../rx/poll-operation-status.js';
import type { RequestSpec, SendRequest } from '../http/request-spec.js';
import type { HttpResponse } from '../http/transport.js';

/** What a status read runs on: the client's request path, scheduler and retry policy. */
export interface StatusReadRuntime {
  readonly send: SendRequest;
  readonly scheduler: SchedulerLike;
  readonly retry: RetryPolicy;
}

/**
 * The status reads of one operation, on the one retry state machine: GET
 * the status URL and decode the body (the machine's projection). A 2xx body
 * that is not JSON at all (cut off, an HTML page from a proxy) is read again
 * under the retry policy's back-off, up to its `maxRetries`, since one
 * garbled response must not end an operation that may have run for
 * minutes; JSON of the wrong shape is a `DecodeError` at once. (The request
 * path has already retried what is transient about the request itself.)
 *
 * Made once per operation and read at every poll (`retryer(read)`): a poll
 * allocates no request of its own, only its retry machine.
 */
export class StatusRead<S> implements RetryPlan<HttpResponse, PolledStatus<S>> {
  readonly scheduler: SchedulerLike;
  private readonly spec: RequestSpec;

  constructor(
    private readonly runtime: StatusReadRuntime,
    private readonly url: string,
    headers: Readonly<Record<string, string>>,
    auth: 'token' | 'none',
    private readonly codec: t.Decoder<unknown, S>,
  ) {
    this.scheduler = runtime.scheduler;
    this.spec = { method: 'GET', url, headers, auth, idempotent: true, retry: runtime.retry };
  }

  attempt(): Observable<HttpResponse> {
    return this.runtime.send(this.spec);
  }

  delayMs(error: unknown, rereads: number): number | undefined {
    const { retry } = this.runtime;
    return isUnparsableBody(error) && rereads < retry.maxRetries ? backoffDelayMs(rereads, retry) : undefined;
  }

  project(response: HttpResponse): PolledStatus<S> {
    const status = decodeJson(this.codec, response.body, { method: 'GET', url: this.url, status: response.status });
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], this.scheduler.now());
    return retryAfterMs === undefined ? { status } : { status, retryAfterMs };
  }
}
