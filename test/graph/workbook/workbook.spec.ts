import { catchError, map, merge, of, switchMap, take, toArray, type Observable } from 'rxjs';
import { result } from '../../../src/lro/operators/result';
import type { HttpRequest, HttpResponse } from '../../../src/http/transport';
import { GraphHttpError } from '../../../src/core/errors/graph-http-error';
import { SessionExpiredError } from '../../../src/core/errors/session-expired-error';
import { SessionInvalidError } from '../../../src/core/errors/session-invalid-error';
import type { WorkbookSession } from '../../../src/graph/workbook/workbook-types';
import { TestScheduler } from 'rxjs/testing';
import { createGraphClient } from '../../../src/client';
import { graphAccepted, graphJson, scriptedTransport } from '../../../src/testing';
import { accepted, graphError, json } from '../../helpers/fake-transport';
import { testScheduler } from '../../helpers/marbles';
import { ROOT, runVirtual, virtualClient } from '../../helpers/virtual-client';

const ITEM = `${ROOT}/me/drive/items/01ABC`;

interface FakeOptions {
  /** Latency of every answer. */
  latency?: number;
  /** Answer for a request, overriding the fake's own (return undefined to fall through). */
  override?: (req: HttpRequest, nth: number) => HttpResponse | undefined;
}

/** An in-memory workbook Graph: async createSession, rows add/delete, refresh/close, one poll to succeed. */
function workbookGraph(opts: FakeOptions = {}) {
  let sessions = 0;
  let ops = 0;
  const results = new Map<string, unknown>();
  const calls = new Map<string, number>();
  return (later: (r: HttpResponse, ms: number) => Observable<HttpResponse>) => (req: HttpRequest) => {
    const key = `${req.method} ${req.url.replace(/op-\d+/, 'op')}`;
    const nth = (calls.get(key) ?? 0) + 1;
    calls.set(key, nth);
    const answer = (): HttpResponse => {
      const custom = opts.override?.(req, nth);
      if (custom) return custom;
      const base = req.url.replace(/\/workbook\/.*$/, '/workbook');
      if (req.method === 'POST' && req.url.endsWith('/createSession')) {
        const op = `op-${++ops}`;
        results.set(op, { id: `session-${++sessions}`, persistChanges: JSON.parse(req.body!).persistChanges });
        return accepted(`${base}/operations/${op}`);
      }
      if (req.method === 'POST' && /\/rows$/.test(req.url)) {
        const op = `op-${++ops}`;
        results.set(op, { index: ops, values: JSON.parse(req.body!).values });
        return accepted(`${base}/operations/${op}`);
      }
      if (req.method === 'DELETE') return accepted(`${base}/operations/op-${++ops}`);
      const poll = /\/operations\/(op-\d+)$/.exec(req.url);
      if (poll) {
        const id = poll[1]!;
        const value = results.get(id) as { id?: string } | undefined;
        const where = value === undefined ? undefined : value.id ? 'sessionInfoResource' : 'tableRowOperationResult';
        return json(200, { id, status: 'succeeded', ...(where ? { resourceLocation: `${base}/${where}(key='${id}')` } : {}) });
      }
      const res = /\((?:key)='(op-\d+)'\)$/.exec(req.url);
      if (res) return json(200, results.get(res[1]!));
      if (/\/(refreshSession|closeSession)$/.test(req.url)) return { status: 204, headers: {}, body: '' };
      return graphError(404, 'itemNotFound');
    };
    return later(answer(), opts.latency ?? 0);
  };
}

function setup(opts: FakeOptions = {}) {
  let handler: (req: HttpRequest) => Observable<HttpResponse> = () => of(graphError(500, 'x'));
  const client = virtualClient((req) => handler(req));
  handler = workbookGraph(opts)(client.later);
  const requests = () => client.transport.log.map((r) => `${r.at} ${r.method} ${r.url.replace(ITEM, '').replace(/op-\d+/, 'op')}`);
  return { ...client, requests, book: client.graph.workbook('/me/drive/items/01ABC') };
}

describe('table rows', () => {
  it('addTableRow posts the values async and resolves the row from tableRowOperationResult', () => {
    const { scheduler, transport, book } = setup();
    const out = runVirtual(scheduler, book.addTableRow('Table 1', [[1, 'a'], [2, 'b']]).pipe(result()));
    expect(out.values).toEqual([{ index: 1, values: [[1, 'a'], [2, 'b']] }]);
    expect(transport.log[0]).toMatchObject({
      method: 'POST',
      url: `${ITEM}/workbook/tables/Table%201/rows`,
      body: '{"values":[[1,"a"],[2,"b"]]}',
      headers: { prefer: 'respond-async' },
    });
  });

  it('addTableRow does not repeat a POST after a 504, which may hide an added row', () => {
    const { scheduler, transport, book } = setup({ override: (r) => (r.method === 'POST' ? graphError(504, 'gatewayTimeout') : undefined) });
    const out = runVirtual(scheduler, book.addTableRow('T', [[1]]));
    expect(out.error).toBeInstanceOf(GraphHttpError);
    expect((out.error as GraphHttpError).status).toBe(504);
    expect(transport.log).toHaveLength(1);
  });

  it('addTableRow repeats after a 504 when the caller declares it idempotent, and always after 429', () => {
    const { scheduler, transport, book } = setup({
      override: (r, nth) => (r.method === 'POST' && nth === 1 ? graphError(504, 'gatewayTimeout') : r.method === 'POST' && nth === 2 ? graphError(429, 'TooManyRequests', { 'retry-after': '1' }) : undefined),
    });
    const out = runVirtual(scheduler, book.addTableRow('T', [[1]], { idempotent: true }).pipe(result()));
    expect(out.error).toBeUndefined();
    expect(transport.log.filter((r) => r.method === 'POST').map((r) => r.at)).toEqual([0, 50, 1050]);
  });

  it('deleteTableRow deletes by index; result() emits undefined', () => {
    const { scheduler, transport, book } = setup();
    const out = runVirtual(scheduler, book.deleteTableRow('T', 2).pipe(result()));
    expect(out.values).toEqual([undefined]);
    expect(out.completedAt).toBeDefined();
    expect(transport.log[0]).toMatchObject({ method: 'DELETE', url: `${ITEM}/workbook/tables/T/rows/itemAt(index=2)` });
  });

  it('deleteTableRow answered synchronously (204) succeeds with undefined', () => {
    const { scheduler, book } = setup({ override: (r) => (r.method === 'DELETE' ? { status: 204, headers: {}, body: '' } : undefined) });
    expect(runVirtual(scheduler, book.deleteTableRow('T', 0)).values).toEqual([{ type: 'succeeded', result: undefined }]);
  });

  it('rejects a bad table or index before sending anything', () => {
    const { book } = setup();
    expect(() => book.deleteTableRow('T', -1)).toThrow(RangeError);
    expect(() => book.addTableRow(' ', [[1]])).toThrow(TypeError);
  });

  it('a sessionId puts workbook-session-id on the request and on its polls', () => {
    const { scheduler, transport, book } = setup();
    runVirtual(scheduler, book.addTableRow('T', [[1]], { sessionId: 'S1' }));
    const withHeader = transport.log.filter((r) => r.headers['workbook-session-id'] === 'S1').map((r) => r.method);
    expect(withHeader).toEqual(['POST', 'GET', 'GET']);
  });
});

describe('writes to one workbook are serialized', () => {
  it('merged writes run one after another; each waits for the previous one to finish', () => {
    const { scheduler, requests, book } = setup({ latency: 10 });
    runVirtual(scheduler, merge(book.addTableRow('T', [[1]]), book.addTableRow('T', [[2]]), book.deleteTableRow('T', 0)));
    expect(requests()).toEqual([
      '0 POST /workbook/tables/T/rows',
      '110 GET /workbook/operations/op',
      "120 GET /workbook/tableRowOperationResult(key='op')",
      '130 POST /workbook/tables/T/rows',
      '240 GET /workbook/operations/op',
      "250 GET /workbook/tableRowOperationResult(key='op')",
      '260 DELETE /workbook/tables/T/rows/itemAt(index=0)',
      '370 GET /workbook/operations/op',
    ]);
  });

  it('two graph.workbook() objects of the same item share the queue', () => {
    const { scheduler, transport, graph } = setup({ latency: 10 });
    runVirtual(scheduler, merge(graph.workbook('/me/drive/items/01ABC').addTableRow('T', [[1]]), graph.workbook('/me/drive/items/01ABC/').addTableRow('T', [[2]])));
    expect(transport.log.filter((r) => r.method === 'POST').map((r) => r.at)).toEqual([0, 130]);
  });

  it('other workbooks, and reads, stay concurrent', () => {
    const { scheduler, transport, graph, book } = setup({ latency: 10 });
    runVirtual(scheduler, merge(book.addTableRow('T', [[1]]), graph.workbook('/me/drive/items/OTHER').addTableRow('T', [[2]]), book.createSession({ persistChanges: true })));
    expect(transport.log.filter((r) => r.method === 'POST').map((r) => r.at)).toEqual([0, 0, 0]);
  });

  it('serializeWrites: false opts out', () => {
    const { scheduler, transport, graph } = setup({ latency: 10 });
    const book = graph.workbook('/me/drive/items/01ABC', { serializeWrites: false });
    runVirtual(scheduler, merge(book.addTableRow('T', [[1]]), book.addTableRow('T', [[2]])));
    expect(transport.log.filter((r) => r.method === 'POST').map((r) => r.at)).toEqual([0, 0]);
  });

  it('a write unsubscribed while waiting never sends; the next one goes on', () => {
    const { scheduler, transport, book } = setup({ latency: 10 });
    scheduler.run(() => {
      book.addTableRow('T', [[1]]).subscribe();
      const waiting = book.addTableRow('T', [[2]]).subscribe();
      book.addTableRow('T', [[3]]).subscribe();
      scheduler.schedule(() => waiting.unsubscribe(), 5);
    });
    expect(transport.log.filter((r) => r.method === 'POST').map((r) => `${r.at} ${r.body}`)).toEqual(['0 {"values":[[1]]}', '130 {"values":[[3]]}']);
  });
});

describe('managed sessions', () => {
  const sessionCalls = (log: { method: string; url: string; headers: Record<string, string>; at: number }[]) =>
    log.filter((r) => /Session$/.test(r.url)).map((r) => `${r.at} ${r.url.split('/').pop()} ${r.headers['workbook-session-id'] ?? '-'}`);

  it('creates the session (async), emits it once, refreshes on schedule, closes once on unsubscribe', () => {
    const { scheduler, transport, book } = setup();
    const out = runVirtual(scheduler, book.session({ persistChanges: true, refreshIntervalMs: 1000 }), 3500);
    expect(out.values).toHaveLength(1);
    expect(out.values[0]!.id).toBe('session-1');
    expect(sessionCalls(transport.log)).toEqual([
      '0 createSession -',
      '1100 refreshSession session-1',
      '2100 refreshSession session-1',
      '3100 refreshSession session-1',
      '3500 closeSession session-1',
    ]);
  });

  it('several subscribers share one session, closed exactly once when the last leaves', () => {
    const { scheduler, transport, book } = setup();
    const session$ = book.session({ persistChanges: false, refreshIntervalMs: 10_000 });
    scheduler.run(() => {
      const a = session$.subscribe();
      const b = session$.subscribe();
      scheduler.schedule(() => a.unsubscribe(), 300);
      scheduler.schedule(() => b.unsubscribe(), 600);
    });
    expect(sessionCalls(transport.log)).toEqual(['0 createSession -', '600 closeSession session-1']);
  });

  it('a subscriber who joins after the session was emitted gets it at once, and no second session is made', () => {
    const { scheduler, transport, book } = setup();
    const session$ = book.session({ persistChanges: true, refreshIntervalMs: 10_000 });
    const seen: string[] = [];
    scheduler.run(() => {
      const a = session$.subscribe((s) => seen.push(`${scheduler.now()} a ${s.id}`));
      let b: { unsubscribe(): void } | undefined;
      scheduler.schedule(() => (b = session$.subscribe((s) => seen.push(`${scheduler.now()} b ${s.id}`))), 1000);
      scheduler.schedule(() => a.unsubscribe(), 1500);
      scheduler.schedule(() => b!.unsubscribe(), 2000);
    });
    expect(seen).toEqual(['100 a session-1', '1000 b session-1']);
    expect(sessionCalls(transport.log)).toEqual(['0 createSession -', '2000 closeSession session-1']);
  });

  it('after the last subscriber left, the next subscription makes a new session', () => {
    const { scheduler, transport, book } = setup();
    const session$ = book.session({ persistChanges: true, refreshIntervalMs: 10_000 });
    const seen: string[] = [];
    scheduler.run(() => {
      const a = session$.subscribe((s) => seen.push(s.id));
      scheduler.schedule(() => a.unsubscribe(), 500);
      scheduler.schedule(() => session$.pipe(take(1)).subscribe((s) => seen.push(s.id)), 1000);
    });
    expect(seen).toEqual(['session-1', 'session-2']);
    expect(sessionCalls(transport.log)).toEqual(['0 createSession -', '500 closeSession session-1', '1000 createSession -', '1100 closeSession session-2']);
  });

  it('leaving before the createSession was answered aborts it; nothing else is sent', () => {
    const { scheduler, transport, book } = setup({ latency: 100 });
    runVirtual(scheduler, book.session({ persistChanges: true }), 50);
    expect(transport.log).toHaveLength(1);
    expect(transport.log[0]!.aborted).toBe(true);
  });

  it('calls made in the session carry its id, and compose naturally with switchMap', () => {
    const { scheduler, transport, book } = setup();
    const rows = [[1], [2], [3]];
    const out = runVirtual(
      scheduler,
      book.session({ persistChanges: true }).pipe(
        switchMap((s) => merge(...rows.map((r) => s.addTableRow('T', [r]).pipe(result()))).pipe(toArray())),
        take(1),
      ),
    );
    expect(out.values[0]).toHaveLength(3);
    const rowCalls = transport.log.filter((r) => r.url.includes('/tables/'));
    expect(rowCalls.map((r) => r.headers['workbook-session-id'])).toEqual(['session-1', 'session-1', 'session-1']);
    expect(sessionCalls(transport.log).pop()).toMatch(/closeSession session-1$/);
  });

  it('withSession completes when the work does, then closes the session', () => {
    const { scheduler, transport, book } = setup();
    const out = runVirtual(scheduler, book.withSession({ persistChanges: true }, (s) => s.deleteTableRow('T', 0).pipe(result())));
    expect(out.values).toEqual([undefined]);
    expect(out.completedAt).toBeDefined();
    expect(sessionCalls(transport.log).filter((c) => c.includes('closeSession'))).toHaveLength(1);
  });

  it('closes the session when the work using it fails', () => {
    const { scheduler, transport, book } = setup({ override: (r) => (r.url.includes('/tables/') ? graphError(400, 'invalidArgument') : undefined) });
    const out = runVirtual(scheduler, book.withSession({ persistChanges: true }, (s) => s.addTableRow('T', [[1]])));
    expect(out.error).toBeInstanceOf(GraphHttpError);
    expect(sessionCalls(transport.log).filter((c) => c.includes('closeSession'))).toHaveLength(1);
  });

  it('re-creates itself on invalidSessionReCreatable and repeats the call once', () => {
    const { scheduler, transport, book } = setup({
      override: (r, nth) => (r.url.includes('/tables/') && nth === 1 ? graphError(400, 'InvalidSession', {}, 'invalidSessionReCreatable') : undefined),
    });
    let session: WorkbookSession | undefined;
    const out = runVirtual(
      scheduler,
      book.session({ persistChanges: true }).pipe(
        switchMap((s) => ((session = s), s.addTableRow('T', [[1]]).pipe(result()))),
        take(1),
      ),
    );
    expect(out.error).toBeUndefined();
    expect(session!.id).toBe('session-2');
    const rowCalls = transport.log.filter((r) => r.url.includes('/tables/'));
    expect(rowCalls.map((r) => r.headers['workbook-session-id'])).toEqual(['session-1', 'session-2']);
    expect(sessionCalls(transport.log).filter((c) => c.includes('createSession'))).toHaveLength(2);
    expect(sessionCalls(transport.log).pop()).toMatch(/closeSession session-2$/);
  });

  it('a second invalidSessionReCreatable ends the session with a typed error (no endless loop)', () => {
    const { scheduler, transport, book } = setup({
      override: (r) => (r.url.includes('/tables/') ? graphError(400, 'InvalidSession', {}, 'invalidSessionReCreatable') : undefined),
    });
    const out = runVirtual(scheduler, book.session({ persistChanges: true }).pipe(switchMap((s) => s.addTableRow('T', [[1]]))));
    expect(out.error).toBeInstanceOf(SessionInvalidError);
    expect(transport.log.filter((r) => r.url.includes('/tables/'))).toHaveLength(2);
  });

  it('a failed refresh (404: the session expired) ends it with SessionExpiredError and it is not reused', () => {
    const { scheduler, transport, book } = setup({ override: (r) => (r.url.endsWith('/refreshSession') ? graphError(404, 'itemNotFound') : undefined) });
    let session: WorkbookSession | undefined;
    const out = runVirtual(scheduler, book.session({ persistChanges: true, refreshIntervalMs: 1000 }).pipe(switchMap((s) => ((session = s), of(s)))));
    expect(out.error).toBeInstanceOf(SessionExpiredError);
    expect((out.error as SessionExpiredError).sessionId).toBe('session-1');
    // no closeSession for a session that is gone
    expect(sessionCalls(transport.log)).toEqual(['0 createSession -', '1100 refreshSession session-1']);
    const later = runVirtual(scheduler, session!.addTableRow('T', [[1]]));
    expect(later.error).toBeInstanceOf(SessionExpiredError);
    expect(transport.log.filter((r) => r.url.includes('/tables/'))).toHaveLength(0);
  });

  it('invalidSessionNotFound on a call is an expired session; other invalidSession codes are SessionInvalidError', () => {
    const expired = setup({ override: (r) => (r.url.includes('/tables/') ? graphError(404, 'itemNotFound', {}, 'invalidSessionNotFound') : undefined) });
    expect(runVirtual(expired.scheduler, expired.book.session({ persistChanges: true }).pipe(switchMap((s) => s.addTableRow('T', [[1]])))).error).toBeInstanceOf(SessionExpiredError);
    const invalid = setup({ override: (r) => (r.url.includes('/tables/') ? graphError(401, 'InvalidSession', {}, 'invalidSessionAuthentication') : undefined) });
    const out = runVirtual(invalid.scheduler, invalid.book.session({ persistChanges: true }).pipe(switchMap((s) => s.addTableRow('T', [[1]]))));
    expect(out.error).toBeInstanceOf(SessionInvalidError);
    expect((out.error as SessionInvalidError).code).toBe('invalidSessionAuthentication');
  });

  it('a table error that is not about the session leaves the session usable', () => {
    const { scheduler, transport, book } = setup({ override: (r, nth) => (r.url.includes('/tables/') && nth === 1 ? graphError(400, 'invalidArgument') : undefined) });
    const out = runVirtual(
      scheduler,
      book.session({ persistChanges: true }).pipe(
        switchMap((s) =>
          s.addTableRow('T', [[1]]).pipe(
            catchError((e: GraphHttpError) => of(e.code)),
            toArray(),
            switchMap((first) => s.addTableRow('T', [[2]]).pipe(result(), map((row) => [first, row.values]))),
          ),
        ),
        take(1),
      ),
    );
    expect(out.values).toEqual([[['invalidArgument'], [[2]]]]);
    expect(transport.log.filter((r) => r.url.endsWith('createSession'))).toHaveLength(1);
    expect(transport.log.filter((r) => r.url.includes('/tables/')).map((r) => r.headers['workbook-session-id'])).toEqual(['session-1', 'session-1']);
  });
});

describe('leaving a managed session while it is being created (marbles: values and subscriptions)', () => {
  // The createSession is accepted after 10 ms; polls go every 100 ms and each is answered 50 ms after it is sent.
  const OP = `${ITEM}/workbook/operations/op-1`;
  const RESULT = `${ITEM}/workbook/sessionInfoResource(key='op-1')`;

  function sessionGraph(scheduler: TestScheduler, cold: TestScheduler['createColdObservable'], pollsToSucceed: number) {
    const answers = {
      post: cold('10ms (a|)', { a: graphAccepted(OP) }),
      running: cold('50ms (r|)', { r: graphJson({ id: 'op-1', status: 'running' }) }),
      succeeded: cold('50ms (s|)', { s: graphJson({ id: 'op-1', status: 'succeeded', resourceLocation: RESULT }) }),
      result: cold('50ms (i|)', { i: graphJson({ id: 'session-1', persistChanges: true }) }),
      refresh: cold('20ms (n|)', { n: { status: 204, headers: {}, body: '' } }),
      close: cold('20ms (n|)', { n: { status: 204, headers: {}, body: '' } }),
    };
    let polls = 0;
    const transport = scriptedTransport(scheduler, (req) => {
      if (req.url.endsWith('/createSession')) return answers.post;
      if (req.url === OP) return ++polls < pollsToSucceed ? answers.running : answers.succeeded;
      if (req.url === RESULT) return answers.result;
      if (req.url.endsWith('/refreshSession')) return answers.refresh;
      if (req.url.endsWith('/closeSession')) return answers.close;
      throw new Error(`unexpected ${req.method} ${req.url}`);
    });
    const graph = createGraphClient({ token: 'tok', transport, scheduler, poll: { intervalMs: 100, backoffFactor: 1 } });
    const session$ = graph.workbook('/me/drive/items/01ABC').session({ persistChanges: true, refreshIntervalMs: 60_000, closeTimeoutMs: 30_000 });
    const sent = () => transport.requests.map((r) => `${r.at} ${r.method} ${r.url.replace(ITEM, '')}${r.aborted ? ' (aborted)' : ''}`);
    return { answers, session$: session$.pipe(map((s) => s.id)), sent };
  }

  let scheduler: TestScheduler;
  beforeEach(() => (scheduler = testScheduler()));

  it('a poll in flight is aborted at unsubscribe; no poll, result read or closeSession follows, and no timer stays', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const { answers, session$, sent } = sessionGraph(scheduler, cold, 10);
      expectObservable(session$, '280ms !').toBe('');
      flush();
      expectSubscriptions(answers.post.subscriptions).toBe('^ 9ms !');
      // Polls at 110 and 260; the second is cut at 280, when the subscriber leaves.
      expectSubscriptions(answers.running.subscriptions).toBe(['110ms ^ 49ms !', '260ms ^ 19ms !']);
      expectSubscriptions(answers.succeeded.subscriptions).toBe([]);
      expectSubscriptions(answers.close.subscriptions).toBe([]);
      expect(sent()).toEqual(['0 POST /workbook/createSession', '110 GET /workbook/operations/op-1', '260 GET /workbook/operations/op-1 (aborted)']);
      expect(scheduler.now()).toBe(280); // nothing was left scheduled past the unsubscribe
    });
  });

  it('between two polls: the next poll is never sent', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const { answers, session$, sent } = sessionGraph(scheduler, cold, 10);
      expectObservable(session$, '200ms !').toBe('');
      flush();
      expectSubscriptions(answers.running.subscriptions).toBe(['110ms ^ 49ms !']);
      expectSubscriptions(answers.close.subscriptions).toBe([]);
      expect(sent()).toEqual(['0 POST /workbook/createSession', '110 GET /workbook/operations/op-1']);
      expect(scheduler.now()).toBe(200);
    });
  });

  it('while the session is read from resourceLocation: that read is aborted and no closeSession is sent (no id was received)', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const { answers, session$, sent } = sessionGraph(scheduler, cold, 1);
      expectObservable(session$, '180ms !').toBe('');
      flush();
      expectSubscriptions(answers.succeeded.subscriptions).toBe(['110ms ^ 49ms !']);
      expectSubscriptions(answers.result.subscriptions).toBe(['160ms ^ 19ms !']);
      expectSubscriptions(answers.close.subscriptions).toBe([]);
      expect(sent()).toEqual(['0 POST /workbook/createSession', '110 GET /workbook/operations/op-1', "160 GET /workbook/sessionInfoResource(key='op-1') (aborted)"]);
      expect(scheduler.now()).toBe(180);
    });
  });

  it('once the session was emitted, leaving sends its closeSession once, at that moment, and nothing else', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const { answers, session$, sent } = sessionGraph(scheduler, cold, 1);
      expectObservable(session$, '500ms !').toBe('210ms s', { s: 'session-1' });
      flush();
      expectSubscriptions(answers.result.subscriptions).toBe(['160ms ^ 49ms !']);
      expectSubscriptions(answers.refresh.subscriptions).toBe([]);
      expectSubscriptions(answers.close.subscriptions).toBe(['500ms ^ 19ms !']);
      expect(sent().slice(-1)).toEqual(['500 POST /workbook/closeSession']);
      expect(scheduler.now()).toBe(520);
    });
  });
});
