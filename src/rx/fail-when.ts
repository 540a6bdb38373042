import { dematerialize, materialize, merge, type MonoTypeOperatorFunction, type Observable } from 'rxjs';

/**
 * Mirrors the source until `trigger` errors, then errors with that error
 * (unsubscribing the source: whatever it had in flight is cancelled). When
 * the source completes first, the trigger is unsubscribed. A deadline or an
 * abort signal as an operator:
 *
 * @example
 * ```ts
 * source.pipe(failWhen(timer(5000, scheduler).pipe(mergeMap(() => throwError(() => new Error('late'))))));
 * ```
 */
export function failWhen<T>(trigger: Observable<never>): MonoTypeOperatorFunction<T> {
  // Both sides as notifications: the first terminal one (the source's completion
  // or error, or the trigger's error) ends the merge and unsubscribes the other.
  // The trigger is subscribed first, so one that has already fired (an aborted
  // signal) ends it before the source is ever subscribed: nothing is sent.
  return (source) => merge(trigger.pipe(materialize()), source.pipe(materialize())).pipe(dematerialize());
}
