import { filter, isObservable, lastValueFrom, map, tap, throwIfEmpty, type Observable } from 'rxjs';
import { OperationCancelledError } from '../core/errors/operation-cancelled-error.js';
import { checkAbortSignal, checkFunction, checkObject, describeValue } from '../core/policy/validation.js';
import { aborted } from '../rx/aborted.js';
import { failWhen } from '../rx/fail-when.js';
import type { OperationEvent } from './operation-event.js';
import { operationSnapshots, type OperationDone, type OperationSnapshot } from './operators/operation-snapshots.js';

/**
 * Options of {@link pollUntilDone}: those of `@azure/core-lro`'s
 * `poller.pollUntilDone()`.
 *
 * @public
 */
export interface PollUntilDoneOptions<T> {
  /**
   * Cancels the operation: the request in flight is aborted, nothing more is
   * sent, and the promise rejects with `OperationCancelledError` (its
   * `reason` is the signal's). An already aborted signal sends nothing.
   * @defaultValue none
   */
  readonly abortSignal?: AbortSignal;
  /**
   * Called with each snapshot of the operation, in order: `accepted`, each
   * status the server reports with its latest percentage, and last the
   * `done` one with the result, just before the promise resolves. If it
   * throws, the operation is cancelled and the promise rejects with that error.
   * @defaultValue none
   */
  readonly onProgress?: (snapshot: OperationSnapshot<T>) => void;
}

/**
 * Runs an operation to its result, as a Promise, in `@azure/core-lro`'s
 * terms: `onProgress` sees each status and percentage, `abortSignal`
 * cancels. Rejects with the operation's typed error, or with
 * `OperationCancelledError` when `abortSignal` aborts. For code that awaits
 * rather than subscribes; the operation starts when this is called.
 *
 * @example
 * ```ts
 * import { createGraphClient, pollUntilDone } from 'rx-graph-lro';
 * const graph = createGraphClient({ token });
 * const copy = await pollUntilDone(graph.driveItem('/me/drive/items/01ABC').copy({ name: 'Copy' }), {
 *   onProgress: ({ status, percentageComplete }) => console.log(status, percentageComplete),
 *   abortSignal: AbortSignal.timeout(60_000),
 * });
 * ```
 * @public
 */
export function pollUntilDone<T>(operation: Observable<OperationEvent<T>>, options: PollUntilDoneOptions<T> = {}): Promise<T> {
  if (!isObservable(operation)) throw new TypeError(`pollUntilDone(operation): operation must be an operation's Observable, not ${describeValue(operation)}`);
  checkObject('pollUntilDone options', options, ['abortSignal', 'onProgress']);
  checkFunction('pollUntilDone options.onProgress', options.onProgress);
  checkAbortSignal('pollUntilDone options.abortSignal', options.abortSignal);
  const { abortSignal, onProgress } = options;
  const events = abortSignal
    ? operation.pipe(failWhen(aborted(abortSignal, (reason) => new OperationCancelledError({}, { message: 'the operation was cancelled by its AbortSignal', reason }))))
    : operation;
  return lastValueFrom(
    events.pipe(
      operationSnapshots(),
      tap((snapshot) => onProgress?.(snapshot)),
      filter((snapshot): snapshot is OperationDone<T> => snapshot.done),
      map((snapshot) => snapshot.result),
      // The library's operations never complete without a result (they error): ending early is a take/takeUntil upstream.
      throwIfEmpty(() => new OperationCancelledError()),
    ),
  );
}
