import { lastValueFrom, type Observable } from 'rxjs';
import { OperationCancelledError } from '../core/errors/operation-cancelled-error.js';
import { aborted } from '../rx/aborted.js';
import { failWhen } from '../rx/fail-when.js';
import type { OperationEvent } from './operation-event.js';
import { result } from './operators/result.js';

/**
 * Options of {@link toPromise}.
 *
 * @public
 */
export interface ToPromiseOptions {
  /** Cancels the operation: the request in flight is aborted, nothing more is sent, the promise rejects with `OperationCancelledError`. @defaultValue none */
  readonly signal?: AbortSignal;
}

/**
 * Runs an operation to its result, as a Promise: for code that awaits
 * rather than subscribes (what `pollUntilDone({ abortSignal })` is for
 * `@azure/core-lro` users). Rejects with the operation's typed error, or
 * with `OperationCancelledError` when `signal` aborts.
 *
 * @example
 * ```ts
 * import { createGraphClient, toPromise } from 'rx-graph-lro';
 * const graph = createGraphClient({ token });
 * const session = await toPromise(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }), {
 *   signal: AbortSignal.timeout(60_000),
 * });
 * ```
 * @public
 */
export function toPromise<T>(operation: Observable<OperationEvent<T>>, options: ToPromiseOptions = {}): Promise<T> {
  const { signal } = options;
  const events = signal ? operation.pipe(failWhen(aborted(signal, (reason) => new OperationCancelledError('the operation was cancelled by its AbortSignal', reason)))) : operation;
  return lastValueFrom(events.pipe(result()));
}
