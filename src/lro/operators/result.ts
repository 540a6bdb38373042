import { filter, map, throwIfEmpty, type OperatorFunction } from 'rxjs';
import type { OperationEvent, OperationSucceeded } from '../operation-event.js';
import { OperationCancelledError } from '../../core/errors/operation-cancelled-error.js';

/**
 * Keeps only an operation's result: emits the value of its `succeeded`
 * event, then completes. For operations without a result (deleting a table
 * row) it emits `undefined`. If the events end without `succeeded` (a
 * `take`, `takeUntil` or `first` upstream cancelled the operation), it
 * errors with `OperationCancelledError` rather than completing empty.
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { createGraphClient, result } from 'rx-graph-lro';
 * const graph = createGraphClient({ token });
 * const session = await lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));
 * ```
 * @public
 */
export function result<T>(): OperatorFunction<OperationEvent<T>, T> {
  return (source) =>
    source.pipe(
      filter((event): event is OperationSucceeded<T> => event.type === 'succeeded'),
      map((event) => event.result),
      // The library's operations never complete without `succeeded` (they error):
      // ending early can only be the consumer's take/takeUntil/first.
      throwIfEmpty(() => new OperationCancelledError()),
    );
}
