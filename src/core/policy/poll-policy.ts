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
