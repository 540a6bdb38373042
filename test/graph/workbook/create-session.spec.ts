import { catchError, merge, mergeMap, Observable, of, range, timeout, toArray } from 'rxjs';
import { createGraphClient } from '../../../src/client';
import { result } from '../../../src/lro/operators/result';
import type { OperationEvent } from '../../../src/lro/operation-event';
import type { HttpResponse } from '../../../src/http/transport';
import { OperationFailedError } from '../../../src/core/errors/operation-failed-error';
import { OperationTimeoutError } from '../../../src/core/errors/operation-timeout-error';
import { ProtocolError } from '../../../src/core/errors/protocol-error';
import { DecodeError } from '../../../src/core/errors/decode-error';
import { GraphHttpError } from '../../../src/core/errors/graph-http-error';
import type { WorkbookSessionInfo } from '../../../src/graph/workbook/workbook-session-info';
import { accepted, graphError, json } from '../../helpers/fake-transport';
import { ROOT, runVirtual, TOKEN, virtualClient, type Handler } from '../../helpers/virtual-client';
import * as seeds from '../../fixtures/seeds';

const ITEM = `${ROOT}/me/drive/items/01ABC`;
const OP = `${ITEM}/workbook/operations/op-1`;
const RESULT = `${ROOT}/me/drive/items/01ABC/workbook/sessionInfoResource(key='op-1')`;

/** The answers' latency is scheduled on the running test's scheduler. */
let later: (response: HttpResponse, ms: number) => Observable<HttpResponse> = (r) => of(r);

function client(handler: Handler, over: Parameters<typeof createGraphClient>[0] = {}) {
  const made = virtualClient(handler, over);
  later = made.later;
  return made;
}
const run = runVirtual;

/** A Graph that answers createSession with 202 and the given status bodies, one per poll. */
function asyncGraph(statuses: string[], opts: { latency?: number; location?: string } = {}): Handler {
  let poll = 0;
  const lag = (r: HttpResponse) => later(r, opts.latency ?? 0);
  return (req) => {
    if (req.method === 'POST' && req.url.endsWith('/workbook/createSession')) return lag(accepted(opts.location ?? OP));
    if (req.url.includes('/operations/')) return lag(json(200, statuses[Math.min(poll++, statuses.length - 1)]!));
    if (req.url.includes('sessionInfoResource')) return lag(json(200, seeds.SESSION_INFO));
    return of(graphError(404, 'itemNotFound'));
  };
}

const running = (s: string) => JSON.stringify({ id: 'op-1', status: s });
const succeeded = JSON.stringify({ id: 'op-1', status: 'succeeded', resourceLocation: RESULT });

describe('workbook.createSession', () => {
  it('201 Created: emits succeeded with the decoded session, having sent Prefer: respond-async and the body', () => {
    const { scheduler, transport, graph } = client(() => of(json(201, seeds.SESSION_INFO)));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    expect(out.values).toEqual([{ type: 'succeeded', result: { id: 'id-value', persistChanges: true } }]);
    expect(out.completedAt).toBe(0);
    expect(transport.log).toHaveLength(1);
    expect(transport.log[0]).toMatchObject({
      method: 'POST',
      url: `${ITEM}/workbook/createSession`,
      body: '{"persistChanges":true}',
      headers: { prefer: 'respond-async', authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    });
  });

  it('202 Accepted: accepted, each status change once (terminal included), then the result from resourceLocation', () => {
    const { scheduler, transport, graph } = client(asyncGraph([running('notStarted'), running('running'), running('running'), succeeded]));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: false }));
    expect(out.values).toEqual<OperationEvent<WorkbookSessionInfo>[]>([
      { type: 'accepted', location: OP, handle: { version: 2, kind: 'workbook.createSession', location: OP, apiRoot: ROOT } },
      { type: 'status', status: 'notStarted' },
      { type: 'status', status: 'running' },
      { type: 'status', status: 'succeeded' },
      { type: 'succeeded', result: { id: 'id-value', persistChanges: true } },
    ]);
    expect(transport.log.map((r) => `${r.at} ${r.method} ${r.url}`)).toEqual([
      `0 POST ${ITEM}/workbook/createSession`,
      `100 GET ${OP}`,
      `200 GET ${OP}`,
      `300 GET ${OP}`,
      `400 GET ${OP}`,
      `400 GET ${RESULT}`,
    ]);
    // The operation status and result live on Graph: both carry the token.
    expect(transport.log.every((r) => r.headers['authorization'] === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('repeats createSession after a 504, as its documentation prescribes', () => {
    let posts = 0;
    const inner = asyncGraph([succeeded]);
    const { scheduler, transport, graph } = client((req, i) =>
      req.method === 'POST' && posts++ === 0 ? of(graphError(504, 'gatewayTimeout')) : inner(req, i),
    );
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));
    expect(out.values).toEqual([{ id: 'id-value', persistChanges: true }]);
    expect(transport.log.filter((r) => r.method === 'POST').map((r) => r.at)).toEqual([0, 50]);
  });

  it("waits the 202's Retry-After before the first poll", () => {
    const { scheduler, transport, graph } = client((req) =>
      req.method === 'POST' ? of(accepted(OP, { 'retry-after': '3' })) : asyncGraph([succeeded])(req, 0),
    );
    run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    expect(transport.log[1]!.at).toBe(3000);
  });

  it('failed: emits the failed status, then OperationFailedError with the whole chain', () => {
    const { scheduler, graph } = client(asyncGraph([running('running'), seeds.OPERATION_FAILED]));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    expect(out.values.slice(-1)).toEqual([{ type: 'status', status: 'failed' }]);
    expect(out.error).toBeInstanceOf(OperationFailedError);
    const error = out.error as OperationFailedError;
    expect(error.code).toBe('GenericFileOpenError');
    expect(error.url).toBe(OP);
    expect(error.error?.code).toBe('internalServerError');
    expect(error.error?.innerError?.innerError?.message).toBe('The workbook cannot be opened.');
    expect(error.message).not.toContain(TOKEN);
  });

  it('the published failed example (stray quote) ends in a DecodeError naming the URL', () => {
    const { scheduler, graph } = client(asyncGraph([seeds.OPERATION_FAILED_AS_PUBLISHED]));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    expect(out.error).toBeInstanceOf(DecodeError);
    expect((out.error as DecodeError).url).toBe(OP);
  });

  it('a status body that is not JSON is read again after the backoff; the operation goes on', () => {
    const { scheduler, transport, graph } = client(asyncGraph(['{"status": "runn', running('running'), succeeded]));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));
    expect(out.values).toEqual([{ id: 'id-value', persistChanges: true }]);
    // poll at 100 (garbled), read again at 150, next poll at 250
    expect(transport.log.filter((r) => r.url === OP).map((r) => r.at)).toEqual([100, 150, 250]);
  });

  it('a status of the wrong shape is a DecodeError naming the path, at once', () => {
    const { scheduler, transport, graph } = client(asyncGraph([JSON.stringify({ id: 'op-1', state: 'running' })]));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    expect(out.error).toBeInstanceOf(DecodeError);
    expect((out.error as DecodeError).path).toBe('$.status');
    expect(transport.log).toHaveLength(2);
  });

  it('an unknown status is reported and polling goes on', () => {
    const { scheduler, graph } = client(asyncGraph([running('Queued'), running('Completed'), succeeded]));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    // 'Completed' is the resource page's word for succeeded: terminal. Its resourceLocation is missing → ProtocolError.
    expect(out.values.filter((e) => e.type === 'status')).toEqual([
      { type: 'status', status: 'Queued' },
      { type: 'status', status: 'succeeded' },
    ]);
    expect(out.error).toBeInstanceOf(ProtocolError);
    expect((out.error as ProtocolError).message).toMatch(/succeeded without a result location/);
  });

  it('202 without Location is a ProtocolError', () => {
    const { scheduler, transport, graph } = client(() => of({ status: 202, headers: {}, body: '' }));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    expect(out.error).toBeInstanceOf(ProtocolError);
    expect(out.error).toMatchObject({ method: 'POST', status: 202, url: `${ITEM}/workbook/createSession` });
    expect(transport.log).toHaveLength(1);
  });

  it('a relative Location is resolved against the request URL', () => {
    const { scheduler, transport, graph } = client(asyncGraph([succeeded], { location: 'operations/op-1' }));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    expect(out.values[0]).toMatchObject({ type: 'accepted', location: OP });
    expect(transport.log[1]!.url).toBe(OP);
  });

  it('a Location on an origin not trusted with the token is a ProtocolError and is never polled: a workbook operation lives on Graph', () => {
    const { scheduler, transport, graph } = client(asyncGraph([succeeded], { location: 'https://status.example.net/op-1' }));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    expect(out.error).toBeInstanceOf(ProtocolError);
    expect((out.error as Error).message).toMatch(/status URL must be on an origin trusted with the token/);
    expect(transport.log.filter((r) => r.url.startsWith('https://status.example.net'))).toHaveLength(0);
  });

  it('a javascript: Location is refused and never requested', () => {
    const { scheduler, transport, graph } = client(asyncGraph([succeeded], { location: 'javascript:alert(1)' }));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    expect(out.error).toBeInstanceOf(ProtocolError);
    expect(transport.log).toHaveLength(1);
  });

  it('an HTTP error on a poll, after retries, is a GraphHttpError', () => {
    const { scheduler, transport, graph } = client((req) =>
      req.method === 'POST' ? of(accepted(OP)) : of(graphError(404, 'itemNotFound')),
    );
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    expect(out.error).toMatchObject({ name: 'GraphHttpError', status: 404, code: 'itemNotFound', url: OP });
    expect(transport.log).toHaveLength(2);
  });

  it('is cold: nothing is sent until subscription, and each subscription starts again', () => {
    const { scheduler, transport, graph } = client(() => of(json(201, seeds.SESSION_INFO)));
    const session$ = graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true });
    expect(transport.log).toHaveLength(0);
    run(scheduler, session$);
    run(scheduler, session$);
    expect(transport.log).toHaveLength(2);
  });
});

describe('cancellation and timeouts', () => {
  it('unsubscribing during a wait cancels the timer: nothing is sent after', () => {
    const { scheduler, transport, graph } = client(asyncGraph([running('running')], { latency: 30 }));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }), 250);
    // POST 0→30; polls at 130→160, next at 260: the unsubscribe at 250 falls in the wait.
    expect(out.error).toBeUndefined();
    expect(transport.log.map((r) => [r.at, r.aborted])).toEqual([
      [0, false],
      [130, false],
    ]);
  });

  it('unsubscribing during a poll aborts the request in flight and sends nothing after', () => {
    const { scheduler, transport, graph } = client(asyncGraph([running('running')], { latency: 30 }));
    run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }), 140);
    expect(transport.log.map((r) => [r.at, r.aborted])).toEqual([
      [0, false],
      [130, true],
    ]);
  });

  it('timeoutMs ends the operation with OperationTimeoutError carrying the last status', () => {
    const { scheduler, transport, graph } = client(asyncGraph([running('notStarted'), running('running')]));
    const out = run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }, { timeoutMs: 1000 }));
    expect(out.error).toBeInstanceOf(OperationTimeoutError);
    expect(out.error).toMatchObject({ lastStatus: 'running', timeoutMs: 1000, url: OP });
    expect(Math.max(...transport.log.map((r) => r.at))).toBeLessThan(1000);
  });

  it("composes with rxjs timeout, which cancels the poll in flight", () => {
    const { scheduler, transport, graph } = client(asyncGraph([running('running')], { latency: 60 }));
    const out = run(
      scheduler,
      graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(timeout({ each: 150, scheduler })),
    );
    expect(out.error).toMatchObject({ name: 'TimeoutError' });
    expect(transport.log[transport.log.length - 1]!.aborted).toBe(true);
  });

  it('per-call poll options override the client', () => {
    const { scheduler, transport, graph } = client(asyncGraph([running('running'), succeeded]));
    run(scheduler, graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }, { poll: { intervalMs: 7 } }));
    expect(transport.log.slice(1, 3).map((r) => r.at)).toEqual([7, 14]);
  });
});

describe('many operations', () => {
  it('100 createSessions merged with a concurrency limit all succeed, one request in flight each, never over the limit', () => {
    let inFlight = 0;
    let peak = 0;
    const polls = new Map<string, number>();
    const { scheduler, transport, graph } = client((req) => {
      const answer = (): HttpResponse => {
        if (req.method === 'POST') return accepted(`${req.url.replace('/createSession', '')}/operations/1`);
        if (req.url.includes('/operations/')) {
          const n = (polls.get(req.url) ?? 0) + 1;
          polls.set(req.url, n);
          return json(200, n < 3 ? running('running') : JSON.stringify({ status: 'succeeded', resourceLocation: req.url.replace('/operations/1', "/sessionInfoResource(key='1')") }));
        }
        return json(200, { id: req.url, persistChanges: true });
      };
      return new Observable<HttpResponse>((sub) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        const task = scheduler.schedule(() => {
          inFlight--;
          sub.next(answer());
          sub.complete();
        }, 5);
        return () => task.unsubscribe();
      });
    });
    const all = range(0, 100).pipe(
      mergeMap((i) => graph.workbook(`/me/drive/items/item-${i}`).createSession({ persistChanges: true }).pipe(result()), 10),
      toArray(),
    );
    const out = run(scheduler, all);
    expect(out.error).toBeUndefined();
    expect(out.values[0]).toHaveLength(100);
    expect(new Set(out.values[0]!.map((s) => s.id)).size).toBe(100);
    expect(peak).toBeLessThanOrEqual(10);
    // start + 3 polls + result: the minimum the protocol needs, no more
    expect(transport.log).toHaveLength(100 * 5);
  });

  it('merged operations are independent: one failure does not stop the others when the caller catches per operation', () => {
    const { scheduler, graph } = client((req) => {
      if (req.url.includes('/bad/')) return of(graphError(404, 'itemNotFound'));
      return of(json(201, seeds.SESSION_INFO));
    });
    const out = run(
      scheduler,
      merge(
        graph.workbook('/me/drive/items/good').createSession({ persistChanges: true }).pipe(result()),
        graph.workbook('/me/drive/items/bad/').createSession({ persistChanges: true }).pipe(result(), catchError((e: GraphHttpError) => of(e.code))),
      ).pipe(toArray()),
    );
    expect(out.values[0]).toEqual([{ id: 'id-value', persistChanges: true }, 'itemNotFound']);
  });
});
