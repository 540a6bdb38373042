import type { Observable } from 'rxjs';
import type { OperationEvent } from './operation-event.js';
import { pollUntilDone } from './poll-until-done.js';

/**
 * Options of {@link toPromise}.
 *
 * @deprecated Use {@link pollUntilDone} and its `abortSignal` option.
 * @public
 */
export interface ToPromiseOptions {
  /** Cancels the operation: the request in flight is aborted, nothing more is sent, the promise rejects with `OperationCancelledError`. @defaultValue none */
  readonly signal?: AbortSignal;
}

/**
 * Runs an operation to its result, as a Promise. Rejects with the
 * operation's typed error, or with `OperationCancelledError` when `signal`
 * aborts.
 *
 * @deprecated rxjs deprecated the name `toPromise`; use
 * {@link pollUntilDone}`(operation, { abortSignal, onProgress })`, which
 * does the same and reports progress.
 *
 * @example
 * ```ts
 * // before
 * const session = await toPromise(operation, { signal });
 * // after
 * const session = await pollUntilDone(operation, { abortSignal: signal });
 * ```
 * @public
 */
export function toPromise<T>(operation: Observable<OperationEvent<T>>, options: ToPromiseOptions = {}): Promise<T> {
  return options.signal === undefined ? pollUntilDone(operation) : pollUntilDone(operation, { abortSignal: options.signal });
}
