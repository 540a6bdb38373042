import { concat, concatMap, of, throwError, type MonoTypeOperatorFunction } from 'rxjs';

/**
 * Configuration of {@link throwOnOperationFailure}.
 *
 * @public
 */
export interface ThrowOnOperationFailureConfig<S> {
  /** Whether this status is a failed terminal status. */
  readonly isFailed: (status: S) => boolean;
  /** The error that reports it (an `OperationFailedError` with the decoded chain). */
  readonly toError: (status: S) => Error;
}

/**
 * Passes statuses through; after a failed one, errors with the error that
 * describes it. The failed status itself is emitted first, so an observer
 * sees the terminal status before the error.
 *
 * @example
 * ```ts
 * statuses$.pipe(throwOnOperationFailure({
 *   isFailed: (s) => s.status === 'failed',
 *   toError: (s) => new OperationFailedError({ url }, s.status, s.error),
 * }));
 * ```
 * @public
 */
export function throwOnOperationFailure<S>(config: ThrowOnOperationFailureConfig<S>): MonoTypeOperatorFunction<S> {
  // Once per status change, not per poll: composed operators, which also turn
  // an exception in isFailed/toError into the subscriber's error.
  return concatMap((status) => (config.isFailed(status) ? concat(of(status), throwError(() => config.toError(status))) : of(status)));
}
