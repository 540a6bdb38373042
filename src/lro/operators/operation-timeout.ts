import { asyncScheduler, defer, mergeMap, tap, throwError, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { failWhen } from '../../rx/fail-when.js';
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
  return (source) =>
    defer(() => {
      // What the error reports: the last status seen and the URL being polled.
      let lastStatus: string | undefined;
      let location: string | undefined;
      const deadline = timer(config.timeoutMs, scheduler).pipe(
        mergeMap(() => throwError(() => new OperationTimeoutError(config.timeoutMs, lastStatus, location ? { method: 'GET', url: location } : {}))),
      );
      return source.pipe(
        tap((event) => {
          if (event.type === 'status') lastStatus = event.status;
          else if (event.type === 'accepted') location = event.location;
        }),
        failWhen(deadline),
      );
    });
}
