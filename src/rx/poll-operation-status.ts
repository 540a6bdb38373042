import { asyncScheduler, Observable, Subscription, type OperatorFunction, type SchedulerLike } from 'rxjs';
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
  const scheduler = config.scheduler ?? asyncScheduler;
  const { plan } = config;
  const delayFor = (attempt: number, retryAfterMs: number | undefined) => (plan ? plan.delayMs(attempt, retryAfterMs) : pollDelayMs(attempt, retryAfterMs, config.policy));
  // One timer or one request at a time, and nothing else: an operation waiting
  // to poll holds a single scheduled action, not a chain of inner subscribers.
  return (source) =>
    new Observable<S>((subscriber) => {
      let current: Subscription | undefined;
      let polling = false;
      let sourceDone = false;
      const stop = () => {
        current?.unsubscribe();
        current = undefined;
      };
      const pollAfter = (accepted: AcceptedOperation, attempt: number, delayMs: number): void => {
        current = scheduler.schedule(() => {
          const request = new Subscription();
          current = request;
          let answered = false;
          request.add(
            config.fetchStatus(accepted.location).subscribe({
              next: (polled) => {
                answered = true;
                subscriber.next(polled.status);
                let terminal: boolean;
                try {
                  terminal = config.isTerminal(polled.status);
                } catch (error) {
                  // Raw subscriber code: an exception here would escape as an uncaught error.
                  subscriber.error(error);
                  return;
                }
                plan?.answered(terminal);
                if (!terminal) {
                  pollAfter(accepted, attempt + 1, delayFor(attempt + 1, polled.retryAfterMs));
                  return;
                }
                polling = false;
                if (sourceDone) subscriber.complete();
              },
              error: (error: unknown) => subscriber.error(error),
              complete: () => {
                if (answered) return;
                polling = false;
                plan?.stopped?.();
                if (sourceDone) subscriber.complete();
              },
            }),
          );
        }, delayMs);
      };
      const accepted = source.subscribe({
        next: (operation) => {
          // A new operation replaces the one being polled, as switchMap would.
          stop();
          polling = true;
          pollAfter(operation, 0, delayFor(0, operation.retryAfterMs));
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          if (!polling) subscriber.complete();
        },
      });
      return () => {
        accepted.unsubscribe();
        stop();
        // Ended before a terminal status (unsubscribed, timed out, failed): the plan learns it was still running.
        if (polling) plan?.stopped?.();
      };
    });
}
