import type { OperationHandle } from './operation-handle.js';

/**
 * The server accepted the operation (`202`); `location` is the absolute
 * status URL.
 *
 * @public
 */
export interface OperationAccepted {
  /** Tells this event from the others. */
  readonly type: 'accepted';
  /** The absolute URL the status is polled at. */
  readonly location: string;
  /** The operation as JSON for `graph.resume`, when it can be resumed. */
  readonly handle?: OperationHandle;
}

/**
 * The status changed (or its progress did). Emitted once per change,
 * the terminal status included. `status` is canonical for known values
 * (`notStarted`, `running`, `succeeded`, `failed`, `inProgress`,
 * `completed`, …) and as sent for unknown ones.
 *
 * @public
 */
export interface OperationStatusChanged {
  /** Tells this event from the others. */
  readonly type: 'status';
  /** The status word: canonical for known words, as sent for unknown ones. */
  readonly status: string;
  /** Progress as the server reported it, when it reports one. */
  readonly percentageComplete?: number;
}

/**
 * The operation finished and its result was fetched and decoded. The last
 * event; the Observable completes after it.
 *
 * @public
 */
export interface OperationSucceeded<T> {
  /** Tells this event from the others. */
  readonly type: 'succeeded';
  /** The operation's result, fetched and decoded. */
  readonly result: T;
  /**
   * True when the operation ended in a partial success (`partiallySucceeded`,
   * `completedWithError`, `partiallySuccessful`): some of it failed, and the
   * result says what. @defaultValue absent (a full success)
   */
  readonly partial?: true;
}

/**
 * What an operation Observable emits: `accepted` (async path only), a
 * `status` per change, then `succeeded` with the result. A failure is the
 * Observable's error, not an event.
 *
 * @example
 * ```ts
 * graph.workbook(ref).createSession({ persistChanges: true }).subscribe((e) => {
 *   if (e.type === 'status') console.log(e.status);
 *   if (e.type === 'succeeded') console.log('session', e.result.id);
 * });
 * ```
 * @public
 */
export type OperationEvent<T> = OperationAccepted | OperationStatusChanged | OperationSucceeded<T>;
