import { Observable, type OperatorFunction } from 'rxjs';
import type { OperationEvent } from '../operations/operation-event.js';
import { ProtocolError } from '../errors/protocol-error.js';

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
    new Observable<T>((subscriber) => {
      let succeeded = false;
      return source.subscribe({
        next: (event) => {
          if (event.type !== 'succeeded') return;
          succeeded = true;
          subscriber.next(event.result);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () =>
          succeeded ? subscriber.complete() : subscriber.error(new ProtocolError({}, 'the operation ended without a result')),
      });
    });
}
