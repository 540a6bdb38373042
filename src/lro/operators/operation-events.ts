import { concat, concatMap, map, of, throwError, type Observable, type OperatorFunction } from 'rxjs';
import type { OperationEvent } from '../operation-event.js';

/**
 * Configuration of {@link operationEvents}.
 */
export interface OperationEventsConfig<S, T> {
  /** The status event a status becomes (its name and progress). */
  readonly describe: (status: S) => { status: string; percentageComplete?: number };
  /** Whether this status is the successful terminal one. */
  readonly isSucceeded: (status: S) => boolean;
  /** Whether this status is a failed terminal one. */
  readonly isFailed: (status: S) => boolean;
  /** The error that reports a failed status (an `OperationFailedError` with the decoded chain). */
  readonly toError: (status: S) => Error;
  /** Fetches and decodes the result a succeeded status points to. */
  readonly fetchResult: (status: S) => Observable<T>;
  /** Whether a succeeded status is a partial success: the `succeeded` event then says `partial: true`. @defaultValue never */
  readonly isPartial?: (status: S) => boolean;
}

/**
 * Turns the statuses of one operation (each change, in order) into its
 * events: a `status` event for each; after a failed one, the error that
 * describes it; after the succeeded one, the result it points to (a GET of
 * `resourceLocation`, for a workbook operation) as a `succeeded` event.
 * Statuses that arrive while the result is fetched wait their turn.
 * An exception in any config function reaches the subscriber as its error.
 *
 * @example
 * ```ts
 * statuses$.pipe(operationEvents({
 *   describe: (s) => ({ status: s.status }),
 *   isSucceeded: (s) => s.status === 'succeeded',
 *   isFailed: (s) => s.status === 'failed',
 *   toError: (s) => new OperationFailedError({ url }, { operationStatus: s.status, error: s.error }),
 *   fetchResult: (s) => getJson(s.resourceLocation),
 * }));
 * ```
 */
export function operationEvents<S, T>(config: OperationEventsConfig<S, T>): OperatorFunction<S, OperationEvent<T>> {
  // Once per status change, not per poll: one concatMap (which is also the queue).
  return concatMap((status): Observable<OperationEvent<T>> => {
    const described = config.describe(status);
    const event: OperationEvent<T> =
      described.percentageComplete === undefined
        ? { type: 'status', status: described.status }
        : { type: 'status', status: described.status, percentageComplete: described.percentageComplete };
    if (config.isFailed(status)) return concat(of(event), throwError(() => config.toError(status)));
    if (!config.isSucceeded(status)) return of(event);
    const partial = config.isPartial?.(status) === true;
    return concat(of(event), config.fetchResult(status).pipe(map((result): OperationEvent<T> => (partial ? { type: 'succeeded', result, partial } : { type: 'succeeded', result }))));
  });
}
