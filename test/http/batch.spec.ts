import { AsyncLocalStorage } from 'node:async_hooks';
import { asyncScheduler, config, delay, lastValueFrom, merge, Observable, of, takeUntil, timer, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createGraphClient } from '../../src/client';
import { graphAccepted, graphJson, marbleTransport, scriptedTransport } from '../../src/testing';
import type { HttpRequest, HttpResponse } from '../../src/http/transport';
import { accepted, fakeTransport, graphError, json } from '../helpers/fake-transport';
import { ROOT, runVirtual, virtualClient } from '../helpers/virtual-client';

/** A Graph that answers starts, polls (succeeded after `runningPolls`) and $batch the way Graph documents it. */
function graphWithBatch(options: { itemAnswer?: (url: string, n: number) => { status: number; headers?: Record<string, string>; body?: unknown } | undefined; batchAnswer?: (n: number) => HttpResponse | undefined } = {}) {
  const polls = new Map<string, number>();
  let batches = 0;
  const poll = (url: string) => {
    const n = (polls.get(url) ?? 0) + 1;
    polls.set(url, n);
    return options.itemAnswer?.(url, n) ?? { status: 200, body: { status: n < 2 ? 'running' : 'succeeded' } };
  };
  return (req: HttpRequest): Observable<HttpResponse> => {
    if (req.method === 'POST' && req.url.endsWith('/$batch')) {
      const special = options.batchAnswer?.(++batches);
      if (special) return of(special);
      const { requests } = JSON.parse(req.body!) as { requests: { id: string; url: string; headers?: Record<string, string> }[] };
      return of(json(200, { responses: requests.map((r) => ({ id: r.id, ...poll(`${ROOT}${r.url}`) })) }));
    }
    if (req.method === 'POST') return of(accepted(`${ROOT}/ops${req.url.slice(ROOT.length)}`));
    const answer = poll(req.url);
    return of(json(answer.status, answer.body ?? {}, answer.headers));
  };
}

const start = (graph: ReturnType<typeof virtualClient>['graph'], name: string, headers?: Record<string, string>) =>
  graph.operation({ request: { method: 'POST', url: `/${name}` }, ...(headers ? { pollHeaders: headers } : {}) });

describe('$batch coalescing', () => {
  it('polls falling due together travel as one $batch of relative GETs, each with its own headers', () => {
    const { scheduler, graph, transport } = virtualClient(graphWithBatch(), { batch: { windowMs: 50 } });
    const run = runVirtual(scheduler, merge(...['a', 'b', 'c'].map((n) => start(graph, n, { 'workbook-session-id': `s-${n}` }))));
    expect(run.values.filter((e) => e.type === 'succeeded')).toHaveLength(3);
    const batches = transport.log.filter((r) => r.url === `${ROOT}/$batch`);
    expect(batches).toHaveLength(2); // first poll (running) and second (succeeded), three items each
    expect(JSON.parse(batches[0]!.body!)).toEqual({
      requests: ['a', 'b', 'c'].map((n, i) => ({ id: String(i + 1), method: 'GET', url: `/ops/${n}`, headers: { 'workbook-session-id': `s-${n}` } })),
    });
    // Due at 100 ms (the poll interval), sent at 150 ms (the window): the window is the only delay added.
    expect(batches.map((r) => r.at)).toEqual([150, 300]);
    expect(transport.log.filter((r) => r.method === 'GET')).toHaveLength(0);
  });

  it("a spec's own Authorization poll header never travels inside a batch, as it never goes on a single request", () => {
    const { scheduler, graph, transport } = virtualClient(graphWithBatch(), { batch: { windowMs: 50 } });
    runVirtual(scheduler, merge(start(graph, 'a', { Authorization: 'Bearer someone-else', 'workbook-session-id': 's' }), start(graph, 'b')));
    const batch = transport.log.find((r) => r.url.endsWith('/$batch'))!;
    expect(batch.body).not.toContain('someone-else');
    expect(JSON.parse(batch.body!).requests[0].headers).toEqual({ 'workbook-session-id': 's' });
  });

  it('at most maxSize (20) per batch; a lone poll goes as it is', () => {
    const { scheduler, graph, transport } = virtualClient(graphWithBatch(), { batch: { windowMs: 10 } });
    runVirtual(scheduler, merge(...Array.from({ length: 45 }, (_, i) => start(graph, `op${i}`))));
    const sizes = transport.log.filter((r) => r.url.endsWith('/$batch')).map((r) => (JSON.parse(r.body!) as { requests: unknown[] }).requests.length);
    // Two rounds of polls (running, then succeeded), 45 = 20 + 20 + 5 each.
    expect(sizes).toEqual([20, 20, 5, 20, 20, 5]);
    expect(transport.log.filter((r) => r.method === 'GET')).toHaveLength(0);

    const lone = virtualClient(graphWithBatch(), { batch: { windowMs: 10 } });
    runVirtual(lone.scheduler, start(lone.graph, 'only'));
    expect(lone.transport.log.map((r) => `${r.method} ${r.url.slice(ROOT.length)}`)).toEqual(['POST /only', 'GET /ops/only', 'GET /ops/only']);
  });

  it('monitors on other hosts and requests without the token are never batched', () => {
    const monitor = 'https://contoso.sharepoint.com/monitor/1';
    const { scheduler, graph, transport } = virtualClient(
      (req) => (req.method === 'POST' ? of(accepted(monitor)) : of(json(202, { status: 'completed', resourceId: 'x' }))),
      { batch: { windowMs: 10 } },
    );
    runVirtual(scheduler, merge(start(graph, 'a'), graph.operation({ request: { method: 'POST', url: '/b' }, pollAuth: 'none' })));
    expect(transport.log.filter((r) => r.url.endsWith('/$batch'))).toHaveLength(0);
    expect(transport.log.filter((r) => r.url === monitor)).toHaveLength(2);
  });

  it("an item throttled on its own (429 + Retry-After) is sent again alone after its Retry-After; the others are not held", () => {
    const { scheduler, graph, transport } = virtualClient(
      graphWithBatch({ itemAnswer: (url, n) => (url.endsWith('/b') && n === 1 ? { status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'TooManyRequests' } } } : undefined) }),
      { batch: { windowMs: 50 } },
    );
    const run = runVirtual(scheduler, merge(start(graph, 'a'), start(graph, 'b')));
    expect(run.values.filter((e) => e.type === 'succeeded')).toHaveLength(2);
    const alone = transport.log.filter((r) => r.method === 'GET');
    // b alone at 150 + 2000 ms; a's second poll (at 300) found no company in its window and went alone too.
    expect(alone.map((r) => [r.url, r.at])).toEqual([
      [`${ROOT}/ops/a`, 300],
      [`${ROOT}/ops/b`, 150 + 2000],
    ]);
  });

  it('an item that fails for good fails its operation as a single request would (classified by sending it alone)', () => {
    const { scheduler, graph } = virtualClient(graphWithBatch({ itemAnswer: (url) => (url.endsWith('/b') ? { status: 403, body: { error: { code: 'accessDenied', message: 'no' } } } : undefined) }), {
      batch: { windowMs: 50 },
    });
    const a = runVirtual(scheduler, start(graph, 'a'));
    const b = runVirtual(scheduler, start(graph, 'b'));
    expect(a.error).toBeUndefined();
    expect(b.error).toMatchObject({ name: 'GraphHttpError', status: 403, code: 'accessDenied' });
  });

  it('a batch request that fails is retried as a whole; one that keeps failing hands each item to a single request', () => {
    const retried = virtualClient(graphWithBatch({ batchAnswer: (n) => (n === 1 ? graphError(503, 'serviceNotAvailable') : undefined) }), { batch: { windowMs: 50 } });
    const r1 = runVirtual(retried.scheduler, merge(start(retried.graph, 'a'), start(retried.graph, 'b')));
    expect(r1.values.filter((e) => e.type === 'succeeded')).toHaveLength(2);
    expect(retried.transport.log.filter((r) => r.url.endsWith('/$batch')).length).toBeGreaterThanOrEqual(2);

    const broken = virtualClient(graphWithBatch({ batchAnswer: () => graphError(400, 'BadRequest') }), { batch: { windowMs: 50 } });
    const r2 = runVirtual(broken.scheduler, merge(start(broken.graph, 'a'), start(broken.graph, 'b')));
    expect(r2.values.filter((e) => e.type === 'succeeded')).toHaveLength(2);
    expect(broken.transport.log.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(2);
  });

  it("one operation's unsubscribe drops its item; unsubscribing all aborts the batch in flight", () => {
    const slow = (req: HttpRequest): Observable<HttpResponse> =>
      req.url.endsWith('/$batch') ? new Observable<HttpResponse>(() => undefined) : of(accepted(`${ROOT}/ops${req.url.slice(ROOT.length)}`));
    const { scheduler, graph, transport } = virtualClient(slow, { batch: { windowMs: 50 } });
    // Unsubscribed at 120 ms: the polls are pending (due at 100, the window closes at 150): nothing is sent.
    runVirtual(scheduler, merge(start(graph, 'a'), start(graph, 'b')), 120);
    expect(transport.log.filter((r) => r.url.endsWith('/$batch'))).toHaveLength(0);
    expect(scheduler.actions).toHaveLength(0);
    // Unsubscribed at 200 ms: the batch is in flight, and aborted.
    runVirtual(scheduler, merge(start(graph, 'c'), start(graph, 'd')), 200);
    const batch = transport.log.filter((r) => r.url.endsWith('/$batch'));
    expect(batch).toHaveLength(1);
    expect(batch[0]!.aborted).toBe(true);
  });

  it('with a request budget, a batch of n costs n', () => {
    const { scheduler, graph, transport } = virtualClient(graphWithBatch(), { batch: { windowMs: 50 }, requestBudget: { limit: 2, intervalMs: 1000 } });
    runVirtual(scheduler, merge(start(graph, 'a'), start(graph, 'b')));
    // The starts take both tokens at 0; the batch of 2 is due at 150 but the bucket holds 2 again only at 1000.
    expect(transport.log.map((r) => `${r.at} ${r.method} ${r.url.slice(ROOT.length)}`).slice(0, 3)).toEqual(['0 POST /a', '0 POST /b', '1000 POST /$batch']);
  });

  it.each([
    [{ maxSize: 21 }, /batch.maxSize/],
    [{ windowMs: -1 }, /batch.windowMs/],
    [{ window: 5 }, /window/],
    [{ timeoutMs: 0 }, /batch.timeoutMs must be a number of milliseconds above 0/],
    [{ timeoutMs: '5s' }, /batch.timeoutMs/],
    [{ timeoutMs: Infinity }, /batch.timeoutMs/],
  ])('a malformed batch option %p is refused', (batch, message) => {
    expect(() => virtualClient(() => of(json(200, {})), { batch: batch as never })).toThrow(message);
  });
});

/** The answer a hostile proxy gives to the first $batch (items a, b, c: ids 1, 2, 3); everything after it is Graph's own. */
function graphBehindHostileProxy(firstBatch: string) {
  let batches = 0;
  const own = (url: string) => ({ status: 200, body: { status: 'succeeded', who: /\/ops\/(\w+)$/.exec(url)![1] } });
  return (req: HttpRequest): Observable<HttpResponse> => {
    if (req.method === 'POST' && req.url.endsWith('/$batch')) {
      if (++batches === 1) return of(json(200, firstBatch));
      const { requests } = JSON.parse(req.body!) as { requests: { id: string; url: string }[] };
      return of(json(200, { responses: requests.map((r) => ({ id: r.id, ...own(r.url) })) }));
    }
    if (req.method === 'POST') return of(accepted(`${ROOT}/ops${req.url.slice(ROOT.length)}`));
    const answer = own(req.url);
    return of(json(answer.status, answer.body));
  };
}

const entry = (id: string, who: string, extra = '') => `{"id":"${id}","status":200,"headers":{"Content-Type":"application/json"}${extra},"body":{"status":"succeeded","who":"${who}"}}`;
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('a hostile $batch answer (a proxy, or a broken Graph, writes it)', () => {
  const unhandled: unknown[] = [];
  beforeAll(() => (config.onUnhandledError = (error) => unhandled.push(error)));
  afterAll(() => (config.onUnhandledError = null));
  beforeEach(() => (unhandled.length = 0));

  // Each row: the first $batch's answer for items a, b, c (ids "1", "2", "3"), and which items
  // must therefore be sent alone at once (at 150 ms). Whatever the row, every operation gets
  // its own answer, exactly once, and nothing escapes.
  it.each<[string, string, string[]]>([
    ['a well-formed answer', `{"responses":[${entry('1', 'a')},${entry('2', 'b')},${entry('3', 'c')}]}`, []],
    ['an id repeated (one operation would get another\'s answer)', `{"responses":[${entry('1', 'a')},${entry('1', 'b')},${entry('3', 'c')}]}`, ['a', 'b']],
    ['an id repeated with the same answer', `{"responses":[${entry('1', 'a')},${entry('1', 'a')},${entry('2', 'b')},${entry('3', 'c')}]}`, ['a']],
    ['an id left out', `{"responses":[${entry('2', 'b')},${entry('3', 'c')}]}`, ['a']],
    ['ids never asked ("0", "4", "01", " 1", 1, null, "__proto__")', `{"responses":[${entry('0', 'x')},${entry('4', 'x')},${entry('01', 'x')},${entry(' 1', 'x')},{"id":1,"status":200,"body":{"status":"succeeded","who":"x"}},{"id":null},{"id":"__proto__","status":200},${entry('1', 'a')},${entry('2', 'b')},${entry('3', 'c')}]}`, []],
    ['entries that are not objects', `{"responses":[1,null,"x",[],true,${entry('1', 'a')},${entry('2', 'b')},${entry('3', 'c')}]}`, []],
    ['responses that is not an array', `{"responses":{"1":${entry('1', 'a')}}}`, ['a', 'b', 'c']],
    ['no responses at all', '{"value":[]}', ['a', 'b', 'c']],
    ['a body that is not JSON', '<html><body>Bad gateway</body></html>', ['a', 'b', 'c']],
    ['JSON null', 'null', ['a', 'b', 'c']],
    ['statuses that are not whole numbers from 100 to 599 ("200", 200.5, 600)', `{"responses":[${entry('1', 'a').replace('200', '"200"')},${entry('2', 'b').replace('200', '200.5')},${entry('3', 'c').replace('200', '600')}]}`, ['a', 'b', 'c']],
    ['statuses 99, 1e400 (Infinity) and null', `{"responses":[${entry('1', 'a').replace('200', '99')},${entry('2', 'b').replace('200', '1e400')},${entry('3', 'c').replace('200', 'null')}]}`, ['a', 'b', 'c']],
    ['headers that are not maps of strings', `{"responses":[${entry('1', 'a').replace('{"Content-Type":"application/json"}', '[]')},${entry('2', 'b').replace('"application/json"', '5')},${entry('3', 'c').replace('{"Content-Type":"application/json"}', '"x"')}]}`, ['a', 'b', 'c']],
    ['a 2xx body nested 5,000 deep (JSON.stringify cannot write it back)', `{"responses":[${entry('1', 'a').replace(/"body":.*}$/, `"body":${deepArray(5000)}}`)},${entry('2', 'b')},${entry('3', 'c')}]}`, ['a']],
    ['a 2xx body nested 5,000 deep, as an object', `{"responses":[${entry('1', 'a').replace(/"body":.*}$/, `"body":${'{"x":'.repeat(5000)}1${'}'.repeat(5000)}}`)},${entry('2', 'b')},${entry('3', 'c')}]}`, ['a']],
    ['headers nested 5,000 deep', `{"responses":[${entry('1', 'a').replace('{"Content-Type":"application/json"}', `{"x":${deepArray(5000)}}`)},${entry('2', 'b')},${entry('3', 'c')}]}`, ['a']],
  ])('%s: every operation gets its own answer; items concerned go alone at once (%#)', (_what, body, aloneExpected) => {
    const { scheduler, graph, transport } = virtualClient(graphBehindHostileProxy(body), { batch: { windowMs: 50 } });
    const run = runVirtual(scheduler, merge(...['a', 'b', 'c'].map((n) => start(graph, n))));
    expect(unhandled).toEqual([]);
    expect(run.error).toBeUndefined();
    const results = run.values.flatMap((e) => (e.type === 'succeeded' ? [(e.result as { who: string }).who] : []));
    expect(results.sort()).toEqual(['a', 'b', 'c']);
    const alone = transport.log.filter((r) => r.method === 'GET' && r.at === 150).map((r) => r.url.slice(`${ROOT}/ops/`.length));
    expect(alone.sort()).toEqual(aloneExpected);
  });

  it("what one item's entry says (a Retry-After, a status) reaches no other item", () => {
    const body = `{"responses":[${entry('1', 'a').replace('200', '429').replace('"Content-Type":"application/json"', '"Retry-After":"9"')},${entry('2', 'b')},${entry('3', 'c')}]}`;
    const { scheduler, graph, transport } = virtualClient(graphBehindHostileProxy(body), { batch: { windowMs: 50 } });
    const run = runVirtual(scheduler, merge(...['a', 'b', 'c'].map((n) => start(graph, n))));
    const done = run.events.filter((e) => e.value.type === 'succeeded').map((e) => [(e.value as { result: { who: string } }).result.who, e.at]);
    expect(done.sort()).toEqual([['a', 150 + 9000], ['b', 150], ['c', 150]]);
    expect(transport.log.filter((r) => r.method === 'GET').map((r) => [r.url.slice(ROOT.length), r.at])).toEqual([['/ops/a', 150 + 9000]]);
  });

  it.each<[string, number[], number, number]>([
    // [the client's retry.statuses, the item's status, when it goes alone]
    ['503 is not in retry.statuses: the item goes alone at once, as a single request would not wait', [429, 504], 503, 150],
    ['500 is in retry.statuses: the item waits its Retry-After, as a single request would', [429, 500, 503, 504], 500, 150 + 2000],
  ])('%s', (_what, statuses, status, at) => {
    const { scheduler, graph, transport } = virtualClient(
      graphWithBatch({ itemAnswer: (url, n) => (url.endsWith('/b') && n === 1 ? { status, headers: { 'Retry-After': '2' }, body: { error: { code: 'x' } } } : undefined) }),
      { batch: { windowMs: 50 }, retry: { baseDelayMs: 50, random: () => 1, statuses } },
    );
    const run = runVirtual(scheduler, merge(start(graph, 'a'), start(graph, 'b')));
    expect(run.values.filter((e) => e.type === 'succeeded')).toHaveLength(2);
    expect(transport.log.filter((r) => r.method === 'GET' && r.url.endsWith('/ops/b')).map((r) => r.at)).toEqual([at]);
  });
});

describe('a $batch endpoint that hangs or fails', () => {
  /** Graph whose $batch never answers before `fixedAt` (virtual ms); everything else is answered at once. */
  function hangingBatchClient(over: Parameters<typeof virtualClient>[1], fixedAt = Infinity, graph = graphWithBatch()) {
    let now = () => 0;
    const abortedAt: number[] = [];
    const hang = new Observable<HttpResponse>(() => () => abortedAt.push(now()));
    const client = virtualClient((req) => (req.url.endsWith('/$batch') && now() < fixedAt ? hang : graph(req)), over);
    now = () => client.scheduler.now();
    return { ...client, abortedAt };
  }
  const sent = (log: { at: number; method: string; url: string; aborted: boolean }[]) =>
    log.filter((r) => r.method === 'GET' || r.url.endsWith('/$batch')).map((r) => `${r.at} ${r.method} ${r.url.slice(ROOT.length)}${r.aborted ? ' (aborted)' : ''}`);

  it('items go alone once the batch outlives batch.timeoutMs (not requestTimeoutMs for every retry); the batch is aborted and polls go alone for the pause', () => {
    const { scheduler, graph, transport, abortedAt } = hangingBatchClient({ batch: { windowMs: 50, timeoutMs: 1000 } });
    const run = runVirtual(scheduler, merge(start(graph, 'a'), start(graph, 'b')));
    expect(run.values.filter((e) => e.type === 'succeeded')).toHaveLength(2);
    expect(abortedAt).toEqual([1150]);
    expect(sent(transport.log)).toEqual([
      '150 POST /$batch (aborted)',
      // Alone at 150 + 1000, not after 5 × 100 s.
      '1150 GET /ops/a',
      '1150 GET /ops/b',
      // The second polls, due 100 ms later, go alone at once: no window, no batch.
      '1250 GET /ops/a',
      '1250 GET /ops/b',
    ]);
    expect(scheduler.actions).toHaveLength(0);
  });

  it('the bound defaults to 5 s, and is never longer than requestTimeoutMs', () => {
    const byDefault = hangingBatchClient({ batch: { windowMs: 50 } });
    runVirtual(byDefault.scheduler, merge(start(byDefault.graph, 'a'), start(byDefault.graph, 'b')));
    expect(sent(byDefault.transport.log).slice(0, 2)).toEqual(['150 POST /$batch (aborted)', '5150 GET /ops/a']);
    const short = hangingBatchClient({ batch: { windowMs: 50 }, requestTimeoutMs: 300 });
    runVirtual(short.scheduler, merge(start(short.graph, 'a'), start(short.graph, 'b')));
    // At 450 the batch is abandoned, not retried after the executor's own 300 ms bound.
    expect(sent(short.transport.log).slice(0, 2)).toEqual(['150 POST /$batch (aborted)', '450 GET /ops/a']);
  });

  it('after the pause (60 s), polls are batched again', () => {
    // The $batch endpoint hangs until 30 s, then works; the operations run for five polls, 20 s apart.
    const graph = graphWithBatch({ itemAnswer: (_url, n) => (n < 5 ? { status: 200, body: { status: 'running' } } : undefined) });
    const { scheduler, graph: client, transport } = hangingBatchClient(
      { batch: { windowMs: 50, timeoutMs: 1000 }, poll: { intervalMs: 20_000, maxIntervalMs: 20_000, backoffFactor: 1 } },
      30_000,
      graph,
    );
    const run = runVirtual(scheduler, merge(start(client, 'a'), start(client, 'b')));
    expect(run.values.filter((e) => e.type === 'succeeded')).toHaveLength(2);
    expect(sent(transport.log)).toEqual([
      '20050 POST /$batch (aborted)',
      '21050 GET /ops/a',
      '21050 GET /ops/b',
      // Paused until 21 050 + 60 000.
      '41050 GET /ops/a',
      '41050 GET /ops/b',
      '61050 GET /ops/a',
      '61050 GET /ops/b',
      '81100 POST /$batch',
      '101150 POST /$batch',
    ]);
  });

  it('a batch that waits for the request budget starts its bound when it goes', () => {
    // 3 requests per 3 s: the starts take two at 0; the batch (cost 2) waits about 1000 ms for a second one.
    const { scheduler, graph, transport, abortedAt } = hangingBatchClient({ batch: { windowMs: 50, timeoutMs: 500 }, requestBudget: { limit: 3, intervalMs: 3000 } });
    runVirtual(scheduler, merge(start(graph, 'a'), start(graph, 'b')));
    // Bounded from when it went (1001), not from 150, when it was queued.
    expect(sent(transport.log)[0]).toBe('1001 POST /$batch (aborted)');
    expect(abortedAt).toEqual([1001 + 500]);
  });

  it('a batch that fails after its retries pauses batching too', () => {
    const { scheduler, graph, transport } = virtualClient(graphWithBatch({ batchAnswer: () => graphError(400, 'BadRequest') }), { batch: { windowMs: 50 } });
    runVirtual(scheduler, merge(start(graph, 'a'), start(graph, 'b')));
    expect(sent(transport.log)).toEqual(['150 POST /$batch', '150 GET /ops/a', '150 GET /ops/b', '250 GET /ops/a', '250 GET /ops/b']);
  });

  it('cancelling every operation while the batch hangs aborts it and leaves no timer', () => {
    const { scheduler, graph, transport, abortedAt } = hangingBatchClient({ batch: { windowMs: 50, timeoutMs: 1000 } });
    runVirtual(scheduler, merge(start(graph, 'a'), start(graph, 'b')), 500);
    expect(sent(transport.log)).toEqual(['150 POST /$batch (aborted)']);
    expect(abortedAt).toEqual([500]);
    expect(scheduler.actions).toHaveLength(0);
  });
});

describe('$batch in marbles', () => {
  it('two operations: polls due at 101 ms go together at 121 ms (window 20), answered at 122', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const batchAnswer = graphJson({ responses: [{ id: '1', status: 200, body: { status: 'succeeded' } }, { id: '2', status: 200, body: { status: 'succeeded' } }] });
      const transport = marbleTransport(scheduler, cold, {
        'POST /a': [{ marble: '-(x|)', values: { x: graphAccepted(`${ROOT}/ops/a`) } }],
        'POST /b': [{ marble: '-(x|)', values: { x: graphAccepted(`${ROOT}/ops/b`) } }],
        'POST /$batch': [{ marble: '-(r|)', values: { r: batchAnswer } }],
      });
      const graph = createGraphClient({ token: 't', transport, scheduler, poll: { intervalMs: 100 }, batch: { windowMs: 20 } });
      const events = { a: expect.objectContaining({ type: 'accepted' }), s: { type: 'status', status: 'succeeded' }, d: { type: 'succeeded', result: { status: 'succeeded' } } };
      expectObservable(graph.operation({ request: { method: 'POST', url: '/a' } }), '^ 1s !').toBe('-a 120ms (sd|)', events);
      expectObservable(graph.operation({ request: { method: 'POST', url: '/b' } }), '^ 1s !').toBe('-a 120ms (sd|)', events);
      scheduler.flush();
      expect(transport.requests.map((r) => `${r.at} ${r.method} ${r.url.slice(ROOT.length)}`)).toEqual(['0 POST /a', '0 POST /b', '121 POST /$batch']);
    });
  });

  it('a $batch that hangs is unsubscribed at its bound (sent at 121, timeoutMs 1000) and its polls go alone then', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const hanging = cold<HttpResponse>('-');
      const transport = scriptedTransport(scheduler, (req) => {
        if (req.url.endsWith('/$batch')) return hanging;
        if (req.method === 'POST') return cold('-(x|)', { x: graphAccepted(`${ROOT}/ops${req.url.slice(ROOT.length)}`) });
        return cold('-(x|)', { x: graphJson({ status: 'succeeded' }) });
      });
      const graph = createGraphClient({ token: 't', transport, scheduler, poll: { intervalMs: 100 }, batch: { windowMs: 20, timeoutMs: 1000 } });
      const events = { a: expect.objectContaining({ type: 'accepted' }), s: { type: 'status', status: 'succeeded' }, d: { type: 'succeeded', result: { status: 'succeeded' } } };
      expectObservable(graph.operation({ request: { method: 'POST', url: '/a' } }), '^ 2s !').toBe('-a 1120ms (sd|)', events);
      expectObservable(graph.operation({ request: { method: 'POST', url: '/b' } }), '^ 2s !').toBe('-a 1120ms (sd|)', events);
      expectSubscriptions(hanging.subscriptions).toBe('121ms ^ 999ms !');
      scheduler.flush();
      expect(transport.requests.map((r) => `${r.at} ${r.method} ${r.url.slice(ROOT.length)}`)).toEqual(['0 POST /a', '0 POST /b', '121 POST /$batch', '1121 GET /ops/a', '1121 GET /ops/b']);
    });
  });

  describe('a token source that reads whose request it is from the caller\'s context', () => {
    const user = new AsyncLocalStorage<string>();
    // The core finds AsyncLocalStorage.snapshot by itself (Node 20.16 and later, the package's engines):
    // nothing is handed over here. Where it cannot, createGraphClient refuses (test/integration/token-context.int.spec.ts).
    /** The operation subscribed inside the user's context, as a web API's request handler would. */
    const as = <T>(name: string, source: Observable<T>) => new Observable<T>((subscriber) => user.run(name, () => source.subscribe(subscriber)));
    const tokenOfCaller = ({ forceRefresh }: { forceRefresh: boolean }) => `token-of-${user.getStore() ?? 'nobody'}${forceRefresh ? '-fresh' : ''}`;

    // Real time, not virtual: a virtual scheduler runs every action from its own flush, outside any
    // caller's context, while real timers carry the context of whoever set them, as in production.
    it("a batch carries only items that need the very same token; each user's items go under that user's token", async () => {
      const transport = fakeTransport(asyncScheduler, graphWithBatch());
      const graph = createGraphClient({ token: tokenOfCaller, transport, poll: { intervalMs: 5, backoffFactor: 1 }, batch: { windowMs: 20 } });
      const events = await lastValueFrom(
        merge(as('alice', start(graph, 'alice-1')), as('alice', start(graph, 'alice-2')), as('bob', start(graph, 'bob-1'))).pipe(toArray()),
      );
      expect(events.filter((e) => e.type === 'succeeded')).toHaveLength(3);
      const polls = transport.log.filter((r) => r.method === 'GET' || r.url.endsWith('/$batch'));
      for (const r of polls) {
        const items = r.url.endsWith('/$batch') ? (JSON.parse(r.body!) as { requests: { url: string }[] }).requests.map((i) => i.url) : [r.url];
        const owners = [...new Set(items.map((url) => /\/(alice|bob)-/.exec(url)![1]))];
        expect({ items, owners, authorization: r.headers['authorization'] }).toEqual({ items, owners: [owners[0]], authorization: `Bearer token-of-${owners[0]}` });
      }
      // Alice's two polls still share a batch.
      expect(transport.log.filter((r) => r.url.endsWith('/$batch')).length).toBeGreaterThan(0);
    });

    it('a token that is slow to come holds only its own request: the others travel at once; it follows when its token comes', () => {
      let calls = 0;
      // Calls 1-3: the starts. Calls 4-6: the polls' tokens, each asked for when its poll falls due (100); the fifth takes 500 ms.
      const token = () => (++calls === 5 ? of('same-token').pipe(delay(500, scheduler)) : of('same-token'));
      const { scheduler, graph, transport } = virtualClient(graphWithBatch(), { batch: { windowMs: 50 }, token });
      const run = runVirtual(scheduler, merge(start(graph, 'a'), start(graph, 'b'), start(graph, 'c')));
      expect(run.values.filter((e) => e.type === 'succeeded')).toHaveLength(3);
      const first = transport.log.filter((r) => r.at > 0 && r.at <= 650).map((r) => `${r.at} ${r.method} ${r.url.slice(ROOT.length)}`);
      // a and c go at the window's end (150), not held for b, and again at 300; b, whose token came at 600, alone at the end of its own window.
      expect(first).toEqual(['150 POST /$batch', '300 POST /$batch', '650 GET /ops/b']);
      expect(JSON.parse(transport.log.find((r) => r.at === 150)!.body!).requests.map((r: { url: string }) => r.url)).toEqual(['/ops/a', '/ops/c']);
    });

    it('an operation cancelled while its token is asked for leaves nothing behind; the others still go', () => {
      const askedAt: number[] = [];
      const slowToken = (request: { forceRefresh: boolean }) =>
        new Observable<string>((subscriber) => {
          askedAt.push(scheduler.now());
          const token = tokenOfCaller(request);
          return scheduler.schedule(() => {
            subscriber.next(token);
            subscriber.complete();
          }, 30);
        });
      const { scheduler, graph, transport } = virtualClient(graphWithBatch(), { batch: { windowMs: 50 }, token: slowToken });
      // Starts sent at 30 (their tokens take 30 ms), polls due at 130, where both tokens are asked
      // for again, answered at 160, flushed at 210: alice-2 is cancelled at 145, in between.
      const run = runVirtual(scheduler, merge(as('alice', start(graph, 'alice-1')), as('alice', start(graph, 'alice-2')).pipe(takeUntil(timer(145, scheduler)))));
      expect(askedAt.filter((at) => at === 130)).toHaveLength(2);
      expect(run.values.filter((e) => e.type === 'succeeded')).toHaveLength(1);
      expect(transport.log.filter((r) => r.url.includes('alice-2')).map((r) => r.at)).toEqual([30]); // its start, nothing after
      expect(transport.log.some((r) => r.url.includes('alice-1') && r.at >= 210)).toBe(true);
      expect(scheduler.actions).toHaveLength(0);
    });
  });
});

