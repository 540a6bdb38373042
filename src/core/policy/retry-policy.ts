/**
 * How transient failures are retried. All times in milliseconds.
 *
 * @example
 * ```ts
 * createGraphClient({ token, retry: { maxRetries: 5, baseDelayMs: 200 } });
 * ```
 * @public
 */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. @defaultValue 4 */
  readonly maxRetries: number;
  /** Backoff base: attempt n waits about `baseDelayMs * 2^n`, with jitter. @defaultValue 500 */
  readonly baseDelayMs: number;
  /** Cap on a backoff delay. @defaultValue 30000 */
  readonly maxDelayMs: number;
  /** Cap on a server's `Retry-After`, so an enormous value cannot stall or overflow a timer. @defaultValue 120000 */
  readonly maxRetryAfterMs: number;
  /** HTTP statuses that are transient for requests that are safe to repeat. @defaultValue [429, 503, 504] */
  readonly statuses: readonly number[];
  /** Source of jitter in [0, 1); inject a constant for exact timings in tests. @defaultValue Math.random */
  readonly random: () => number;
}

/** The defaults of {@link RetryPolicy}. @public */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  statuses: Object.freeze([429, 503, 504]),
  random: Math.random,
});

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half is
 * random, so retries spread out yet never come back immediately.
 * `attempt` counts from 0 (the first retry).
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const half = exponential / 2;
  return Math.round(half + half * clampUnit(policy.random()));
}

/**
 * The wait before retry `attempt`: the server's `Retry-After` when it gave
 * one (capped by `maxRetryAfterMs`), but never less than our own backoff, so
 * a `Retry-After: 0` or a date in the past cannot drive a tight loop.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, policy: RetryPolicy): number {
  const backoff = backoffDelayMs(attempt, policy);
  if (retryAfterMs === undefined) return backoff;
  return Math.max(backoff, Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs));
}

/**
 * Whether a failed request may be repeated. 429 and 503 mean the server
 * refused the request, so even a POST is safe to repeat. 504 and network
 * errors may hide a request that was applied, so they are repeated only
 * when the request is idempotent (every GET; POSTs the caller or the
 * protocol declares harmless, such as createSession).
 */
export function isTransientFailure(
  failure: { kind: 'status'; status: number } | { kind: 'network' },
  request: { idempotent: boolean },
  policy: RetryPolicy,
): boolean {
  if (failure.kind === 'network') return request.idempotent;
  if (failure.status === 429 || failure.status === 503) return policy.statuses.includes(failure.status);
  return request.idempotent && policy.statuses.includes(failure.status);
}

/** A failed attempt as the retry policy reads it: an HTTP status (and the server's `Retry-After`), or no answer at all. */
export type RetryFailure = { readonly kind: 'status'; readonly status: number; readonly retryAfterMs?: number } | { readonly kind: 'network' };

/** What the retry policy needs to know of a request. */
export interface RetriedRequest {
  /** Safe to repeat after a 504 or a network error. */
  readonly idempotent: boolean;
  /** Statuses that mean nothing was applied, so even a request that is not idempotent may be repeated (a locked file: 423). */
  readonly notApplied?: readonly number[];
}

/**
 * The one retry rule: the wait before retry `retries` (0 for the first
 * retry) of `request` after `failure`, or `undefined` when it is not
 * retried: the policy's retries are spent, or the failure is not transient
 * for this request ({@link isTransientFailure}, or a status the request
 * declares `notApplied`). The wait is the server's `Retry-After` when it
 * gave one, never less than the back-off ({@link retryDelayMs}). Used by
 * every request (the retry interceptor) and by each item of a `$batch`.
 */
export function retryDelay(failure: RetryFailure, retries: number, request: RetriedRequest, policy: RetryPolicy): number | undefined {
  if (retries >= policy.maxRetries) return undefined;
  const notApplied = failure.kind === 'status' && request.notApplied !== undefined && request.notApplied.includes(failure.status);
  if (!notApplied && !isTransientFailure(failure, request, policy)) return undefined;
  return retryDelayMs(retries, failure.kind === 'status' ? failure.retryAfterMs : undefined, policy);
}

function clampUnit(x: number): number {
  return Number.isFinite(x) ? Math.min(Math.max(x, 0), 1) : 0.5;
}
