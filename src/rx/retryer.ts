import { Observable, type Observer, type SchedulerAction, type SchedulerLike, type Subscriber, type Subscription } from 'rxjs';

/**
 * What {@link retryer} runs: the attempts, and how long to wait after each
 * failure. One object (usually a class instance holding what its attempts
 * need), not a config of closures: a request makes one per call.
 */
export interface RetryPlan<T, R = T> {
  /** Where the waits between attempts run. */
  readonly scheduler: SchedulerLike;
  /** The `retries`-th attempt (0 first): a cold Observable. */
  attempt(retries: number): Observable<T>;
  /**
   * The wait before retry `retries` (0 for the first retry) after `error`,
   * or `undefined` to give up and pass `error` on. A pure function of its
   * arguments (any jitter comes from the policy it reads), so it is tested
   * with tables.
   */
  delayMs(error: unknown, retries: number): number | undefined;
  /**
   * What an attempt's value becomes. A throw fails the attempt like an
   * error would (a body that cannot be read is read again).
   * @defaultValue the value as it is
   */
  project?(value: T): R;
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
 * @example
 * ```ts
 * retryer({
 *   scheduler,
 *   attempt: () => send(request),
 *   delayMs: (error, n) => (error instanceof NetworkError && n < 3 ? 100 * 2 ** n : undefined),
 * });
 * ```
 */
export function retryer<T, R = T>(plan: RetryPlan<T, R>): Observable<R> {
  return new Observable<R>((subscriber) => {
    const machine = new Retrying(plan, subscriber);
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
    private readonly plan: RetryPlan<T, R>,
    private readonly subscriber: Subscriber<R>,
  ) {}

  attempt(): void {
    this.state = 'attempting';
    this.wait = undefined;
    const subscription = this.plan.attempt(this.retries).subscribe(this);
    // An attempt that settled synchronously (answered, or failed and now waiting) is let go at once.
    if (this.state === 'attempting') this.current = subscription;
    else subscription.unsubscribe();
  }

  next(value: T): void {
    if (this.state !== 'attempting') return;
    const { plan } = this;
    if (!plan.project) {
      this.subscriber.next(value as unknown as R);
      return;
    }
    let projected: R;
    try {
      projected = plan.project(value);
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
    const delayMs = this.plan.delayMs(error, this.retries);
    if (delayMs === undefined) {
      this.state = 'done';
      this.subscriber.error(error);
      return;
    }
    this.retries++;
    this.state = 'waiting';
    this.wait = this.plan.scheduler.schedule(attemptAgain, delayMs, this as Retrying<unknown, unknown>);
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
