import { batchInterceptor } from '../../../src/http/interceptors/batch';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/policy/retry-policy';
import { graphJson } from '../../../src/testing';
import { get, ok, restOfChain, ROOT } from '../../helpers/chain';
import { testScheduler } from '../../helpers/marbles';

const retry = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10, random: () => 1 };
const answers = (...entries: { id: string; status: number; body?: unknown; headers?: Record<string, string> }[]) => graphJson({ responses: entries });

describe('the batch step, in marbles', () => {
  it('GETs due within the window go as one $batch carrying their token; each item gets its own answer', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const batch = cold('-(r|)', { r: answers({ id: '1', status: 200, body: { n: 1 } }, { id: '2', status: 200, body: { n: 2 } }) });
      const rest = restOfChain(() => batch);
      const step = batchInterceptor(ROOT, scheduler, retry, { windowMs: 20 });
      expectObservable(step(get(`${ROOT}/ops/1`, { token: 'T' }), rest)).toBe('21ms (a|)', { a: { status: 200, headers: {}, body: '{"n":1}' } });
      expectObservable(step(get(`${ROOT}/ops/2`, { token: 'T' }), rest)).toBe('21ms (b|)', { b: { status: 200, headers: {}, body: '{"n":2}' } });
      expectSubscriptions(batch.subscriptions).toBe('20ms ^!');
      scheduler.flush();
      expect(rest.requests.map((r) => [r.method, r.url, r.token, r.cost])).toEqual([['POST', `${ROOT}/$batch`, 'T', 2]]);
    });
  });

  it('items that carry different tokens never share a batch: each token its own (a batch of one goes alone)', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold }) => {
      const rest = restOfChain((request) =>
        request.url.endsWith('$batch') ? cold('-(r|)', { r: answers({ id: '1', status: 200 }, { id: '2', status: 200 }) }) : cold('-(r|)', { r: ok() }),
      );
      const step = batchInterceptor(ROOT, scheduler, retry, { windowMs: 20 });
      for (const [n, token] of [[1, 'alice'], [2, 'bob'], [3, 'alice']] as const) step(get(`${ROOT}/ops/${n}`, { token }), rest).subscribe();
      scheduler.flush();
      expect(rest.requests.map((r) => [r.method, r.url.slice(ROOT.length), r.token])).toEqual([
        ['POST', '/$batch', 'alice'],
        ['GET', '/ops/2', 'bob'],
      ]);
      expect(JSON.parse(JSON.stringify(rest.requests[0]!.body)).requests.map((r: { url: string }) => r.url)).toEqual(['/ops/1', '/ops/3']);
    });
  });

  it("an item whose entry is throttled goes alone after its Retry-After (the retry rule's wait); the other is answered at once", () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const batch = cold('-(r|)', { r: answers({ id: '1', status: 429, headers: { 'Retry-After': '1' } }, { id: '2', status: 200, body: {} }) });
      const alone = cold('-(a|)', { a: ok() });
      const rest = restOfChain((request) => (request.url.endsWith('$batch') ? batch : alone));
      const step = batchInterceptor(ROOT, scheduler, retry, { windowMs: 20 });
      expectObservable(step(get(`${ROOT}/ops/1`, { token: 'T' }), rest)).toBe('1022ms (a|)', { a: ok() });
      expectObservable(step(get(`${ROOT}/ops/2`, { token: 'T' }), rest)).toBe('21ms (b|)', { b: { status: 200, headers: {}, body: '{}' } });
      expectSubscriptions(alone.subscriptions).toBe('1021ms ^!');
    });
  });

  it('starts, monitors on other hosts and token-less requests are not batched: the same request goes down the chain as it is', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold }) => {
      const answer = cold('(r|)', { r: ok() });
      const rest = restOfChain(() => answer);
      const step = batchInterceptor(ROOT, scheduler, retry, { windowMs: 20 });
      for (const request of [get(`${ROOT}/x`, { method: 'POST' }), get('https://monitor.example/1'), get(`${ROOT}/x`, { auth: 'none' })]) {
        expect(step(request, rest)).toBe(answer);
      }
    });
  });

  it('one item unsubscribed before the window closes leaves the other to go alone; both gone, the window timer goes too', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const rest = restOfChain(() => cold('-(r|)', { r: ok() }));
      const step = batchInterceptor(ROOT, scheduler, retry, { windowMs: 20 });
      expectObservable(step(get(`${ROOT}/ops/1`, { token: 'T' }), rest), '^ 9ms !').toBe('');
      expectObservable(step(get(`${ROOT}/ops/2`, { token: 'T' }), rest)).toBe('21ms (r|)', { r: ok() });
      scheduler.flush();
      expect(rest.requests.map((r) => r.url)).toEqual([`${ROOT}/ops/2`]);
    });
    const quiet = testScheduler();
    quiet.run(({ cold, expectObservable }) => {
      const rest = restOfChain(() => cold('-(r|)', { r: ok() }));
      expectObservable(batchInterceptor(ROOT, quiet, retry, { windowMs: 20 })(get(`${ROOT}/ops/1`, { token: 'T' }), rest), '^ 9ms !').toBe('');
      quiet.flush();
      expect(rest.requests).toHaveLength(0);
      expect(quiet.actions).toHaveLength(0);
    });
  });
});
