import { Observable, type Observer, type SchedulerAction, type SchedulerLike, type Subscriber, type Subscription } from 'rxjs';

/**
 * Configuration of {@link retryer}.
 */
export interface RetryerConfig<T, R> {
  /** Where the waits between attempts run. */
  readonly scheduler: SchedulerLike;
  /**
   * The wait before retry `retries` (0 for the first retry) after `error`,
   * or `undefined` to give up and pass `error` on. A pure function of its
   * arguments (any jitter comes from the policy it reads), so it is tested
   * with tables.
   */
  readonly delayMs: (error: unknown, retries: number) => number | undefined;
  /**
   * What an attempt's value becomes. A throw fails the attempt like an
   * error would (a body that cannot be read is read again).
   * @defaultValue the value as it is
   */
  readonly project?: (value: T) => R;
}

/**
 * The one retry state machine, after TanStack Query's `retryer.ts`:
 * `attempting` → (the attempt fails, `delayMs` gives a wait) `waiting` →
 * `attempting` again; → `done` when an attempt completes, when `delayMs`
 * gives up (its error is passed on), or on unsubscribe. Every wait runs on
 * the scheduler; unsubscribing stops the attempt in flight or the wait, and
 * nothing more is started.
 *
 * The request path's retries (every request), the status re-read of a body
 * that cannot be read, the result's re-read after a 404, and each `$batch`
 * item (answered in the batch, then alone) all run on it.
 *
 * Hot path: every request of every poll runs through one of these, so it is
 * one object that is the attempts' observer and the teardown, rather than
 * `defer` + `retry` + `timer`, whose subscribers per poll were measurable.
 *
 * @param attempt - the `retries`-th attempt (0 first): a cold Observable
 * @example
 * ```ts
 * retryer((n) => send(request), {
 *   scheduler,
 *   delayMs: (error, n) => (error instanceof NetworkError && n < 3 ? 100 * 2 ** n : undefined),
 * });
 * ```
 */
export function retryer<T, R = T>(attempt: (retries: number) => Observable<T>, config: RetryerConfig<T, R>): Observable<R> {
  return new Observable<R>((subscriber) => {
    const machine = new Retrying(attempt, config, subscriber);
    machine.attempt();
    return machine;
  });
}

type State = 'attempting' | 'waiting' | 'done';

class Retrying<T, R> implements Observer<T> {
  private state: State = 'attempting';
  private retries = 0;
  // Two slots, never one: an attempt that fails synchronously schedules the
  // wait before its own subscribe() returns.
  private current: Subscription | undefined;
  private wait: Subscription | undefined;

  constructor(
    private readonly source: (retries: number) => Observable<T>,
    private readonly config: RetryerConfig<T, R>,
    private readonly subscriber: Subscriber<R>,
  ) {}

  attempt(): void {
    this.state = 'attempting';
    this.wait = undefined;
    const subscription = this.source(this.retries).subscribe(this);
    // An attempt that settled synchronously (answered, or failed and now waiting) is let go at once.
    if (this.state === 'attempting') this.current = subscription;
    else subscription.unsubscribe();
  }

  next(value: T): void {
    if (this.state !== 'attempting') return;
    const { project } = this.config;
    if (!project) {
      this.subscriber.next(value as unknown as R);
      return;
    }
    let projected: R;
    try {
      projected = project(value);
    } catch (error) {
      this.error(error);
      return;
    }
    this.subscriber.next(projected);
  }

  error(error: unknown): void {
    if (this.state !== 'attempting') return;
    this.current?.unsubscribe();
    this.current = undefined;
    const delayMs = this.config.delayMs(error, this.retries);
    if (delayMs === undefined) {
      this.state = 'done';
      this.subscriber.error(error);
      return;
    }
    this.retries++;
    this.state = 'waiting';
    this.wait = this.config.scheduler.schedule(attemptAgain, delayMs, this as Retrying<unknown, unknown>);
  }

  complete(): void {
    if (this.state !== 'attempting') return;
    this.state = 'done';
    this.subscriber.complete();
  }

  /** The teardown: whatever is in flight, the attempt or the wait, stops. */
  unsubscribe(): void {
    this.state = 'done';
    this.current?.unsubscribe();
    this.wait?.unsubscribe();
  }
}

// A function of the scheduler's, with the machine as its state: no closure per wait.
function attemptAgain(this: SchedulerAction<Retrying<unknown, unknown>>, machine?: Retrying<unknown, unknown>): void {
  machine!.attempt();
}
