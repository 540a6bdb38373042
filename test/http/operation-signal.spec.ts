import { OperationSignal } from '../../src/http/operation-signal';
import { transportBackend } from '../../src/http/interceptors/transport-backend';
import { fetchTransport } from '../../src/http/fetch-transport';
import { defaultFetch } from '../../src/http/default-fetch';
import type { HttpRequest, HttpResponse } from '../../src/http/transport';
import { get, ok, ROOT, TRUSTED } from '../helpers/chain';
import { testScheduler } from '../helpers/marbles';

describe('OperationSignal: one abort signal for the requests of one operation', () => {
  it('held by one request at a time: the next one takes the same signal once the first was answered', () => {
    const shared = new OperationSignal();
    const first = shared.take()!;
    expect(shared.take()).toBeUndefined(); // another request while the first is in flight: its transport makes its own
    shared.release();
    expect(shared.take()).toBe(first);
    expect(first.aborted).toBe(false);
  });

  it('a request unsubscribed before its answer is aborted through it, and the signal is spent: the next request gets a new one', () => {
    const shared = new OperationSignal();
    const first = shared.take()!;
    shared.abort();
    expect(first.aborted).toBe(true);
    const second = shared.take()!;
    expect(second).not.toBe(first);
    expect(second.aborted).toBe(false);
  });
});

describe('the backend with an operation signal', () => {
  function transportSeeing(answer: (request: HttpRequest) => import('rxjs').Observable<HttpResponse>) {
    const signals: (AbortSignal | undefined)[] = [];
    return { signals, transport: Object.assign((request: HttpRequest) => (signals.push(request.signal), answer(request)), { sharesOperationSignal: true }) };
  }

  it('gives each request the operation\'s signal; an answered one leaves it as it was for the next', () => {
    const scheduler = testScheduler();
    const shared = new OperationSignal();
    scheduler.run(({ cold, expectObservable }) => {
      const { signals, transport } = transportSeeing(() => cold('-(r|)', { r: ok() }));
      const backend = transportBackend(transport, TRUSTED, scheduler);
      expectObservable(backend(get(`${ROOT}/a`, { operationSignal: shared }))).toBe('-(r|)', { r: ok() });
      expectObservable(backend(get(`${ROOT}/b`, { operationSignal: shared })), '--^').toBe('---(r|)', { r: ok() });
      scheduler.flush();
      expect(signals[0]).toBeInstanceOf(AbortSignal);
      expect(signals[1]).toBe(signals[0]);
      expect(signals[0]!.aborted).toBe(false);
    });
  });

  it('a request unsubscribed before its answer, or failed, is aborted through the signal; the next gets a fresh one', () => {
    const scheduler = testScheduler();
    const shared = new OperationSignal();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const hanging = cold<HttpResponse>('-----');
      const { signals, transport } = transportSeeing((request) => (request.url.endsWith('/hang') ? hanging : cold<never>('-#', undefined, new Error('reset'))));
      const backend = transportBackend(transport, TRUSTED, scheduler);
      expectObservable(backend(get(`${ROOT}/hang`, { operationSignal: shared })), '^-!').toBe('');
      expectSubscriptions(hanging.subscriptions).toBe('^-!');
      expectObservable(backend(get(`${ROOT}/fail`, { operationSignal: shared })), '---^').toBe('----#', undefined, expect.objectContaining({ name: 'NetworkError' }));
      scheduler.flush();
      expect(signals).toHaveLength(2);
      expect(signals.map((s) => s!.aborted)).toEqual([true, true]);
      expect(signals[1]).not.toBe(signals[0]);
    });
  });

  it("fetchTransport shares an operation's signal only over cross-fetch, which lets go of each request's listener; Node's fetch keeps them", () => {
    expect(fetchTransport().sharesOperationSignal).toBe(true);
    expect(fetchTransport(defaultFetch).sharesOperationSignal).toBe(true);
    expect(fetchTransport(globalThis.fetch as never).sharesOperationSignal).toBeUndefined();
  });
});
