import { tap } from 'rxjs';
import { retryInterceptor } from '../../../src/http/interceptors/retry';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/policy/retry-policy';
import { GraphHttpError } from '../../../src/core/errors/graph-http-error';
import { NetworkError } from '../../../src/core/errors/network-error';
import { AuthenticationError } from '../../../src/core/errors/authentication-error';
import type { RequestTracer } from '../../../src/http/request-trace';
import { get, ok, restOfChain, ROOT } from '../../helpers/chain';
import { testScheduler } from '../../helpers/marbles';

// Back-off 10, 20, 40, 80 ms (no jitter).
const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10, random: () => 1 };
const status = (code: number, retryAfterMs?: number) =>
  new GraphHttpError({ method: 'GET', url: `${ROOT}/x`, status: code }, retryAfterMs === undefined ? {} : { retryAfterMs });

describe('the retry step', () => {
  it('repeats a transient failure after the back-off, or the Retry-After, each attempt down the chain again with its number', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const busy = cold<never>('-#', undefined, status(503));
      const throttled = cold<never>('-#', undefined, status(429, 500));
      const answered = cold('-(r|)', { r: ok() });
      const rest = restOfChain((_r, n) => [busy, throttled, answered][n]!);
      // fails at 1, waits 10 → 11; fails at 12, waits its Retry-After 500 → 512; answers at 513
      expectObservable(retryInterceptor(policy, scheduler)(get(), rest)).toBe('513ms (r|)', { r: ok() });
      expectSubscriptions(busy.subscriptions).toBe('^!');
      expectSubscriptions(throttled.subscriptions).toBe('11ms ^!');
      expectSubscriptions(answered.subscriptions).toBe('512ms ^!');
      scheduler.flush();
      expect(rest.requests.map((r) => r.attempt ?? 0)).toEqual([0, 1, 2]);
    });
  });

  it.each<[string, Error, boolean, number]>([
    // [what, the failure, idempotent, attempts made]
    ['a 404 is final', status(404), true, 1],
    ['an AuthenticationError is final', new AuthenticationError({}, { reason: 'no' }), true, 1],
    ['no answer, on a GET: repeated up to maxRetries', new NetworkError({ method: 'GET', url: ROOT }, { cause: new Error('reset') }), true, 5],
    ['no answer, on a POST that is not idempotent: final (it may have been applied)', new NetworkError({ method: 'POST', url: ROOT }, { cause: new Error('reset') }), false, 1],
    ['a 504 on a POST that is not idempotent: final', status(504), false, 1],
    ['a 429 on a POST that is not idempotent: repeated (refused, not applied)', status(429), false, 5],
  ])('%s', (_what, failure, idempotent, attempts) => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const rest = restOfChain(() => cold<never>('#', undefined, failure));
      expectObservable(retryInterceptor(policy, scheduler)(get(`${ROOT}/x`, { idempotent, method: idempotent ? 'GET' : 'POST' }), rest)).toBe(
        `${attempts === 1 ? 0 : 10 + 20 + 40 + 80}ms #`,
        undefined,
        failure,
      );
      scheduler.flush();
      expect(rest.requests).toHaveLength(attempts);
    });
  });

  it("a request's own retry policy wins, retry.statuses and notApplied included", () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const rest = restOfChain((_r, n) => (n === 0 ? cold<never>('#', undefined, status(500)) : cold('(r|)', { r: ok() })));
      expectObservable(retryInterceptor(policy, scheduler)(get(`${ROOT}/x`, { retry: { ...policy, statuses: [500] } }), rest)).toBe('10ms (r|)', { r: ok() });
      const locked = restOfChain((_r, n) => (n === 0 ? cold<never>('#', undefined, status(423)) : cold('(r|)', { r: ok() })));
      expectObservable(retryInterceptor(policy, scheduler)(get(`${ROOT}/x`, { method: 'POST', idempotent: false, notApplied: [423] }), locked)).toBe('10ms (r|)', { r: ok() });
    });
  });

  it('a traced attempt can tell how its failure will be answered, and the retry waits exactly that', () => {
    const scheduler = testScheduler();
    let draws = 0;
    const jittered = { ...policy, random: () => [0, 1][draws++ % 2]! }; // 5 ms, then 20 ms
    const told: unknown[] = [];
    const tracer: RequestTracer = { attempt: () => ({ end: () => undefined }) };
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<never>('-#', undefined, status(503));
      const second = cold<never>('-#', undefined, status(503));
      const answered = cold('-(r|)', { r: ok() });
      // What the trace step does: on a failure, ask the attempt how it will be answered.
      const rest = restOfChain((request, n) =>
        [first, second, answered][n]!.pipe(tap({ error: (e: unknown) => told.push(request.retryOf!(e)) })),
      );
      // fails at 1, waits 5 → 6; fails at 7, waits 20 → 27; answers at 28
      expectObservable(retryInterceptor(jittered, scheduler)(get(`${ROOT}/x`, { trace: tracer }), rest)).toBe('28ms (r|)', { r: ok() });
      expectSubscriptions(second.subscriptions).toBe('6ms ^!');
      expectSubscriptions(answered.subscriptions).toBe('27ms ^!');
    });
    // Asked by the trace and by the retry, each failure's jitter was drawn once.
    expect(told).toEqual([{ delayMs: 5 }, { delayMs: 20 }]);
    expect(draws).toBe(2);
  });

  it('unsubscribing during a wait cancels it: nothing more is sent, no timer stays', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const rest = restOfChain(() => cold<never>('-#', undefined, status(503)));
      expectObservable(retryInterceptor(policy, scheduler)(get(), rest), '^---!').toBe('-----');
      scheduler.flush();
      expect(rest.requests).toHaveLength(1);
      expect(scheduler.actions).toHaveLength(0);
    });
  });
});
