import { asyncScheduler, Observable, type Observer, type OperatorFunction, type SchedulerAction, type SchedulerLike, type Subscriber, type Subscription, type Unsubscribable } from 'rxjs';
import { pollDelayMs, type PollPolicy } from '../core/policy/poll-policy.js';
import type { PollPlan } from '../core/policy/poll-policy.js';

/** An operation the server accepted: where to poll, and how long it asked us to wait. @public */
export interface AcceptedOperation {
  /** Absolute URL of the status monitor. */
  readonly location: string;
  /** The `Retry-After` of the `202`, in ms. */
  readonly retryAfterMs?: number;
}

/** One status response: the decoded status, and the `Retry-After` it carried. @public */
export interface PolledStatus<S> {
  readonly status: S;
  readonly retryAfterMs?: number;
}

/**
 * Configuration of {@link pollOperationStatus}.
 *
 * @public
 */
export interface PollOperationStatusConfig<S> {
  /** One GET of the status URL, decoded (retries of that GET belong inside it). */
  readonly fetchStatus: (location: string) => Observable<PolledStatus<S>>;
  /** Whether polling stops after this status (it is still emitted). */
  readonly isTerminal: (status: S) => boolean;
  /** Interval, backoff and caps. */
  readonly policy: PollPolicy;
  /** Where the waits run. @defaultValue asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** Spaces the polls instead of the policy's back-off (a poll strategy's plan for this operation). @defaultValue the policy's back-off */
  readonly plan?: PollPlan;
}

/**
 * Polls each accepted operation's status URL until a terminal status, and
 * emits every status read, the terminal one included, then completes.
 * Exactly one request is in flight per operation: the next wait starts when
 * the previous answer has arrived. The first poll waits `intervalMs` (or the
 * `202`'s longer `Retry-After`); later waits grow by `backoffFactor` up to
 * `maxIntervalMs` and honour each status response's `Retry-After`.
 * A new accepted operation from the source replaces the one being polled.
 *
 * @example
 * ```ts
 * of({ location }).pipe(pollOperationStatus({
 *   fetchStatus: (url) => getJson(url).pipe(map((body) => ({ status: body.status }))),
 *   isTerminal: (s) => s === 'succeeded' || s === 'failed',
 *   policy: DEFAULT_POLL_POLICY,
 * }));
 * ```
 * @public
 */
export function pollOperationStatus<S>(config: PollOperationStatusConfig<S>): OperatorFunction<AcceptedOperation, S> {
  // One timer or one request at a time, and nothing else: an operation waiting
  // to poll holds a single scheduled action and one object (the state machine
  // below), not a chain of inner subscribers or a dozen closures.
  return (source) =>
    new Observable<S>((subscriber) => {
      const polling = new Polling(config, subscriber);
      polling.accepted = source.subscribe(polling.acceptedObserver());
      return polling;
    });
}

/**
 * One operation's polls: waiting (a timer), or requesting (one request),
 * or idle. The object is the polls' observer and the teardown, and the
 * timers' state, so a poll allocates no closure.
 */
class Polling<S> implements Observer<PolledStatus<S>>, Unsubscribable {
  accepted: Subscription | undefined;
  private readonly scheduler: SchedulerLike;
  /** The timer or the request in flight. */
  private current: Subscription | undefined;
  private operation: AcceptedOperation | undefined;
  private attempt = 0;
  /** Polling an operation (not yet terminal). */
  private polling = false;
  private sourceDone = false;
  /** The request of this poll is in flight (not answered, failed or completed). */
  private requesting = false;
  private answered = false;

  constructor(
    private readonly config: PollOperationStatusConfig<S>,
    private readonly subscriber: Subscriber<S>,
  ) {
    this.scheduler = config.scheduler ?? asyncScheduler;
  }

  /** The source's observer: each accepted operation replaces the one being polled, as switchMap would. */
  acceptedObserver(): Partial<Observer<AcceptedOperation>> {
    return {
      next: (operation) => {
        this.stop();
        this.operation = operation;
        this.polling = true;
        this.attempt = 0;
        this.wait(operation.retryAfterMs);
      },
      error: (error: unknown) => this.subscriber.error(error),
      complete: () => {
        this.sourceDone = true;
        if (!this.polling) this.subscriber.complete();
      },
    };
  }

  /** The timer's work: the poll goes. */
  poll(): void {
    this.current = undefined;
    this.requesting = true;
    this.answered = false;
    const request = this.config.fetchStatus(this.operation!.location).subscribe(this);
    // Answered synchronously: the next wait (if any) is already the current one.
    if (this.requesting) this.current = request;
  }

  next(polled: PolledStatus<S>): void {
    this.answered = true;
    this.requesting = false;
    this.subscriber.next(polled.status);
    let terminal: boolean;
    try {
      terminal = this.config.isTerminal(polled.status);
    } catch (error) {
      // Raw subscriber code: an exception here would escape as an uncaught error.
      this.subscriber.error(error);
      return;
    }
    this.config.plan?.answered(terminal);
    if (!terminal) {
      this.attempt++;
      this.wait(polled.retryAfterMs);
      return;
    }
    this.ended();
  }

  error(error: unknown): void {
    this.requesting = false;
    this.subscriber.error(error);
  }

  complete(): void {
    this.requesting = false;
    if (this.answered) return;
    // Ended without a status: the plan learns this one was still running when last seen.
    this.config.plan?.stopped?.();
    this.ended();
  }

  unsubscribe(): void {
    this.accepted?.unsubscribe();
    this.stop();
    // Ended before a terminal status (unsubscribed, timed out, failed): the plan learns it was still running.
    if (this.polling) {
      this.polling = false;
      this.config.plan?.stopped?.();
    }
  }

  private wait(retryAfterMs: number | undefined): void {
    const { plan, policy } = this.config;
    const delayMs = plan ? plan.delayMs(this.attempt, retryAfterMs) : pollDelayMs(this.attempt, retryAfterMs, policy);
    this.current = this.scheduler.schedule(pollNow, delayMs, this as Polling<unknown>);
  }

  private ended(): void {
    this.polling = false;
    if (this.sourceDone) this.subscriber.complete();
  }

  private stop(): void {
    this.current?.unsubscribe();
    this.current = undefined;
  }
}

// The scheduler's work, with the polls' state machine as its state: no closure per poll.
function pollNow(this: SchedulerAction<Polling<unknown>>, polling?: Polling<unknown>): void {
  polling!.poll();
}
