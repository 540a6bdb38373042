import { defer, tap } from 'rxjs';
import type { HttpInterceptor } from './http-interceptor.js';
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
  return defer(() => {
    let traced: AttemptTrace | undefined = tracer.attempt({ method: request.method, url: redactUrl(request.url), attempt: request.attempt ?? 0 });
    const end = (outcome: RequestAttemptOutcome & { readonly cancelled?: boolean }): void => {
      const ending = traced;
      traced = undefined;
      ending?.end(outcome);
    };
    return next(request).pipe(
      tap({
        next: (response) => end({ status: response.status }),
        error: (error: unknown) => {
          const retry = request.retryOf?.(error);
          end(retry === undefined ? describeError(error) : { ...describeError(error), retryInMs: retry.delayMs, ...(retry.retryAfterMs !== undefined ? { retryAfterMs: retry.retryAfterMs } : {}) });
        },
        unsubscribe: () => end({ cancelled: true }),
      }),
    );
  });
};

/** An error as instrumentation may see it: its class name, HTTP status and Graph code, nothing else. */
function describeError(error: unknown): { error: string; status?: number; code?: string } {
  const e = error as { name?: unknown; status?: unknown; code?: unknown } | null;
  return {
    error: typeof e?.name === 'string' ? e.name : 'Error',
    ...(typeof e?.status === 'number' ? { status: e.status } : {}),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
}
