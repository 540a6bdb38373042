import { asyncScheduler, Observable, type MonoTypeOperatorFunction, type Observer, type SchedulerAction, type SchedulerLike, type Subscriber, type Subscription, type Unsubscribable } from 'rxjs';
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
  // One object that is the source's observer, the timer's work and the teardown, rather than
  // tap + failWhen over a timer: this stays alive for every in-flight operation, and the composed
  // version's five subscribers (or a dozen closures) were a measurable share of the heap each
  // waiting operation holds.
  return (source) =>
    new Observable<OperationEvent<T>>((subscriber) => {
      const bound = new Bound(config.timeoutMs, subscriber);
      bound.inner = source.subscribe(bound);
      // Armed after subscribing: an operation that ended synchronously needs no timer.
      if (!subscriber.closed) bound.timer = scheduler.schedule(timedOut, config.timeoutMs, bound as Bound<unknown>);
      return bound;
    });
}

/** One operation's bound: what it last saw (for the error), its timer and its subscription. */
class Bound<T> implements Observer<OperationEvent<T>>, Unsubscribable {
  lastStatus: string | undefined;
  location: string | undefined;
  inner: Subscription | undefined;
  timer: Subscription | undefined;

  constructor(
    readonly timeoutMs: number,
    readonly subscriber: Subscriber<OperationEvent<T>>,
  ) {}

  next(event: OperationEvent<T>): void {
    if (event.type === 'status') this.lastStatus = event.status;
    else if (event.type === 'accepted') this.location = event.location;
    this.subscriber.next(event);
  }

  error(error: unknown): void {
    this.subscriber.error(error);
  }

  complete(): void {
    this.subscriber.complete();
  }

  unsubscribe(): void {
    this.timer?.unsubscribe();
    this.inner?.unsubscribe();
  }
}

// The scheduler's work, with the bound as its state: no closure per operation.
function timedOut(this: SchedulerAction<Bound<unknown>>, bound?: Bound<unknown>): void {
  const { location, lastStatus, timeoutMs } = bound!;
  bound!.inner?.unsubscribe();
  bound!.subscriber.error(new OperationTimeoutError(location ? { method: 'GET', url: location } : {}, { timeoutMs, lastStatus }));
}
