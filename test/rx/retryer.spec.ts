import { defer, Observable, type Observable as Obs } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { retryer } from '../../src/rx/retryer';

class Transient extends Error {
  constructor(readonly retryAfterMs?: number) {
    super('transient');
  }
}
class Permanent extends Error {}

/** Waits 10, 20, 40 ms, or the error's Retry-After when longer; three retries; only Transient errors. */
const delayMs = (error: unknown, retries: number): number | undefined =>
  error instanceof Transient && retries < 3 ? Math.max(10 * 2 ** retries, error.retryAfterMs ?? 0) : undefined;

/** Each attempt gets the next Observable. */
function attempts<T>(...sources: Obs<T>[]): (retries: number) => Obs<T> {
  return (retries) => sources[Math.min(retries, sources.length - 1)]!;
}

describe('retryer: one retry state machine', () => {
  it(
    'attempting → waiting → attempting: repeats after each wait, then emits the success',
    marbles((m) => {
      const first = m.cold('-#', undefined, new Transient());
      const second = m.cold('--#', undefined, new Transient());
      const third = m.cold('-(a|)');
      // fails at 1, waits 10 → 11, fails at 13, waits 20 → 33, answers at 34
      m.expect(retryer({ attempt: attempts(first, second, third), scheduler: m.scheduler, delayMs })).toBeObservable('34ms (a|)');
      m.expect(first).toHaveSubscriptions('^!');
      m.expect(second).toHaveSubscriptions('11ms ^-!');
      m.expect(third).toHaveSubscriptions('33ms ^!');
    }),
  );

  it(
    'tells the delay function the error and the retries so far, and waits what it says',
    marbles((m) => {
      const seen: [unknown, number][] = [];
      const error = new Transient(2128);
      const first = m.cold('-#', undefined, error);
      const second = m.cold('-(a|)');
      const result = retryer({
        attempt: attempts(first, second),
        scheduler: m.scheduler,
        delayMs: (e, n) => (seen.push([e, n]), delayMs(e, n)),
      });
      m.expect(result).toBeObservable('2130ms (a|)');
      m.expect(second).toHaveSubscriptions('2129ms ^!');
      m.flush();
      expect(seen).toEqual([[error, 0]]);
    }),
  );

  it(
    'waiting → done: an error the delay function does not retry is passed on at once, nothing resubscribed',
    marbles((m) => {
      const error = new Permanent('nope');
      const source = m.cold('-#', undefined, error);
      m.expect(retryer({ attempt: () => source, scheduler: m.scheduler, delayMs })).toBeObservable('-#', undefined, error);
      m.expect(source).toHaveSubscriptions('^!');
    }),
  );

  it(
    'gives up when the delay function does, with the last error',
    marbles((m) => {
      const last = new Transient();
      const failing = m.cold('#', undefined, new Transient());
      const final = m.cold('#', undefined, last);
      // attempts at 0, 10, 30, 70 (waits 10, 20, 40): the fourth failure is final
      m.expect(retryer({ attempt: attempts(failing, failing, failing, final), scheduler: m.scheduler, delayMs })).toBeObservable('70ms #', undefined, last);
      m.expect(failing).toHaveSubscriptions(['(^!)', '10ms (^!)', '30ms (^!)']);
      m.expect(final).toHaveSubscriptions('70ms (^!)');
    }),
  );

  it(
    'unsubscribed while waiting: the wait is cancelled and nothing more is attempted',
    marbles((m) => {
      const first = m.cold('-#', undefined, new Transient());
      const second = m.cold('-a|');
      m.expect(retryer({ attempt: attempts(first, second), scheduler: m.scheduler, delayMs }), '^----!').toBeObservable('------');
      m.expect(first).toHaveSubscriptions('^!');
      m.expect(second).toHaveSubscriptions([]);
      m.flush();
      expect(m.scheduler.actions).toHaveLength(0);
    }),
  );

  it(
    'unsubscribed while attempting: the attempt in flight is unsubscribed (the request aborted)',
    marbles((m) => {
      const hanging = m.cold('----------a|');
      m.expect(retryer({ attempt: () => hanging, scheduler: m.scheduler, delayMs }), '^--!').toBeObservable('---');
      m.expect(hanging).toHaveSubscriptions('^--!');
    }),
  );

  it(
    'a projection that throws fails the attempt like an error (a body that cannot be read is read again)',
    marbles((m) => {
      const garbled = m.cold('-(g|)', { g: 'not json' });
      const good = m.cold('-(j|)', { j: '{"ok":1}' });
      const result = retryer({
        attempt: attempts(garbled, good),
        scheduler: m.scheduler,
        delayMs: (error, retries) => (error instanceof SyntaxError && retries < 3 ? 10 : undefined),
        project: (text: string) => JSON.parse(text) as unknown,
      });
      m.expect(result).toBeObservable('12ms (v|)', { v: { ok: 1 } });
      m.expect(garbled).toHaveSubscriptions('^!');
      m.expect(good).toHaveSubscriptions('11ms ^!');
    }),
  );

  it(
    'a projection that throws on a value emitted before the attempt completes cuts that attempt: its later values never arrive',
    marbles((m) => {
      const streaming = m.cold('-a-b-|', { a: 'bad', b: '{"late":1}' });
      const good = m.cold('(j|)', { j: '{"ok":1}' });
      const result = retryer({
        attempt: attempts(streaming, good),
        scheduler: m.scheduler,
        delayMs: (_error, retries) => (retries < 1 ? 5 : undefined),
        project: (text: string) => JSON.parse(text) as unknown,
      });
      m.expect(result).toBeObservable('------(v|)', { v: { ok: 1 } });
      m.expect(streaming).toHaveSubscriptions('^!');
      m.expect(good).toHaveSubscriptions('------(^!)');
    }),
  );

  it('an attempt that fails synchronously schedules the wait, and the next attempt runs from the scheduler', () => {
    let attemptsMade = 0;
    const failingAtOnce = defer(() => {
      attemptsMade++;
      return new Observable<string>((s) => s.error(new Transient()));
    });
    const scheduled: number[] = [];
    const scheduler = { now: () => 0, schedule: (_work: unknown, delay?: number) => (scheduled.push(delay ?? 0), { unsubscribe: () => undefined, closed: false }) };
    const errors: unknown[] = [];
    const subscription = retryer({ attempt: () => failingAtOnce, scheduler: scheduler as never, delayMs }).subscribe({ error: (e) => errors.push(e) });
    expect(attemptsMade).toBe(1);
    expect(scheduled).toEqual([10]);
    expect(errors).toEqual([]);
    subscription.unsubscribe();
  });
});
