import { scan, type OperatorFunction } from 'rxjs';
import type { OperationEvent } from '../operation-event.js';

/**
 * Where an operation stands, as {@link operationSnapshots} emits it: the
 * latest status word and percentage, and, in the last snapshot, the result.
 *
 * @public
 */
export type OperationSnapshot<T> = OperationRunning | OperationDone<T>;

/**
 * A snapshot of an operation still under way.
 *
 * @public
 */
export interface OperationRunning {
  /** `false`: the operation is still under way. */
  readonly done: false;
  /** `accepted` until the first poll answers, then the server's status word (`notStarted`, `running`, `inProgress`, `completed`, …). */
  readonly status: string;
  /** The latest percentage the server reported, clamped to [0, 100]; `undefined` until it reports one (workbook operations never do). */
  readonly percentageComplete: number | undefined;
}

/**
 * The last snapshot of an operation that succeeded: its result.
 *
 * @public
 */
export interface OperationDone<T> {
  /** `true`: the operation succeeded and this is its last snapshot. */
  readonly done: true;
  /** Always `succeeded`: a failure is the Observable's error, not a snapshot. */
  readonly status: 'succeeded';
  /** The latest percentage the server reported, clamped to [0, 100], kept from the snapshots before. */
  readonly percentageComplete: number | undefined;
  /** The operation's result (`undefined` for operations without one, such as deleting a table row). */
  readonly result: T;
}

/**
 * Progress and result from one subscription: each event of the operation
 * becomes a snapshot of where it stands, carrying the latest status and
 * percentage forward, the last one (`done: true`) with the result. A
 * failure stays the Observable's error; unsubscribing cancels the
 * operation, as always. Use it where a second subscription (one for
 * `progress()`, one for `result()`) would start the operation twice.
 *
 * @example
 * ```ts
 * graph.driveItem(ref).copy({ name: 'Copy' }).pipe(operationSnapshots()).subscribe((snapshot) => {
 *   bar.update(snapshot.percentageComplete ?? 0);
 *   if (snapshot.done) console.log('copied to', snapshot.result.id);
 * });
 * ```
 * @public
 */
export function operationSnapshots<T>(): OperatorFunction<OperationEvent<T>, OperationSnapshot<T>> {
  return (source) =>
    source.pipe(
      scan<OperationEvent<T>, OperationSnapshot<T>, undefined>((previous, event) => {
        const percentageComplete =
          event.type === 'status' && event.percentageComplete !== undefined ? Math.min(100, Math.max(0, event.percentageComplete)) : previous?.percentageComplete;
        if (event.type === 'succeeded') return { done: true, status: 'succeeded', percentageComplete, result: event.result };
        return { done: false, status: event.type === 'accepted' ? 'accepted' : event.status, percentageComplete };
      }, undefined),
    );
}
