import { Observable, type Observer, type Subscriber, type Subscription, type Unsubscribable } from 'rxjs';
import type { ChainRequest, HttpInterceptor } from './http-interceptor.js';
import type { HttpResponse } from '../transport.js';
import { redactUrl, type AttemptTrace, type RequestAttemptOutcome } from '../request-trace.js';

/**
 * The trace step: a request that carries a tracer (an operation's, when
 * instrumentation is configured; a `$batch`'s own, to start its bound) has
 * each attempt reported when it goes (after any wait for the budget), and
 * how it ended: its status, or its error's class, status and code, and the
 * wait before the retry when there is one, or that it was cancelled. URLs
 * without their query string; never a header, a token or a session id.
 * Present only when instrumentation or `$batch` is configured.
 */
export const traceInterceptor: HttpInterceptor = (request, next) => {
  const tracer = request.trace;
  if (!tracer) return next(request);
  // Hand-written rather than defer + tap: with instrumentation every request of every poll comes
  // here; composed, a no-op onEvent cost 1.39× [1.27–1.54] of no instrumentation, hand-written
  // 1.25× [1.20–1.31] (bench/tracing-overhead.mjs, 9 rounds each; main's executor: 1.22×).
  return new Observable<HttpResponse>((subscriber) => {
    const traced = new Traced(request, subscriber, tracer.attempt({ method: request.method, url: redactUrl(request.url), attempt: request.attempt ?? 0 }));
    traced.inner = next(request).subscribe(traced);
    return traced;
  });
};

/** One traced attempt: the attempt's observer and teardown, ending its trace once. */
class Traced implements Observer<HttpResponse>, Unsubscribable {
  inner: Subscription | undefined;

  constructor(
    private readonly request: ChainRequest,
    private readonly subscriber: Subscriber<HttpResponse>,
    private traced: AttemptTrace | undefined,
  ) {}

  next(response: HttpResponse): void {
    this.end({ status: response.status });
    this.subscriber.next(response);
  }

  error(error: unknown): void {
    const retry = this.request.retryOf?.(error);
    this.end(retry === undefined ? describeError(error) : { ...describeError(error), retryInMs: retry.delayMs, ...(retry.retryAfterMs !== undefined ? { retryAfterMs: retry.retryAfterMs } : {}) });
    this.subscriber.error(error);
  }

  complete(): void {
    this.subscriber.complete();
  }

  unsubscribe(): void {
    this.inner?.unsubscribe();
    this.end({ cancelled: true });
  }

  private end(outcome: RequestAttemptOutcome & { readonly cancelled?: boolean }): void {
    const ending = this.traced;
    this.traced = undefined;
    ending?.end(outcome);
  }
}

/** An error as instrumentation may see it: its class name, HTTP status and Graph code, nothing else. */
function describeError(error: unknown): { error: string; status?: number; code?: string } {
  const e = error as { name?: unknown; status?: unknown; code?: unknown } | null;
  return {
    error: typeof e?.name === 'string' ? e.name : 'Error',
    ...(typeof e?.status === 'number' ? { status: e.status } : {}),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
}
