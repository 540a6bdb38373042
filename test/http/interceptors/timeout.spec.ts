import type { HttpResponse } from '../../../src/http/transport';
import { timeoutInterceptor } from '../../../src/http/interceptors/timeout';
import { RequestTimeoutError } from '../../../src/core/errors/request-timeout-error';
import { get, ok, restOfChain, ROOT } from '../../helpers/chain';
import { testScheduler } from '../../helpers/marbles';

describe('the timeout step', () => {
  it('an attempt with no answer within the bound is unsubscribed (the request aborted) and fails with a RequestTimeoutError', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const hanging = cold<HttpResponse>('-');
      const rest = restOfChain(() => hanging);
      expectObservable(timeoutInterceptor(1000, scheduler)(get(`${ROOT}/x`), rest)).toBe(
        '1000ms #',
        undefined,
        expect.objectContaining({ name: 'RequestTimeoutError', url: `${ROOT}/x`, timeoutMs: 1000 }),
      );
      expectSubscriptions(hanging.subscriptions).toBe('^ 999ms !');
    });
  });

  it('an answer within the bound clears the timer', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const answer = cold('999ms (r|)', { r: ok() });
      expectObservable(timeoutInterceptor(1000, scheduler)(get(), restOfChain(() => answer))).toBe('999ms (r|)', { r: ok() });
      expectSubscriptions(answer.subscriptions).toBe('^ 998ms !');
      scheduler.flush();
      expect(scheduler.actions).toHaveLength(0);
    });
    expect(new RequestTimeoutError({}, { timeoutMs: 1 })).toBeInstanceOf(Error);
  });

  it('unsubscribing before the bound clears the timer too', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(timeoutInterceptor(1000, scheduler)(get(), restOfChain(() => cold<HttpResponse>('-'))), '^ 9ms !').toBe('');
      scheduler.flush();
      expect(scheduler.actions).toHaveLength(0);
    });
  });

});
