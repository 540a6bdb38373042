import { lastValueFrom, type Observable } from 'rxjs';
import { result } from '../../src/lro/operators/result';
import { progress } from '../../src/lro/operators/progress';
import { GraphLroError } from '../../src/core/errors/graph-lro-error';
import { DecodeError } from '../../src/core/errors/decode-error';
import { ProtocolError } from '../../src/core/errors/protocol-error';
import { OperationTimeoutError } from '../../src/core/errors/operation-timeout-error';
import { OperationFailedError } from '../../src/core/errors/operation-failed-error';
import { GraphHttpError } from '../../src/core/errors/graph-http-error';
import { deepChain } from '../properties/arbitraries';
import { createGraphClient } from '../../src/client';
import { fetchTransport, MAX_BODY_BYTES, type FetchLike } from '../../src/http/fetch-transport';
import { defaultFetch } from '../../src/http/default-fetch';
import { ResponseTooLargeError } from '../../src/core/errors/response-too-large-error';
import type { Fault } from '../../src/testing';
import type { GraphSimulator } from '../../src/testing';
import { collect, failure, startSimulator, TOKEN } from '../helpers/simulator';

// Hostile or broken responses, each with the typed error or the documented
// safe behaviour it must produce. None may crash the process, reject
// unhandled, or put the token into an error.
let sim: GraphSimulator;
let graph: Awaited<ReturnType<typeof startSimulator>>['graph'];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));
beforeEach(async () => ({ sim, graph } = await startSimulator({}, { retry: { baseDelayMs: 5, maxDelayMs: 10, maxRetries: 2 } })));
afterEach(async () => {
  await sim.stop();
  expect(unhandled).toEqual([]);
});

// No operation timeout of ours: each case asserts the error it ends in, not how fast a
// loaded machine gets there (the one case that is about the timeout sets its own).
const session = () => graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true });
const sessionWithin2s = () => graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }, { timeoutMs: 2000 });
const copy = () => graph.driveItem('/me/drive/items/01FOLDER').copy({});
const onPoll = (action: Fault['action']): Fault => ({ path: '/operations/', times: 100, action });
const onStart = (action: Fault['action']): Fault => ({ method: 'POST', action });
const onResult = (action: Fault['action']): Fault => ({ path: 'sessionInfoResource', times: 100, action });

function expectNoToken(error: unknown) {
  const e = error as Error;
  expect(`${e.message} ${e.stack} ${JSON.stringify(e)} ${String((e as { cause?: unknown }).cause)}`).not.toContain(TOKEN);
}

describe.each<[string, Fault, () => Observable<unknown>, new (...args: never[]) => GraphLroError, string?]>([
  ['an HTML error page with 200', onPoll({ kind: 'body', body: '<!DOCTYPE html><html><body>Service unavailable</body></html>', contentType: 'text/html' }), session, DecodeError, '$'],
  ['an empty body with 200', onPoll({ kind: 'body', body: '' }), session, DecodeError, '$'],
  ['truncated JSON', onPoll({ kind: 'body', body: '{"id":"x","status":"runn' }), session, DecodeError, '$'],
  ['JSON null', onPoll({ kind: 'body', body: 'null' }), session, DecodeError, '$'],
  ['status of the wrong type', onPoll({ kind: 'body', body: '{"status": 1}' }), session, DecodeError, '$.status'],
  ['resourceLocation of the wrong type', onPoll({ kind: 'body', body: '{"status":"succeeded","resourceLocation":{}}' }), session, DecodeError, '$.resourceLocation'],
  ['error of the wrong type', onPoll({ kind: 'body', body: '{"status":"failed","error":"boom"}' }), session, DecodeError, '$.error'],
  ['an inner error code of the wrong type', onPoll({ kind: 'body', body: '{"status":"failed","error":{"code":"a","innerError":{"code":false}}}' }), session, DecodeError, '$.error.innerError.code'],
  ['a session id of the wrong type', onResult({ kind: 'body', body: '{"id":7,"persistChanges":true}' }), session, DecodeError, '$.id'],
  ['persistChanges of the wrong type', onResult({ kind: 'body', body: '{"id":"s","persistChanges":"yes"}' }), session, DecodeError, '$.persistChanges'],
  ['percentageComplete of the wrong type', { origin: 'monitor', times: 100, action: { kind: 'body', body: '{"status":"inProgress","percentageComplete":"27.8"}' } }, copy, DecodeError, '$.percentageComplete'],
  ['resourceId of the wrong type', { origin: 'monitor', times: 100, action: { kind: 'body', body: '{"status":"completed","resourceId":12}' } }, copy, DecodeError, '$.resourceId'],
  ['202 without Location', onStart({ kind: 'noLocation' }), session, ProtocolError],
  ['a Location with http: off loopback', onStart({ kind: 'location', location: 'http://graph.microsoft.com/v1.0/x' }), session, ProtocolError],
  ['a javascript: Location', onStart({ kind: 'location', location: 'javascript:alert(document.cookie)' }), session, ProtocolError],
  ['a file: Location', onStart({ kind: 'location', location: 'file:///etc/passwd' }), session, ProtocolError],
  ['an error response whose innerError nests 5,000 deep', onStart({ kind: 'body', status: 400, body: `{"error":${deepChain(5000)}}` }), session, GraphHttpError],
  ['a failed status whose error nests 5,000 deep', onPoll({ kind: 'body', body: `{"status":"failed","error":${deepChain(5000)}}` }), session, OperationFailedError],
  ['a status body of arrays nested 100,000 deep', onPoll({ kind: 'body', body: '['.repeat(100_000) + ']'.repeat(100_000) }), session, DecodeError, '$'],
  ['a monitor answer whose error nests 5,000 deep', { origin: 'monitor', times: 100, action: { kind: 'body', body: `{"status":"failed","error":${deepChain(5000)}}` } }, copy, OperationFailedError],
  ['a status never seen, forever', { path: '/operations/', times: 1e9, action: { kind: 'body', body: '{"status":"Reticulating"}' } }, sessionWithin2s, OperationTimeoutError],
])('%s', (_what, fault, operation, errorClass, path) => {
  it('ends in a typed error that carries no token', async () => {
    sim.inject(fault);
    const error = await failure(operation());
    expect(error).toBeInstanceOf(errorClass);
    if (path) expect((error as DecodeError).path).toBe(path);
    expectNoToken(error);
  });
});

it('a huge status body (17 MiB, with Content-Length) is refused at its declared length: ResponseTooLargeError, not retried, never read, the request aborted', async () => {
  // The default fetch, watched: what the transport reads of each answer, and whether it hung up.
  const answers: { read: boolean; signal?: AbortSignal }[] = [];
  const watched: FetchLike = async (url, init) => {
    const response = await defaultFetch(url, init);
    const answer: { read: boolean; signal?: AbortSignal } = { read: false, ...(init?.signal ? { signal: init.signal } : {}) };
    answers.push(answer);
    return {
      status: response.status,
      headers: response.headers,
      get body() {
        answer.read = true;
        return response.body;
      },
      text: () => {
        answer.read = true;
        return response.text();
      },
    } as Awaited<ReturnType<FetchLike>>;
  };
  const client = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, transport: fetchTransport(watched), poll: { intervalMs: 5 } });
  sim.inject(onPoll({ kind: 'body', body: `{"status":"running","pad":"${'x'.repeat(17 * 1024 * 1024)}"}` }));

  const error = await failure(client.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));

  expect(error).toBeInstanceOf(ResponseTooLargeError);
  expect((error as ResponseTooLargeError).limitBytes).toBe(MAX_BODY_BYTES);
  expectNoToken(error);
  expect(sim.requests.filter((r) => r.path.includes('/operations/'))).toHaveLength(1);
  // The start (202, empty body) was read; the poll's body was not, and its request was aborted.
  expect(answers.map((a) => [a.read, a.signal?.aborted])).toEqual([
    [true, false],
    [false, true],
  ]);
});

describe('documented safe behaviours', () => {
  it.each([
    ['-1', 'the backoff'],
    ['abc', 'the backoff'],
    [new Date(Date.now() - 60_000).toUTCString(), 'no wait (a date in the past)'],
    ['99999999999', 'the cap (retry.maxRetryAfterMs)'],
  ])('Retry-After %p on a 429 means %s, and the operation completes', async (retryAfter) => {
    await sim.stop();
    ({ sim, graph } = await startSimulator({}, { retry: { baseDelayMs: 5, maxRetryAfterMs: 50 } }));
    sim.inject({ path: '/operations/', action: { kind: 'status', status: 429, retryAfter } });
    const started = Date.now();
    await lastValueFrom(session().pipe(result()));
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it.each([['-1'], ['abc'], ['0'], ['99999999999']])('Retry-After %p on a status response never causes a tight loop or a stall', async (retryAfter) => {
    await sim.stop();
    ({ sim, graph } = await startSimulator({}, { poll: { intervalMs: 20, backoffFactor: 1, maxRetryAfterMs: 60 } }));
    sim.inject({ path: '/operations/', times: 2, action: { kind: 'headers', headers: { 'retry-after': retryAfter } } });
    await lastValueFrom(session().pipe(result()));
    const polls = sim.requests.filter((r) => r.path.includes('/operations/'));
    expect(polls).toHaveLength(3);
    for (let i = 1; i < polls.length; i++) expect(polls[i]!.at - polls[i - 1]!.at).toBeGreaterThanOrEqual(15);
  });

  it('a relative Location resolves against the request URL', async () => {
    sim.inject(onStart({ kind: 'location', location: 'operations/does-not-exist' }));
    await failure(session());
    const poll = sim.requests.find((r) => r.method === 'GET')!;
    expect(poll.path).toBe('/v1.0/me/drive/items/01ABC/workbook/operations/does-not-exist');
  });

  it('a repeated Location, joined by the fetch (as browsers and Node\'s own fetch do), is refused: nothing is polled', async () => {
    const joining = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, transport: fetchTransport(globalThis.fetch as never), retry: { maxRetries: 0 } });
    sim.inject(onStart({ kind: 'location', location: [`${sim.baseUrl}/me/drive/items/01ABC/workbook/operations/none`, 'https://evil.example/x'] }));
    const error = await failure(joining.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toMatch(/more than one Location/);
    expect(sim.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
  });

  it('a protocol-relative Location to another origin never gets the token: a workbook operation is not even polled there', async () => {
    const other = sim.monitorOrigin.replace('http:', '');
    sim.inject(onStart({ kind: 'location', location: `${other}/monitor/none` }));
    expect(await failure(session())).toMatchObject({ name: 'ProtocolError', url: `${sim.monitorOrigin}/monitor/none` });
    expect(sim.requests.filter((r) => r.origin === 'monitor')).toHaveLength(0);
  });

  it('percentageComplete above 100 or below 0 is reported as sent in status events and clamped by progress()', async () => {
    sim.setScript(() => ({ statuses: ['inProgress', 'inProgress', 'completed'], percentages: [-3, 140, 100] }));
    const events = await collect(copy());
    expect(events.flatMap((e) => (e.type === 'status' ? [e.percentageComplete] : []))).toEqual([-3, 140, 100]);
    sim.setScript(() => ({ statuses: ['inProgress', 'inProgress', 'completed'], percentages: [-3, 140, 100] }));
    expect(await collect(copy().pipe(progress()))).toEqual([0, 100]);
  });

  it('a 401 with an HTML body is a GraphHttpError without a code, not a crash', async () => {
    sim.inject({ method: 'POST', action: { kind: 'body', status: 401, body: '<html>Unauthorized</html>', contentType: 'text/html' } });
    const error = await failure(session());
    expect(error).toMatchObject({ name: 'GraphHttpError', status: 401 });
    expect((error as { code?: string }).code).toBeUndefined();
    expectNoToken(error);
  });
});
