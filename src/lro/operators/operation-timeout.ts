import { asyncScheduler, Observable, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { OperationTimeoutError } from '../../core/errors/operation-timeout-error.js';
import type { OperationEvent } from '../operation-event.js';

/**
 * Configuration of {@link operationTimeout}.
 */
export interface OperationTimeoutConfig {
  /** Bound on the whole operation, from subscription, in ms. */
  readonly timeoutMs: number;
  /** Where the timer runs. @defaultValue asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/**
 * Bounds a whole operation: if it has not completed `timeoutMs` after
 * subscription, everything in flight is unsubscribed (the HTTP request is
 * aborted) and it errors with {@link OperationTimeoutError} carrying the last
 * status seen and the URL being polled. Unlike rxjs `timeout`, which bounds
 * the gap between values, this bounds the total.
 *
 * @example
 * ```ts
 * graph.operation(spec).pipe(operationTimeout({ timeoutMs: 30_000 }));
 * ```
 */
export function operationTimeout<T>(config: OperationTimeoutConfig): MonoTypeOperatorFunction<OperationEvent<T>> {
  const scheduler = config.scheduler ?? asyncScheduler;
  // One subscriber and one timer, rather than tap + failWhen over a timer: this
  // stays alive for every in-flight operation, and the composed version's five
  // subscribers were a measurable share of the heap each waiting operation holds.
  return (source) =>
    new Observable<OperationEvent<T>>((subscriber) => {
      let lastStatus: string | undefined;
      let location: string | undefined;
      const inner = source.subscribe({
        next: (event) => {
          if (event.type === 'status') lastStatus = event.status;
          else if (event.type === 'accepted') location = event.location;
          subscriber.next(event);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      // Armed after subscribing: an operation that ended synchronously needs no timer.
      const timer = subscriber.closed
        ? undefined
        : scheduler.schedule(() => {
            inner.unsubscribe();
            subscriber.error(new OperationTimeoutError(location ? { method: 'GET', url: location } : {}, { timeoutMs: config.timeoutMs, lastStatus }));
          }, config.timeoutMs);
      return () => {
        timer?.unsubscribe();
        inner.unsubscribe();
      };
    });
}
