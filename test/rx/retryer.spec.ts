import { defer, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { retryTransient } from '../../src/rx/retry-transient';
import { DEFAULT_RETRY_POLICY } from '../../src/core/policy/retry-policy';

class Transient extends Error {
  constructor(readonly retryAfterMs?: number) {
    super('transient');
  }
}
class Permanent extends Error {}

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10, maxDelayMs: 40, maxRetries: 3, random: () => 1 };
const isRetryable = (e: unknown) => e instanceof Transient;

/** Each subscription gets the next Observable: the n-th attempt of a request. */
function attempts<T>(...sources: Observable<T>[]): Observable<T> {
  let n = 0;
  return defer(() => sources[Math.min(n++, sources.length - 1)]!);
}

describe('retryTransient', () => {
  it(
    'repeats after the exponential backoff, then emits the success',
    marbles((m) => {
      const first = m.cold('-#', undefined, new Transient());
      const second = m.cold('--#', undefined, new Transient());
      const third = m.cold('-(a|)');
      // fails at 1, waits 10 → resubscribes at 11, fails at 13, waits 20 → 33, answers at 34
      const expected = '  34ms (a|)';
      const result = attempts(first, second, third).pipe(retryTransient({ policy, isRetryable, scheduler: m.scheduler }));
      m.expect(result).toBeObservable(expected);
      m.expect(first).toHaveSubscriptions('^!');
      m.expect(second).toHaveSubscriptions('11ms ^-!');
      m.expect(third).toHaveSubscriptions('33ms ^!');
    }),
  );

  it(
    "waits the server's Retry-After instead of the backoff",
    marbles((m) => {
      const first = m.cold('-#', undefined, new Transient(2128));
      const second = m.cold('-(a|)');
      const result = attempts(first, second).pipe(retryTransient({ policy, isRetryable, scheduler: m.scheduler }));
      m.expect(result).toBeObservable('2130ms (a|)');
      m.expect(second).toHaveSubscriptions('2129ms ^!');
    }),
  );

  it(
    'caps an enormous Retry-After at maxRetryAfterMs',
    marbles((m) => {
      const first = m.cold('#', undefined, new Transient(10 ** 15));
      const second = m.cold('(a|)');
      const result = attempts(first, second).pipe(
        retryTransient({ policy: { ...policy, maxRetryAfterMs: 50 }, isRetryable, scheduler: m.scheduler }),
      );
      m.expect(result).toBeObservable('50ms (a|)');
    }),
  );

  it(
    'a Retry-After of 0 (or a date in the past) still waits the backoff: no tight loop',
    marbles((m) => {
      const first = m.cold('#', undefined, new Transient(0));
      const second = m.cold('#', undefined, new Transient(0));
      const third = m.cold('(a|)');
      const result = attempts(first, second, third).pipe(retryTransient({ policy, isRetryable, scheduler: m.scheduler }));
      m.expect(result).toBeObservable('30ms (a|)');
      m.expect(second).toHaveSubscriptions('10ms (^!)');
      m.expect(third).toHaveSubscriptions('30ms (^!)');
    }),
  );

  it(
    'rethrows a permanent error at once, without resubscribing',
    marbles((m) => {
      const error = new Permanent('nope');
      const source = m.cold('-#', undefined, error);
      m.expect(source.pipe(retryTransient({ policy, isRetryable, scheduler: m.scheduler }))).toBeObservable('-#', undefined, error);
      m.expect(source).toHaveSubscriptions('^!');
    }),
  );

  it(
    'gives up after maxRetries with the last error',
    marbles((m) => {
      const last = new Transient();
      const source = attempts(m.cold('#', undefined, new Transient()), m.cold('#', undefined, last));
      // attempts at 0, 10, 30, 70 (waits 10, 20, 40): the fourth failure is final
      m.expect(source.pipe(retryTransient({ policy, isRetryable, scheduler: m.scheduler }))).toBeObservable('70ms #', undefined, last);
    }),
  );

  it(
    'sends nothing more once unsubscribed during a wait',
    marbles((m) => {
      const first = m.cold('-#', undefined, new Transient());
      const second = m.cold('-a|');
      const result = attempts(first, second).pipe(retryTransient({ policy, isRetryable, scheduler: m.scheduler }));
      m.expect(result, '^----!').toBeObservable('------');
      m.expect(second).toHaveSubscriptions([]);
    }),
  );
});
