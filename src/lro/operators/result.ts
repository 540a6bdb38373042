import { filter, map, throwIfEmpty, type OperatorFunction } from 'rxjs';
import type { OperationEvent, OperationSucceeded } from '../operation-event.js';
import { ProtocolError } from '../../core/errors/protocol-error.js';

/**
 * Keeps only an operation's result: emits the value of its `succeeded`
 * event, then completes. For operations without a result (deleting a table
 * row) it emits `undefined`. If the operation completes without succeeding,
 * it errors with `ProtocolError` rather than completing empty.
 *
 * @example
 * ```ts
 * const session = await lastValueFrom(graph.workbook(ref).createSession({ persistChanges: true }).pipe(result()));
 * ```
 * @public
 */
export function result<T>(): OperatorFunction<OperationEvent<T>, T> {
  return (source) =>
    source.pipe(
      filter((event): event is OperationSucceeded<T> => event.type === 'succeeded'),
      map((event) => event.result),
      throwIfEmpty(() => new ProtocolError({}, 'the operation ended without a result')),
    );
}
