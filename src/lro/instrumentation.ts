import { defer, tap, type Observable } from 'rxjs';
import type { SendRequest } from '../http/request-spec.js';
import { redactUrl, type AttemptTrace, type RequestAttemptInfo } from '../http/request-trace.js';
export type { AttemptTrace, RequestAttemptInfo, RequestAttemptOutcome } from '../http/request-trace.js';
import type { OperationEvent } from './operation-event.js';
import { isGraphLroError } from '../core/errors/is-graph-lro-error.js';

/** How one operation ended. @public */
export type OperationOutcome = 'succeeded' | 'failed' | 'timedOut' | 'cancelled';

/**
 * An operation's event as instrumentation sees it: the accepted status URL
 * without its query string, each status, and success without the result
 * (which is the caller's data).
 *
 * @public
 */
export type TraceEvent =
  | { readonly type: 'accepted'; readonly location: string }
  | { readonly type: 'status'; readonly status: string; readonly percentageComplete?: number }
  | { readonly type: 'succeeded' };

/** One operation being observed. @public */
export interface OperationTrace {
  /** An event the operation emitted. */
  event(event: TraceEvent): void;
  /** One HTTP attempt made for this operation starts. */
  attempt(info: RequestAttemptInfo): AttemptTrace;
  /** The operation ended; `error` is the typed error when it failed. */
  end(outcome: OperationOutcome, error?: unknown): void;
}

/**
 * Observes operations: the structured event hook (`onEvent`) and the
 * OpenTelemetry tracing of `rx-graph-lro/opentelemetry` both implement it.
 * `operation()` is called when an operation is subscribed, synchronously, so
 * it sees the subscriber's context (its active span). It may answer
 * `undefined` to leave this operation untraced (OpenTelemetry with no SDK
 * registered does): the operation then runs exactly as without it.
 *
 * @public
 */
export interface Instrumentation {
  /** Called when an operation is subscribed: the trace of this operation, or `undefined` to leave it untraced. */
  operation(info: { readonly kind: string }): OperationTrace | undefined;
}

/** Several instrumentations as one. */
export function combineInstrumentation(all: readonly Instrumentation[]): Instrumentation | undefined {
  if (all.length === 0) return undefined;
  if (all.length === 1) return all[0];
  return {
    operation: (info) => {
      const traces = all.map((i) => i.operation(info)).filter((t): t is OperationTrace => t !== undefined);
      if (traces.length === 0) return undefined;
      if (traces.length === 1) return traces[0];
      return {
        event: (event) => traces.forEach((t) => t.event(event)),
        attempt: (attempt) => {
          const attempts = traces.map((t) => t.attempt(attempt));
          return { end: (outcome) => attempts.forEach((a) => a.end(outcome)) };
        },
        end: (outcome, error) => traces.forEach((t) => t.end(outcome, error)),
      };
    },
  };
}

/**
 * The operation's events, observed: `operation()` at subscription, each
 * event, and how it ended (a teardown before completion or error is a
 * cancellation). The executor reports each HTTP attempt to the trace it is
 * given through `withTrace`. Only used when instrumentation is configured:
 * without it the pipeline carries none of this.
 */
export function traced<T>(
  kind: string,
  instrumentation: Instrumentation,
  run: (trace: OperationTrace | undefined) => Observable<OperationEvent<T>>,
): Observable<OperationEvent<T>> {
  // Deferred: operation() is asked at subscription, in the subscriber's context (its active span).
  return defer(() => {
    const trace = instrumentation.operation({ kind });
    if (!trace) return run(undefined);
    return run(trace).pipe(
      tap({
        next: (event) => trace.event(toTraceEvent(event)),
        error: (error: unknown) => trace.end(outcomeOf(error), error),
        complete: () => trace.end('succeeded'),
        // Unsubscribed before it completed or failed: cancelled.
        unsubscribe: () => trace.end('cancelled'),
      }),
    );
  });
}

/** How a failed operation ended, by the error's class (the guard also knows the other module copy's errors). */
function outcomeOf(error: unknown): OperationOutcome {
  if (isGraphLroError(error, 'OperationTimeoutError')) return 'timedOut';
  if (isGraphLroError(error, 'OperationCancelledError')) return 'cancelled';
  return 'failed';
}

function toTraceEvent(event: OperationEvent<unknown>): TraceEvent {
  if (event.type === 'accepted') return { type: 'accepted', location: redactUrl(event.location) };
  if (event.type === 'succeeded') return { type: 'succeeded' };
  return event.percentageComplete === undefined
    ? { type: 'status', status: event.status }
    : { type: 'status', status: event.status, percentageComplete: event.percentageComplete };
}

/** A `send` whose every attempt is reported to `trace`. */
export function tracedSend(send: SendRequest, trace: OperationTrace): SendRequest {
  return (spec) => send({ ...spec, trace });
}
