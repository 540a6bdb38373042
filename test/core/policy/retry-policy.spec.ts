import { backoffDelayMs, DEFAULT_RETRY_POLICY, isTransientFailure, retryDelay, retryDelayMs, type RetryFailure, type RetryPolicy } from '../../../src/core/policy/retry-policy';

const policy = (random: number, over: Partial<RetryPolicy> = {}): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, random: () => random, ...over });

describe('backoffDelayMs', () => {
  it.each([
    // attempt, random, expected: half fixed + half jitter of min(max, base * 2^n)
    [0, 0, 250],
    [0, 1, 500],
    [1, 1, 1000],
    [2, 0.5, 1500],
    [10, 1, 30_000], // capped by maxDelayMs
    [60, 1, 30_000], // no overflow with absurd attempt numbers
  ])('attempt %p with jitter %p waits %p ms', (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, policy(random))).toBe(expected);
  });

  it('never returns less than half the exponential delay, whatever the random source says', () => {
    expect(backoffDelayMs(1, policy(-5))).toBe(500);
    expect(backoffDelayMs(1, policy(Number.NaN))).toBe(750);
  });
});

describe('retryDelayMs', () => {
  it('uses the server Retry-After when there is one', () => {
    expect(retryDelayMs(0, 2128, policy(1))).toBe(2128);
  });
  it('caps an enormous Retry-After at maxRetryAfterMs', () => {
    expect(retryDelayMs(0, 999_999_999_000, policy(1))).toBe(120_000);
    expect(retryDelayMs(0, Number.MAX_SAFE_INTEGER, policy(1, { maxRetryAfterMs: 5000 }))).toBe(5000);
    expect(retryDelayMs(0, Number.MAX_SAFE_INTEGER, policy(1, { maxRetryAfterMs: 100 }))).toBe(500);
  });
  it.each([
    ['Retry-After: 0', 0],
    ['a date in the past (parsed as 0)', 0],
    ['a Retry-After shorter than the backoff', 100],
  ])('never waits less than the backoff: %s', (_, retryAfter) => {
    expect(retryDelayMs(0, retryAfter, policy(1))).toBe(500);
    expect(retryDelayMs(2, retryAfter, policy(0))).toBe(1000);
  });
  it('falls back to the backoff without one', () => {
    expect(retryDelayMs(2, undefined, policy(1))).toBe(2000);
  });
});

describe('isTransientFailure', () => {
  const idempotent = { idempotent: true };
  const unsafe = { idempotent: false };
  it.each([
    ['GET 504', { kind: 'status', status: 504 }, idempotent, true],
    ['GET 503', { kind: 'status', status: 503 }, idempotent, true],
    ['GET 429', { kind: 'status', status: 429 }, idempotent, true],
    ['GET network error', { kind: 'network' }, idempotent, true],
    ['GET 500', { kind: 'status', status: 500 }, idempotent, false],
    ['GET 404', { kind: 'status', status: 404 }, idempotent, false],
    ['rows/add 429 (refused, not applied)', { kind: 'status', status: 429 }, unsafe, true],
    ['rows/add 503 (refused, not applied)', { kind: 'status', status: 503 }, unsafe, true],
    ['rows/add 504 (may have been applied)', { kind: 'status', status: 504 }, unsafe, false],
    ['rows/add network error (may have been applied)', { kind: 'network' }, unsafe, false],
  ] as const)('%s → %p', (_what, failure, request, expected) => {
    expect(isTransientFailure(failure, request, DEFAULT_RETRY_POLICY)).toBe(expected);
  });

  it('follows the configured statuses', () => {
    const only504 = { ...DEFAULT_RETRY_POLICY, statuses: [504, 502] };
    expect(isTransientFailure({ kind: 'status', status: 429 }, idempotent, only504)).toBe(false);
    expect(isTransientFailure({ kind: 'status', status: 502 }, idempotent, only504)).toBe(true);
  });
});

describe('retryDelay: the one retry rule (every request, every $batch item)', () => {
  const exact = policy(1, { baseDelayMs: 100 }); // back-off 100, 200, 400, 800 ms
  const get = { idempotent: true };
  const post = { idempotent: false };
  const locked = { idempotent: false, notApplied: [423] };
  it.each<[string, RetryFailure, number, { idempotent: boolean; notApplied?: number[] }, Partial<RetryPolicy>, number | undefined]>([
    // [what, failure, retries so far, request, policy overrides, wait before the next attempt]
    ['GET 504, first retry: the back-off', { kind: 'status', status: 504 }, 0, get, {}, 100],
    ['GET 504, third retry: doubled twice', { kind: 'status', status: 504 }, 2, get, {}, 400],
    ['GET 429 with Retry-After 2.5 s: the Retry-After', { kind: 'status', status: 429, retryAfterMs: 2500 }, 0, get, {}, 2500],
    ['GET 503 with a Retry-After shorter than the back-off: the back-off', { kind: 'status', status: 503, retryAfterMs: 10 }, 1, get, {}, 200],
    ['GET 429 with an enormous Retry-After: capped', { kind: 'status', status: 429, retryAfterMs: 1e12 }, 0, get, { maxRetryAfterMs: 5000 }, 5000],
    ['GET no answer: the back-off', { kind: 'network' }, 0, get, {}, 100],
    ['GET 404: not retried', { kind: 'status', status: 404 }, 0, get, {}, undefined],
    ['GET 500: not retried by default', { kind: 'status', status: 500 }, 0, get, {}, undefined],
    ['GET 500 when retry.statuses has it: retried', { kind: 'status', status: 500 }, 0, get, { statuses: [500] }, 100],
    ['GET 504 when retry.statuses lacks it: not retried', { kind: 'status', status: 504 }, 0, get, { statuses: [429, 503] }, undefined],
    ['POST 429: refused, so repeated', { kind: 'status', status: 429 }, 0, post, {}, 100],
    ['POST 504: may have been applied, not repeated', { kind: 'status', status: 504 }, 0, post, {}, undefined],
    ['POST no answer: may have been applied, not repeated', { kind: 'network' }, 0, post, {}, undefined],
    ['POST 423 it declares notApplied: repeated', { kind: 'status', status: 423 }, 0, locked, {}, 100],
    ['GET 504 after maxRetries: given up', { kind: 'status', status: 504 }, 4, get, {}, undefined],
    ['maxRetries 0: never', { kind: 'status', status: 429 }, 0, get, { maxRetries: 0 }, undefined],
  ])('%s', (_what, failure, retries, request, over, expected) => {
    expect(retryDelay(failure, retries, request, { ...exact, ...over })).toBe(expected);
  });
});
