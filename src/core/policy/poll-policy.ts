import type { SchedulerLike } from 'rxjs';

/**
 * How often a status URL is polled. All times in milliseconds.
 *
 * @example
 * ```ts
 * createGraphClient({ token, poll: { intervalMs: 500, backoffFactor: 1 } }); // a steady 500 ms
 * ```
 * @public
 */
export interface PollPolicy {
  /** Wait before the first poll, and the base of later waits. @defaultValue 1000 */
  readonly intervalMs: number;
  /** Cap on the wait between polls. @defaultValue 10000 */
  readonly maxIntervalMs: number;
  /** Each wait is the previous one times this; 1 polls at a steady pace. @defaultValue 1.5 */
  readonly backoffFactor: number;
  /** Cap on a status response's `Retry-After`. @defaultValue 120000 */
  readonly maxRetryAfterMs: number;
  /**
   * Plans polls some other way than this back-off, e.g. `adaptivePolling()`
   * (from what operations of the same kind took before). The fields above
   * still bound it: `intervalMs` is its floor, `maxIntervalMs` its cap.
   * @defaultValue none: the back-off above
   */
  readonly strategy?: PollStrategy;
}

/** The defaults of {@link PollPolicy}. @public */
export const DEFAULT_POLL_POLICY: PollPolicy = Object.freeze({
  intervalMs: 1000,
  maxIntervalMs: 10_000,
  backoffFactor: 1.5,
  maxRetryAfterMs: 120_000,
});

/**
 * Wait before poll number `attempt` (0 = the first poll after `202`).
 * A `Retry-After` from the server lengthens the wait but never shortens it
 * below our own schedule, so a server answering `Retry-After: 0` cannot
 * drive us into a tight loop; it is capped so a huge one cannot stall us.
 */
export function pollDelayMs(attempt: number, retryAfterMs: number | undefined, policy: PollPolicy): number {
  const factor = Math.max(1, policy.backoffFactor);
  const scheduled = Math.min(policy.maxIntervalMs, policy.intervalMs * factor ** attempt);
  if (retryAfterMs === undefined) return Math.round(scheduled);
  return Math.round(Math.max(scheduled, Math.min(retryAfterMs, policy.maxRetryAfterMs)));
}

/**
 * How one operation's polls are spaced, decided afresh after each answer.
 * What a {@link PollStrategy} hands each operation.
 *
 * @public
 */
export interface PollPlan {
  /** Wait before poll number `attempt` (0 = the first after `202`), given the server's `Retry-After` (ms) if it sent one. */
  delayMs(attempt: number, retryAfterMs: number | undefined): number;
  /** Told of each status read, and whether it ended the operation. */
  answered(terminal: boolean): void;
  /**
   * Told when polling stops before a status read ended the operation: it
   * was cancelled, timed out, or a read failed. (What it learns: the
   * operation lasted longer than the last poll that saw it running.)
   */
  stopped?(): void;
}

/**
 * A way of spacing polls other than the poll policy's back-off: given in
 * `poll.strategy`, it plans each operation's polls. {@link adaptivePolling}
 * is the one the library ships.
 *
 * @example
 * ```ts
 * const polling = adaptivePolling();
 * createGraphClient({ token, poll: { strategy: polling } });
 * ```
 * @public
 */
export interface PollStrategy {
  /** A plan for one operation of `kind` (its handle kind), accepted now. */
  plan(kind: string, policy: PollPolicy, scheduler: SchedulerLike): PollPlan;
}

