import { budgetInterceptor, hopChargeInterceptor } from '../../../src/http/interceptors/budget';
import { RequestBudget, type RequestLimiter } from '../../../src/http/request-budget';
import { get, ok, restOfChain } from '../../helpers/chain';
import { testScheduler } from '../../helpers/marbles';

describe('the budget step', () => {
  it('each attempt waits its turn and then goes down the chain; the cost of a $batch is its size', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      // One request per 100 ms, no burst beyond one.
      const budget = new RequestBudget({ limit: 1, intervalMs: 100 }, scheduler);
      const answer = cold('-(r|)', { r: ok() });
      const rest = restOfChain(() => answer);
      const step = budgetInterceptor(budget);
      expectObservable(step(get(), rest)).toBe('-(r|)', { r: ok() });
      expectObservable(step(get(), rest)).toBe('101ms (r|)', { r: ok() });
      expectSubscriptions(answer.subscriptions).toBe(['^!', '100ms ^!']);
    });
  });

  it('an attempt unsubscribed while it waits leaves the queue: nothing is sent, and the timer goes when the queue is empty', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const budget = new RequestBudget({ limit: 1, intervalMs: 100 }, scheduler);
      const rest = restOfChain(() => cold('-(r|)', { r: ok() }));
      const step = budgetInterceptor(budget);
      expectObservable(step(get(), rest)).toBe('-(r|)', { r: ok() });
      expectObservable(step(get(), rest), '^-!').toBe('--');
      scheduler.flush();
      expect(rest.requests).toHaveLength(1);
      expect(budget.waiting).toBe(0);
      expect(scheduler.actions).toHaveLength(0);
    });
  });

  it("an attempt let through from another's timer goes in its own caller's context", () => {
    const scheduler = testScheduler();
    const sentIn: string[] = [];
    scheduler.run(({ cold }) => {
      const budget = new RequestBudget({ limit: 1, intervalMs: 100 }, scheduler);
      let current = 'nobody';
      const contextOf = (name: string) => <R>(fn: () => R): R => {
        const before = current;
        current = name;
        try {
          return fn();
        } finally {
          current = before;
        }
      };
      const rest = restOfChain(() => (sentIn.push(current), cold('-(r|)', { r: ok() })));
      const step = budgetInterceptor(budget);
      step(get(undefined, { context: contextOf('alice') }), rest).subscribe();
      step(get(undefined, { context: contextOf('bob') }), rest).subscribe();
    });
    expect(sentIn).toEqual(['alice', 'bob']);
  });

  it('below the redirects, a hop goes at once and is counted; a first hop is not counted again', () => {
    const charged: number[] = [];
    const limiter: RequestLimiter = { acquire: (go) => (go(), () => undefined), charge: () => void charged.push(1) };
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const rest = restOfChain(() => cold('(r|)', { r: ok() }));
      const step = hopChargeInterceptor(limiter)!;
      expectObservable(step(get(), rest)).toBe('(r|)', { r: ok() });
      expectObservable(step(get(undefined, { hop: 1 }), rest)).toBe('(r|)', { r: ok() });
    });
    expect(charged).toHaveLength(1);
    expect(hopChargeInterceptor({ acquire: (go) => (go(), () => undefined) })).toBeUndefined();
  });
});
