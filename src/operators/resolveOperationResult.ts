import { Observable, Subscription, type OperatorFunction } from 'rxjs';
import type { OperationEvent } from '../operations/operation-event.js';

/**
 * Configuration of {@link resolveOperationResult}.
 *
 * @public
 */
export interface ResolveOperationResultConfig<S, T> {
  /** The status event a status becomes (its name and progress). */
  readonly describe: (status: S) => { status: string; percentageComplete?: number };
  /** Whether this status is the successful terminal one. */
  readonly isSucceeded: (status: S) => boolean;
  /** Fetches and decodes the result a succeeded status points to. */
  readonly fetchResult: (status: S) => Observable<T>;
}

/**
 * Turns polled statuses into {@link OperationEvent}s: a `status` event for
 * each, and after the succeeded one, the result it points to (for a
 * workbook operation, a GET of `resourceLocation`) as a `succeeded` event.
 *
 * @example
 * ```ts
 * statuses$.pipe(resolveOperationResult({
 *   describe: (s) => ({ status: s.status }),
 *   isSucceeded: (s) => s.status === 'succeeded',
 *   fetchResult: (s) => getJson(s.resourceLocation),
 * }));
 * ```
 * @public
 */
export function resolveOperationResult<S, T>(
  config: ResolveOperationResultConfig<S, T>,
): OperatorFunction<S, OperationEvent<T>> {
  return (source) =>
    new Observable<OperationEvent<T>>((subscriber) => {
      // A result fetched synchronously may start the next one before subscribe() returns.
      const inner = new Subscription();
      let resolving = false;
      let sourceDone = false;
      // Statuses that arrive while a result is being fetched wait their turn, in order.
      const waiting: S[] = [];
      const handle = (status: S): void => {
        const described = config.describe(status);
        subscriber.next(
          described.percentageComplete === undefined
            ? { type: 'status', status: described.status }
            : { type: 'status', status: described.status, percentageComplete: described.percentageComplete },
        );
        if (!config.isSucceeded(status)) return;
        resolving = true;
        inner.add(config.fetchResult(status).subscribe({
          next: (result) => subscriber.next({ type: 'succeeded', result }),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            resolving = false;
            while (!resolving && waiting.length) handle(waiting.shift()!);
            if (!resolving && sourceDone) subscriber.complete();
          },
        }));
      };
      const statuses = source.subscribe({
        next: (status) => (resolving ? waiting.push(status) : handle(status)),
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          if (!resolving) subscriber.complete();
        },
      });
      return () => {
        statuses.unsubscribe();
        inner.unsubscribe();
      };
    });
}
