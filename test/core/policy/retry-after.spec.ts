import { parseRetryAfter } from '../../../src/core/policy/retry-after';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['seconds', '3', 3000],
    ['zero', '0', 0],
    ['fractional seconds are kept, not truncated (Graph sends 2.128)', '2.128', 2128],
    ['surrounding space', ' 7 ', 7000],
    ['an HTTP date in the future', new Date(NOW + 5000).toUTCString(), 5000],
    ['an HTTP date in the past means now', new Date(NOW - 60_000).toUTCString(), 0],
    ['an enormous value is returned for the policy to cap', '999999999', 999_999_999_000],
  ])('%s: %p → %p ms', (_what, header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });

  it.each([['-1'], ['abc'], [''], ['   '], ['1e3'], ['Infinity'], ['Thu, 99 Foo 2026 99:99:99 GMT']])(
    'ignores %p so the backoff applies',
    (header) => {
      expect(parseRetryAfter(header, NOW)).toBeUndefined();
    },
  );

  it('is undefined without a header', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });

  it('turns a run of digits too long for a double into a finite number', () => {
    expect(Number.isFinite(parseRetryAfter('9'.repeat(400), NOW))).toBe(true);
  });
});
