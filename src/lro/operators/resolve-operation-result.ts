import { concat, concatMap, map, of, type Observable, type OperatorFunction } from 'rxjs';
import type { OperationEvent } from '../operation-event.js';

/**
 * Configuration of {@link resolveOperationResult}.
 *
 * @public
 */
export interface ResolveOperationResultConfig<S, T> {
  /** The status event a status becomes (its name and progress). */
  readonly describe: (status: S) => { status: string; percentageComplete?: number };
  /** Whether this status is the successful terminal one. */
  readonly isSucceeded: (status: S) => boolean;
  /** Fetches and decodes the result a succeeded status points to. */
  readonly fetchResult: (status: S) => Observable<T>;
}

/**
 * Turns polled statuses into {@link OperationEvent}s: a `status` event for
 * each, and after the succeeded one, the result it points to (for a
 * workbook operation, a GET of `resourceLocation`) as a `succeeded` event.
 *
 * @example
 * ```ts
 * statuses$.pipe(resolveOperationResult({
 *   describe: (s) => ({ status: s.status }),
 *   isSucceeded: (s) => s.status === 'succeeded',
 *   fetchResult: (s) => getJson(s.resourceLocation),
 * }));
 * ```
 * @public
 */
export function resolveOperationResult<S, T>(
  config: ResolveOperationResultConfig<S, T>,
): OperatorFunction<S, OperationEvent<T>> {
  // concatMap is the queue: a status that arrives while a result is fetched waits its turn.
  return concatMap((status): Observable<OperationEvent<T>> => {
    const described = config.describe(status);
    const event: OperationEvent<T> =
      described.percentageComplete === undefined
        ? { type: 'status', status: described.status }
        : { type: 'status', status: described.status, percentageComplete: described.percentageComplete };
    if (!config.isSucceeded(status)) return of(event);
    return concat(of(event), config.fetchResult(status).pipe(map((result): OperationEvent<T> => ({ type: 'succeeded', result }))));
  });
}
