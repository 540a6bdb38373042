import { Observable, type Observer, type SchedulerLike, type Subscriber } from 'rxjs';
import type { ChainRequest, HttpHandler, HttpInterceptor } from './http-interceptor.js';
import type { HttpMethod, HttpResponse } from '../transport.js';
import { ProtocolError } from '../../core/errors/protocol-error.js';

/** Redirect hops followed per attempt. */
export const MAX_REDIRECTS = 5;

/** The statuses that redirect (with a `Location`). */
export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** The method of the hop a redirect leads to: 303, and 301/302 after a POST, turn into a GET (as browsers do). */
export function redirectMethod(status: number, method: HttpMethod): HttpMethod {
  return status === 303 || (method === 'POST' && status < 303) ? 'GET' : method;
}

/**
 * The redirect step: a 3xx with a `Location` that reaches it (a request
 * that carries the token or a session id asks the transport not to follow
 * redirects itself) is followed here, one hop at a time, each hop sent down
 * the chain afresh, so the trust decision ({@link hopRequest}) is made for
 * each hop's origin: a redirect to an untrusted origin goes without the
 * token. At most {@link MAX_REDIRECTS} hops; a `Location` that is not a URL
 * is a `ProtocolError`. A hop that turns into a GET drops the body. Under a
 * transport that bounds its requests (`boundMs`: the client's bound), each
 * hop gets what is left of the attempt's bound.
 */
export function redirectInterceptor(scheduler: SchedulerLike, boundMs?: number): HttpInterceptor {
  return (request, next) => new Observable<HttpResponse>((subscriber) => new Following(request, next, subscriber, scheduler, boundMs).start());
}

/** One attempt's hops: the hops' observer, each hop's subscription added to the subscriber (a synchronous answer starts the next hop before subscribe() returns). */
class Following implements Observer<HttpResponse> {
  private current: ChainRequest;
  /** The attempt's bound under a transport that bounds requests, and when the attempt started: each hop gets what is left. */
  private readonly boundMs: number | undefined;
  private readonly startedAt: number;

  constructor(
    request: ChainRequest,
    private readonly rest: HttpHandler,
    private readonly subscriber: Subscriber<HttpResponse>,
    private readonly scheduler: SchedulerLike,
    boundMs: number | undefined,
  ) {
    this.current = request;
    this.boundMs = request.timeoutMs ?? boundMs;
    this.startedAt = this.boundMs === undefined ? 0 : scheduler.now();
  }

  start(): void {
    this.subscriber.add(this.rest(this.current).subscribe(this));
  }

  next(response: HttpResponse): void {
    if (!isRedirect(response.status)) {
      // One response per request: the hop's own completion adds nothing.
      this.subscriber.next(response);
      this.subscriber.complete();
      return;
    }
    const from = this.current;
    const hop = (from.hop ?? 0) + 1;
    const context = { method: from.method, url: from.url, status: response.status };
    if (hop > MAX_REDIRECTS) return this.subscriber.error(new ProtocolError(context, { reason: 'too many redirects' }));
    let url: string;
    try {
      url = new URL(response.headers['location']!, from.url).href;
    } catch {
      return this.subscriber.error(new ProtocolError(context, { reason: 'a redirect to something that is not a URL' }));
    }
    const method = redirectMethod(response.status, from.method);
    const timeoutMs = this.boundMs === undefined ? undefined : Math.max(1, this.boundMs - (this.scheduler.now() - this.startedAt));
    this.current = {
      ...from,
      method,
      url,
      hop,
      ...(method !== from.method ? { body: undefined } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    };
    this.subscriber.add(this.rest(this.current).subscribe(this));
  }

  error(error: unknown): void {
    this.subscriber.error(error);
  }

  complete(): void {
    // Every hop answers once and then completes: the subscriber was completed with the answer that was not a redirect.
  }
}
