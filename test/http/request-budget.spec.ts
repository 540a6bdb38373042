import { merge, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createGraphClient } from '../../src/client';
import { graphAccepted, graphJson, marbleTransport } from '../../src/testing';
import { msUntilToken, refilled, RequestBudget } from '../../src/http/request-budget';
import { accepted, graphError, json } from '../helpers/fake-transport';
import { ROOT, runVirtual, virtualClient } from '../helpers/virtual-client';

describe('token bucket arithmetic', () => {
  it.each([
    // tokens, elapsed, rate per ms, burst → refilled
    [0, 500, 0.002, 2, 1],
    [0, 5000, 0.002, 2, 2],
    [-1, 1000, 0.002, 2, 1],
    [1.5, -10, 0.002, 2, 1.5],
  ])('refilled(%p, %p ms, %p/ms, burst %p) = %p', (tokens, elapsed, rate, burst, expected) => {
    expect(refilled(tokens, elapsed, rate, burst)).toBeCloseTo(expected);
  });

  it.each([
    [1, 0.002, 0],
    [0, 0.002, 500],
    [0.5, 0.002, 250],
    [-1, 0.002, 1000],
  ])('msUntilToken(%p, %p/ms) = %p', (tokens, rate, expected) => {
    expect(msUntilToken(tokens, rate)).toBe(expected);
  });
});

describe('RequestBudget on a virtual scheduler', () => {
  it('lets a burst through, then one request per 1/rate, in order', () => {
    const scheduler = new TestScheduler(() => undefined);
    const budget = new RequestBudget({ limit: 2, intervalMs: 1000 }, scheduler);
    const went: [number, number][] = [];
    scheduler.run(() => {
      for (let i = 0; i < 5; i++) budget.acquire(() => went.push([i, scheduler.now()]));
    });
    expect(went).toEqual([[0, 0], [1, 0], [2, 500], [3, 1000], [4, 1500]]);
    expect(scheduler.actions).toHaveLength(0);
  });

  it('a request that gives up its place leaves no timer when the queue empties', () => {
    const scheduler = new TestScheduler(() => undefined);
    const budget = new RequestBudget({ limit: 1, intervalMs: 1000 }, scheduler);
    const went: number[] = [];
    budget.acquire(() => went.push(0));
    const leave = budget.acquire(() => went.push(1));
    expect(budget.waiting).toBe(1);
    expect(scheduler.actions).toHaveLength(1);
    leave();
    expect(budget.waiting).toBe(0);
    expect(scheduler.actions).toHaveLength(0);
    scheduler.flush();
    expect(went).toEqual([0]);
  });

  it('a charged request (a redirect hop) makes the next one wait longer', () => {
    const scheduler = new TestScheduler(() => undefined);
    const budget = new RequestBudget({ limit: 1, intervalMs: 100, burst: 1 }, scheduler);
    const went: number[] = [];
    scheduler.run(() => {
      budget.acquire(() => went.push(scheduler.now()));
      budget.charge();
      budget.acquire(() => went.push(scheduler.now()));
    });
    expect(went).toEqual([0, 200]);
  });
});

describe('a client with a request budget', () => {
  it('defers, never fails: 4 operations under 2 requests per second all finish, every request spaced by the budget', () => {
    const { scheduler, graph, transport } = virtualClient(
      (req) => (req.method === 'POST' ? of(accepted(`${ROOT}/ops/${transport.log.length}`)) : of(json(200, { status: 'succeeded' }))),
      { requestBudget: { limit: 2, intervalMs: 1000 }, poll: { intervalMs: 100, backoffFactor: 1 } },
    );
    const run = runVirtual(scheduler, merge(...[1, 2, 3, 4].map(() => graph.operation({ request: { method: 'POST', url: '/things' } }))));
    expect(run.error).toBeUndefined();
    expect(run.values.filter((e) => e.type === 'succeeded')).toHaveLength(4);
    const times = transport.log.map((r) => r.at);
    // 8 requests (4 starts, 4 polls): 2 at once, then one every 500 ms.
    expect(times).toEqual([0, 0, 500, 1000, 1500, 2000, 2500, 3000]);
  });

  it('retries count too, and a queued start that is unsubscribed is never sent', () => {
    const { scheduler, graph, transport } = virtualClient((_req, i) => (i === 0 ? of(graphError(503, 'serviceNotAvailable')) : of(json(200, { status: 'succeeded' }))), {
      requestBudget: { limit: 1, intervalMs: 1000 },
      retry: { baseDelayMs: 10, random: () => 1 },
    });
    runVirtual(scheduler, graph.operation({ request: { method: 'POST', url: '/a' } }));
    // The 503's retry was due at 10 ms; the budget held it to 1000 ms.
    expect(transport.log.map((r) => r.at)).toEqual([0, 1000]);

    const second = virtualClient(() => of(json(200, { status: 'succeeded' })), { requestBudget: { limit: 1, intervalMs: 1000 } });
    const both = merge(second.graph.operation({ request: { method: 'POST', url: '/first' } }), second.graph.operation({ request: { method: 'POST', url: '/second' } }));
    runVirtual(second.scheduler, both, 500);
    expect(second.transport.log.map((r) => r.url)).toEqual([`${ROOT}/first`]);
    expect(second.scheduler.actions).toHaveLength(0);
  });

  it.each([
    [{ limit: 0, intervalMs: 1000 }, /requestBudget.limit must be a whole number/],
    [{ limit: 10 }, /requestBudget.intervalMs is required/],
    [{ intervalMs: 10 }, /requestBudget.limit is required/],
    [{ limit: 5, intervalMs: 1000, burst: 0.5 }, /requestBudget.burst/],
    [{ limit: 5, intervalMs: 1000, per: 's' }, /per/],
  ])('a malformed budget %p is refused when the client is made', (budget, message) => {
    expect(() => virtualClient(() => of(json(200, {})), { requestBudget: budget as never })).toThrow(message);
  });
});

describe('a request budget in marbles', () => {
  it('two operations on one request per second: the second start waits a second, every poll takes its turn', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const transport = marbleTransport(scheduler, cold, {
        'POST /a': [{ marble: '-(x|)', values: { x: graphAccepted(`${ROOT}/ops/a`) } }],
        'POST /b': [{ marble: '-(x|)', values: { x: graphAccepted(`${ROOT}/ops/b`) } }],
        'GET /ops/a': [{ marble: '-(s|)', values: { s: graphJson({ status: 'succeeded' }) } }],
        'GET /ops/b': [{ marble: '-(s|)', values: { s: graphJson({ status: 'succeeded' }) } }],
      });
      const graph = createGraphClient({ token: 't', transport, scheduler, poll: { intervalMs: 100 }, requestBudget: { limit: 1, intervalMs: 1000 } });
      const a = graph.operation({ request: { method: 'POST', url: '/a' }, resultFromStatus: () => 'A' } as never);
      const b = graph.operation({ request: { method: 'POST', url: '/b' }, resultFromStatus: () => 'B' } as never);
      // a: POST 0, poll due 101 but held to 2000 (b's start took the 1000 ms token); b: POST 1000, poll held to 3000.
      expectObservable(a, '^ 5s !').toBe('-x 1999ms (yz|)', { x: expect.objectContaining({ type: 'accepted' }), y: { type: 'status', status: 'succeeded' }, z: expect.objectContaining({ type: 'succeeded' }) });
      expectObservable(b, '^ 5s !').toBe('1001ms x 1999ms (yz|)', { x: expect.objectContaining({ type: 'accepted' }), y: { type: 'status', status: 'succeeded' }, z: expect.objectContaining({ type: 'succeeded' }) });
      scheduler.flush();
      expect(transport.requests.map((r) => `${r.at} ${r.method} ${r.url.slice(ROOT.length)}`)).toEqual(['0 POST /a', '1000 POST /b', '2000 GET /ops/a', '3000 GET /ops/b']);
    });
  });
});
