import { DEFAULT_POLL_POLICY, pollDelayMs } from '../../../src/core/policy/poll-policy';

describe('pollDelayMs', () => {
  const policy = { ...DEFAULT_POLL_POLICY, intervalMs: 1000, backoffFactor: 2, maxIntervalMs: 5000 };
  it.each([
    [0, undefined, 1000],
    [1, undefined, 2000],
    [2, undefined, 4000],
    [3, undefined, 5000], // capped
    [500, undefined, 5000], // no overflow
    [0, 3000, 3000], // Retry-After longer than our interval wins
    [2, 1000, 4000], // Retry-After never shortens our schedule
    [0, 0, 1000], // Retry-After: 0 cannot cause a tight loop
    [0, 10 ** 12, 120_000], // an enormous Retry-After is capped
  ])('poll %p with Retry-After %p waits %p ms', (attempt, retryAfter, expected) => {
    expect(pollDelayMs(attempt, retryAfter, policy)).toBe(expected);
  });

  it('treats a backoff factor below 1 as a steady interval', () => {
    expect(pollDelayMs(5, undefined, { ...policy, backoffFactor: 0.5 })).toBe(1000);
  });
});
