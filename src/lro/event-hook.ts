import type { SchedulerLike } from 'rxjs';
import type { Instrumentation, OperationOutcome } from './instrumentation.js';

/** What every event says about the operation it belongs to. @public */
export interface GraphLroEventBase {
  /** Unique per client: `op-1`, `op-2`, … */
  readonly operationId: string;
  /** `workbook.createSession`, `driveItem.copy`, a custom spec's `kind`, … */
  readonly kind: string;
  /** When, on the client's scheduler (ms). */
  readonly at: number;
}

/** What an event says about one HTTP attempt. @public */
export interface GraphLroRequestEventBase extends GraphLroEventBase {
  /** The attempt's HTTP method. */
  readonly method: string;
  /** Without query string or fragment. */
  readonly url: string;
  /** 0 for the first attempt, 1 for the first retry, … */
  readonly attempt: number;
}

/** An error as events show it: its class name, HTTP status and Graph code. @public */
export interface GraphLroEventError {
  /** The error's class name: `GraphHttpError`, `NetworkError`, … */
  readonly name: string;
  /** The HTTP status, when there was an answer. */
  readonly status?: number;
  /** Graph's innermost error code, when Graph gave one. */
  readonly code?: string;
}

/**
 * What `onEvent` receives: plain objects that never carry a token, a
 * session id or a URL's query string (a monitor's `tempAuth`).
 *
 * @public
 */
export type GraphLroEvent =
  | (GraphLroEventBase & { readonly type: 'operation.started' })
  | (GraphLroEventBase & { readonly type: 'operation.accepted'; readonly location: string })
  | (GraphLroEventBase & { readonly type: 'operation.status'; readonly status: string; readonly percentageComplete?: number })
  | (GraphLroEventBase & {
      readonly type: 'operation.ended';
      readonly outcome: OperationOutcome;
      readonly durationMs: number;
      /** Status reads sent (retries included). */
      readonly polls: number;
      /** Attempts that were retries, over every request of the operation. */
      readonly retries: number;
      readonly error?: GraphLroEventError;
    })
  | (GraphLroRequestEventBase & { readonly type: 'request.sent' })
  | (GraphLroRequestEventBase & { readonly type: 'request.answered'; readonly status: number; readonly durationMs: number })
  | (GraphLroRequestEventBase & {
      readonly type: 'request.retried';
      readonly durationMs: number;
      readonly error: GraphLroEventError;
      /** The wait before the next attempt. */
      readonly retryInMs: number;
      /** The server's `Retry-After`, when it sent one. */
      readonly retryAfterMs?: number;
    })
  | (GraphLroRequestEventBase & { readonly type: 'request.failed'; readonly durationMs: number; readonly error: GraphLroEventError })
  | (GraphLroRequestEventBase & { readonly type: 'request.cancelled'; readonly durationMs: number });

/** The structured event hook as an instrumentation. */
export function eventHook(onEvent: (event: GraphLroEvent) => void, scheduler: SchedulerLike): Instrumentation {
  let next = 0;
  // A throwing hook must not break the operation it observes.
  const emit = (event: GraphLroEvent) => {
    try {
      onEvent(event);
    } catch {
      // the hook's own failure is the hook's business
    }
  };
  return {
    operation: ({ kind }) => {
      const operationId = `op-${++next}`;
      const startedAt = scheduler.now();
      let location: string | undefined;
      let polls = 0;
      let retries = 0;
      emit({ type: 'operation.started', operationId, kind, at: startedAt });
      return {
        event: (event) => {
          const at = scheduler.now();
          if (event.type === 'accepted') {
            location = event.location;
            emit({ type: 'operation.accepted', operationId, kind, at, location });
          } else if (event.type === 'status') {
            emit({
              type: 'operation.status',
              operationId,
              kind,
              at,
              status: event.status,
              ...(event.percentageComplete !== undefined ? { percentageComplete: event.percentageComplete } : {}),
            });
          }
        },
        attempt: (info) => {
          const sentAt = scheduler.now();
          if (info.attempt > 0) retries++;
          if (info.method === 'GET' && info.url === location) polls++;
          const base = { operationId, kind, method: info.method, url: info.url, attempt: info.attempt };
          emit({ type: 'request.sent', ...base, at: sentAt });
          return {
            end: (outcome) => {
              const at = scheduler.now();
              const durationMs = at - sentAt;
              const error: GraphLroEventError | undefined = outcome.error
                ? { name: outcome.error, ...(outcome.status !== undefined ? { status: outcome.status } : {}), ...(outcome.code ? { code: outcome.code } : {}) }
                : undefined;
              if (outcome.cancelled) emit({ type: 'request.cancelled', ...base, at, durationMs });
              else if (error && outcome.retryInMs !== undefined) {
                emit({
                  type: 'request.retried',
                  ...base,
                  at,
                  durationMs,
                  error,
                  retryInMs: outcome.retryInMs,
                  ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
                });
              } else if (error) emit({ type: 'request.failed', ...base, at, durationMs, error });
              else emit({ type: 'request.answered', ...base, at, durationMs, status: outcome.status ?? 0 });
            },
          };
        },
        end: (outcome, error) => {
          const at = scheduler.now();
          const e = error as { name?: unknown; status?: unknown; code?: unknown } | undefined;
          emit({
            type: 'operation.ended',
            operationId,
            kind,
            at,
            outcome,
            durationMs: at - startedAt,
            polls,
            retries,
            ...(e && typeof e.name === 'string'
              ? { error: { name: e.name, ...(typeof e.status === 'number' ? { status: e.status } : {}), ...(typeof e.code === 'string' ? { code: e.code } : {}) } }
              : {}),
          });
        },
      };
    },
  };
}
