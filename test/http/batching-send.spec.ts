import { AsyncLocalStorage } from 'node:async_hooks';
import { asyncScheduler, lastValueFrom, merge, NEVER, Observable, of, takeUntil, timer, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createGraphClient } from '../../src/client';
import { graphAccepted, graphJson, marbleTransport } from '../../src/testing';
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
  ])('a malformed batch option %p is refused', (batch, message) => {
    expect(() => virtualClient(() => of(json(200, {})), { batch: batch as never })).toThrow(message);
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

    it('a token that does not come within the window sends its item alone; the others are not held', () => {
      let calls = 0;
      // Calls 1-3: the starts. Calls 4-6: the items' tokens at the flush; the fifth never answers.
      const token = () => (++calls === 5 ? NEVER : of('same-token'));
      const { scheduler, graph, transport } = virtualClient(graphWithBatch(), { batch: { windowMs: 50 }, token });
      const run = runVirtual(scheduler, merge(start(graph, 'a'), start(graph, 'b'), start(graph, 'c')));
      expect(run.values.filter((e) => e.type === 'succeeded')).toHaveLength(3);
      const first = transport.log.filter((r) => r.at === 150 || r.at === 200).map((r) => `${r.at} ${r.method} ${r.url.slice(ROOT.length)}`);
      // Due at 100, flushed at 150: the two answered items wait for the slow one at most the window, then go.
      expect(first.sort()).toEqual(['200 GET /ops/b', '200 POST /$batch']);
    });

    it('an operation cancelled while the tokens are asked for leaves nothing behind; the others still go', () => {
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
      // Starts sent at 30 (their tokens take 30 ms), polls due at 130, flushed at 180 where both
      // tokens are asked for again, answered at 210: alice-2 is cancelled at 195, in between.
      const run = runVirtual(scheduler, merge(as('alice', start(graph, 'alice-1')), as('alice', start(graph, 'alice-2')).pipe(takeUntil(timer(195, scheduler)))));
      expect(askedAt.filter((at) => at === 180)).toHaveLength(2);
      expect(run.values.filter((e) => e.type === 'succeeded')).toHaveLength(1);
      expect(transport.log.filter((r) => r.url.includes('alice-2')).map((r) => r.at)).toEqual([30]); // its start, nothing after
      expect(transport.log.some((r) => r.url.includes('alice-1') && r.at >= 210)).toBe(true);
    });
  });
});

