import {
  asyncScheduler,
  concatMap,
  EMPTY,
  expand,
  map,
  switchMap,
  timer,
  type Observable,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import { pollDelayMs, type PollPolicy } from '../policy/poll-policy.js';

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
  return switchMap((accepted: AcceptedOperation) => {
    const pollAfter = (delayMs: number) =>
      timer(delayMs, scheduler).pipe(concatMap(() => config.fetchStatus(accepted.location)));
    return pollAfter(pollDelayMs(0, accepted.retryAfterMs, config.policy)).pipe(
      // expand keeps the chain flat: an operation polled a thousand times
      // holds one subscription, not a thousand nested ones.
      expand(
        (polled, index) =>
          config.isTerminal(polled.status)
            ? EMPTY
            : pollAfter(pollDelayMs(index + 1, polled.retryAfterMs, config.policy)),
        1,
      ),
      map((polled) => polled.status),
    );
  });
}
