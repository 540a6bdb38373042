import { asyncScheduler, retry, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { retryDelayMs, type RetryPolicy } from '../core/policy/retry-policy.js';

/**
 * Configuration of {@link retryTransient}.
 *
 * @public
 */
export interface RetryTransientConfig {
  /** Attempts, delays and caps. */
  readonly policy: RetryPolicy;
  /** Whether this error may be retried; anything else is rethrown at once. */
  readonly isRetryable: (error: unknown) => boolean;
  /** Where the delays run. @defaultValue asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** The server's `Retry-After` carried by an error, in ms. @defaultValue reads `error.retryAfterMs` */
  readonly retryAfterMs?: (error: unknown) => number | undefined;
}

/**
 * Resubscribes to a cold request after a transient failure, up to
 * `policy.maxRetries` times: after the server's `Retry-After` when it sent
 * one (capped by `policy.maxRetryAfterMs`), otherwise after an exponential
 * backoff with jitter (capped by `policy.maxDelayMs`). Every wait runs on the
 * scheduler, so the whole thing is testable in virtual time; unsubscribing
 * during a wait cancels the timer and nothing more is sent.
 *
 * @example
 * ```ts
 * request$.pipe(retryTransient({
 *   policy: { ...DEFAULT_RETRY_POLICY, random: () => 0.5 },
 *   isRetryable: (e) => e instanceof GraphHttpError && e.status === 504,
 * }));
 * ```
 * @public
 */
export function retryTransient<T>(config: RetryTransientConfig): MonoTypeOperatorFunction<T> {
  const scheduler = config.scheduler ?? asyncScheduler;
  const retryAfterOf = config.retryAfterMs ?? defaultRetryAfter;
  return retry<T>({
    count: config.policy.maxRetries,
    delay: (error: unknown, retryCount: number) => {
      if (!config.isRetryable(error)) throw error;
      return timer(retryDelayMs(retryCount - 1, retryAfterOf(error), config.policy), scheduler);
    },
  });
}

function defaultRetryAfter(error: unknown): number | undefined {
  const value = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' ? value : undefined;
}
