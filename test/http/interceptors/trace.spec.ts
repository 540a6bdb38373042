import type { HttpResponse } from '../../../src/http/transport';
import { traceInterceptor } from '../../../src/http/interceptors/trace';
import { GraphHttpError } from '../../../src/core/errors/graph-http-error';
import type { RequestAttemptInfo, RequestAttemptOutcome, RequestTracer } from '../../../src/http/request-trace';
import { get, ok, restOfChain, ROOT } from '../../helpers/chain';
import { testScheduler } from '../../helpers/marbles';

function recorder() {
  const seen: [string, RequestAttemptInfo | RequestAttemptOutcome][] = [];
  const tracer: RequestTracer = {
    attempt: (info) => {
      seen.push(['attempt', info]);
      return { end: (outcome) => void seen.push(['end', outcome]) };
    },
  };
  return { seen, tracer };
}

describe('the trace step', () => {
  it('reports each attempt when it goes, without its query string, and its status when it is answered', () => {
    const { seen, tracer } = recorder();
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const answer = cold('-(r|)', { r: ok('{}', 202) });
      expectObservable(traceInterceptor(get(`${ROOT}/monitor?tempauth=SECRET`, { trace: tracer, attempt: 2 }), restOfChain(() => answer))).toBe('-(r|)', { r: ok('{}', 202) });
      expectSubscriptions(answer.subscriptions).toBe('^!');
    });
    expect(seen).toEqual([
      ['attempt', { method: 'GET', url: `${ROOT}/monitor`, attempt: 2 }],
      ['end', { status: 202 }],
    ]);
  });

  it("a failure is reported by its class, status and code, with the retry's wait when the attempt will be retried", () => {
    const { seen, tracer } = recorder();
    const scheduler = testScheduler();
    const error = new GraphHttpError({ method: 'GET', url: `${ROOT}/x`, status: 429, code: 'TooManyRequests' }, { retryAfterMs: 3000 });
    scheduler.run(({ cold, expectObservable }) => {
      const request = get(`${ROOT}/x`, { trace: tracer, retryOf: () => ({ delayMs: 3000, retryAfterMs: 3000 }) });
      expectObservable(traceInterceptor(request, restOfChain(() => cold<never>('-#', undefined, error)))).toBe('-#', undefined, error);
    });
    expect(seen[1]).toEqual(['end', { error: 'GraphHttpError', status: 429, code: 'TooManyRequests', retryInMs: 3000, retryAfterMs: 3000 }]);
  });

  it('an attempt unsubscribed before its answer is reported cancelled, once', () => {
    const { seen, tracer } = recorder();
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const hanging = cold<HttpResponse>('-');
      expectObservable(traceInterceptor(get(undefined, { trace: tracer }), restOfChain(() => hanging)), '^-!').toBe('');
      expectSubscriptions(hanging.subscriptions).toBe('^-!');
    });
    expect(seen.map(([what]) => what)).toEqual(['attempt', 'end']);
    expect(seen[1]).toEqual(['end', { cancelled: true }]);
  });

  it('a request without a tracer passes through untouched: the same Observable, nothing added', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold }) => {
      const answer = cold('(r|)', { r: ok() });
      expect(traceInterceptor(get(), restOfChain(() => answer))).toBe(answer);
    });
  });
});
