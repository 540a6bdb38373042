import { lastValueFrom, merge, mergeMap, range, timeout, toArray } from 'rxjs';
import { result } from '../../src/lro/operators/result';
import { GraphHttpError } from '../../src/core/errors/graph-http-error';
import { OperationFailedError } from '../../src/core/errors/operation-failed-error';
import { OperationTimeoutError } from '../../src/core/errors/operation-timeout-error';
import { DecodeError } from '../../src/core/errors/decode-error';
import { ProtocolError } from '../../src/core/errors/protocol-error';
import { NetworkError } from '../../src/core/errors/network-error';
import { createGraphClient } from '../../src/client';
import type { GraphSimulator } from '../../src/testing';
import { collect, failure, startSimulator, TOKEN, until } from '../helpers/simulator';
import { clientTransports, closeTransports } from '../helpers/transports';

let sim: GraphSimulator;
let graph: Awaited<ReturnType<typeof startSimulator>>['graph'];

// The whole file runs over each transport a client can be given: the default (cross-fetch) and undici.
describe.each(clientTransports)('over $name', ({ make }) => {
  beforeEach(async () => ({ sim, graph } = await startSimulator({}, { transport: make() })));
  afterEach(async () => {
    await sim.stop();
    await closeTransports();
  });

  const book = () => graph.workbook('/me/drive/items/01ABC');

  describe('createSession over real HTTP against the simulator', () => {
    it('follows 202 + Location through notStarted, running, succeeded to the session', async () => {
      const events = await collect(book().createSession({ persistChanges: true }));
      expect(events.map((e) => (e.type === 'status' ? e.status : e.type))).toEqual(['accepted', 'notStarted', 'running', 'succeeded', 'succeeded']);
      const last = events[events.length - 1]!;
      expect(last).toMatchObject({ type: 'succeeded', result: { persistChanges: true } });
      expect(events[0]).toMatchObject({ type: 'accepted', location: expect.stringMatching(new RegExp(`^${sim.baseUrl}/me/drive/items/01ABC/workbook/operations/`)) });
      // start + three polls + result: the minimum
      expect(sim.requests.map((r) => `${r.method} ${decodeURIComponent(r.path).replace(/op-\d+/, 'op')}`)).toEqual([
        'POST /v1.0/me/drive/items/01ABC/workbook/createSession',
        'GET /v1.0/me/drive/items/01ABC/workbook/operations/op',
        'GET /v1.0/me/drive/items/01ABC/workbook/operations/op',
        'GET /v1.0/me/drive/items/01ABC/workbook/operations/op',
        "GET /v1.0/me/drive/items/01ABC/workbook/sessionInfoResource(key='op')",
      ]);
      expect(sim.requests[0]!.prefer).toBe('respond-async');
      expect(sim.requests.every((r) => r.authorization === 'valid')).toBe(true);
    });

    it.each([
      '/me/drive/root:/Reports/Q1 2026.xlsx:',
      '/drives/b!abc/items/01ABC',
      '/users/adele@contoso.com/drive/items/01ABC',
      '/sites/contoso.sharepoint.com,1,2/drive/items/01ABC',
      '/groups/g-1/drive/items/01ABC',
    ])('works for the drive-item address %s', async (ref) => {
      const session = await lastValueFrom(graph.workbook(ref).createSession({ persistChanges: false }).pipe(result()));
      expect(session.persistChanges).toBe(false);
    });

    it('works under /beta', async () => {
      const beta = createGraphClient({ baseUrl: sim.graphOrigin, apiVersion: 'beta', token: TOKEN, poll: { intervalMs: 5 }, transport: make() });
      await lastValueFrom(beta.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));
      expect(sim.requests[0]!.path).toBe('/v1.0/me/drive/items/01ABC/workbook/createSession'.replace('v1.0', 'beta'));
    });

    it('repeats createSession after 504s and then succeeds', async () => {
      sim.inject({ method: 'POST', path: 'createSession', times: 2, action: { kind: 'status', status: 504 } });
      const session = await lastValueFrom(book().createSession({ persistChanges: true }).pipe(result()));
      expect(session.id).toMatch(/^session-/);
      expect(sim.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([504, 504, 202]);
    });

    it('honours 429 with Retry-After on a poll (seconds) and on the start (HTTP date)', async () => {
      sim.inject({ path: '/operations/', times: 1, action: { kind: 'status', status: 429, retryAfter: '0.2' } });
      sim.inject({ method: 'POST', times: 1, action: { kind: 'status', status: 503, retryAfter: new Date(Date.now() - 1000).toUTCString() } });
      await lastValueFrom(book().createSession({ persistChanges: true }).pipe(result()));
      const polls = sim.requests.filter((r) => r.path.includes('/operations/'));
      expect(polls[0]!.status).toBe(429);
      expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(190);
    });

    it('reports a failed operation with the whole error chain', async () => {
      sim.setScript(() => ({ statuses: ['running', 'failed'] }));
      const error = await failure(book().createSession({ persistChanges: true }));
      expect(error).toBeInstanceOf(OperationFailedError);
      expect((error as OperationFailedError).code).toBe('GenericFileOpenError');
      expect((error as OperationFailedError).error?.innerError?.code).toBe('internalServerErrorUncategorized');
    });

    it('reads a garbled body again; a persistent one, or JSON of the wrong shape, is a DecodeError', async () => {
      sim.inject({ path: '/operations/', action: { kind: 'body', body: '{"status": "running",' } });
      sim.inject({ path: 'sessionInfoResource', action: { kind: 'body', body: '<html>oops</html>', contentType: 'text/html' } });
      await lastValueFrom(book().createSession({ persistChanges: true }).pipe(result()));
      sim.inject({ path: '/operations/', times: 100, action: { kind: 'body', body: '{"status": "running",' } });
      const garbled = (await failure(book().createSession({ persistChanges: true }))) as DecodeError;
      expect(garbled).toBeInstanceOf(DecodeError);
      expect(garbled.unparsable).toBe(true);
      sim.clearFaults();
      sim.inject({ path: '/operations/', action: { kind: 'body', body: '{"status": 42}' } });
      const misShaped = (await failure(book().createSession({ persistChanges: true }))) as DecodeError;
      expect(misShaped.path).toBe('$.status');
      expect(misShaped.unparsable).toBe(false);
    });

    it('202 without Location is a ProtocolError', async () => {
      sim.inject({ method: 'POST', action: { kind: 'noLocation' } });
      expect(await failure(book().createSession({ persistChanges: true }))).toBeInstanceOf(ProtocolError);
    });

    it('keeps polling through unknown statuses until the caller times out', async () => {
      sim.setScript(() => ({ statuses: ['notStarted', 'Queued'] }));
      const error = await failure(book().createSession({ persistChanges: true }, { timeoutMs: 300 }));
      expect(error).toBeInstanceOf(OperationTimeoutError);
      expect((error as OperationTimeoutError).lastStatus).toBe('Queued');
    });

    it('401 for a missing token; a fresh token after an expired one', async () => {
      await sim.stop();
      ({ sim, graph } = await startSimulator({ expiredTokens: ['old'] }, { transport: make() }));
      let calls = 0;
      const refreshing = createGraphClient({ baseUrl: sim.baseUrl, token: async () => (calls++ === 0 ? 'old' : 'new'), poll: { intervalMs: 5 }, transport: make() });
      await lastValueFrom(refreshing.workbook('/me/drive/items/1').createSession({ persistChanges: true }).pipe(result()));
      expect(sim.requests.slice(0, 2).map((r) => [r.authorization, r.status])).toEqual([
        ['expired', 401],
        ['valid', 202],
      ]);
      const anonymous = createGraphClient({ baseUrl: sim.baseUrl, token: async () => 'old', transport: make() });
      const error = await failure(anonymous.workbook('/me/drive/items/1').createSession({ persistChanges: true }));
      expect(error).toMatchObject({ name: 'GraphHttpError', status: 401, code: 'InvalidAuthenticationToken' });
    });

    it('a connection reset on a poll is retried; on every attempt it is a NetworkError', async () => {
      sim.inject({ path: '/operations/', times: 1, action: { kind: 'reset' } });
      await lastValueFrom(book().createSession({ persistChanges: true }).pipe(result()));
      sim.inject({ path: '/operations/', times: 100, action: { kind: 'reset' } });
      expect(await failure(book().createSession({ persistChanges: true }))).toBeInstanceOf(NetworkError);
    });

    it('unsubscribing aborts the request in flight; the server sees no request after', async () => {
      sim.inject({ path: '/operations/', action: { kind: 'hang' } });
      const subscription = book().createSession({ persistChanges: true }).subscribe();
      await until(() => sim.requests.some((r) => r.path.includes('/operations/')));
      subscription.unsubscribe();
      await until(() => sim.requests.some((r) => r.aborted));
      const count = sim.requests.length;
      await new Promise((r) => setTimeout(r, 100));
      expect(sim.requests).toHaveLength(count);
      expect(sim.requests.find((r) => r.path.includes('/operations/'))!.aborted).toBe(true);
    });

    it('rxjs timeout composes: the poll in flight is aborted', async () => {
      sim.inject({ path: '/operations/', action: { kind: 'latency', ms: 500 } });
      const error = await failure(book().createSession({ persistChanges: true }).pipe(timeout(100)));
      expect(error).toMatchObject({ name: 'TimeoutError' });
      await until(() => sim.requests.some((r) => r.aborted));
    });

    it('GraphHttpError carries method, URL, status and code, and never the token', async () => {
      sim.inject({ method: 'POST', path: 'createSession', action: { kind: 'status', status: 404 } });
      const error = (await failure(graph.workbook('/me/drive/items/nowhere').createSession({ persistChanges: true }))) as GraphHttpError;
      expect(error).toBeInstanceOf(GraphHttpError);
      expect(error).toMatchObject({ method: 'POST', status: 404, code: 'itemNotFound' });
      expect(error.url).toBe(`${sim.baseUrl}/me/drive/items/nowhere/workbook/createSession`);
      expect(JSON.stringify(error) + error.message + String(error.stack)).not.toContain(TOKEN);
    });

    it('300 merged operations all complete with the minimal number of requests', async () => {
      const sessions = await lastValueFrom(
        range(0, 300).pipe(
          mergeMap((i) => graph.workbook(`/me/drive/items/item-${i}`).createSession({ persistChanges: i % 2 === 0 }).pipe(result()), 100),
          toArray(),
        ),
      );
      expect(sessions).toHaveLength(300);
      expect(new Set(sessions.map((s) => s.id)).size).toBe(300);
      expect(sim.requests).toHaveLength(300 * 5);
      expect(sim.requests.every((r) => r.status !== undefined && r.status < 300)).toBe(true);
    }, 30_000);

    it('merging sessions of several workbooks runs them concurrently', async () => {
      sim.inject({ path: '/operations/', times: 4, action: { kind: 'latency', ms: 150 } });
      const started = Date.now();
      await lastValueFrom(
        merge(...['a', 'b', 'c', 'd'].map((id) => graph.workbook(`/me/drive/items/${id}`).createSession({ persistChanges: true }).pipe(result()))).pipe(toArray()),
      );
      expect(Date.now() - started).toBeLessThan(550);
    });
  });
});

describe('CORS on the simulator', () => {
  beforeEach(async () => ({ sim } = await startSimulator()));
  afterEach(async () => sim.stop());

  it('answers preflights and exposes Location and Retry-After, so a browser can follow a 202', async () => {
    const preflight = await fetch(`${sim.baseUrl}/me/drive/items/1/workbook/createSession`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:4200', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,prefer' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization.*content-type.*prefer.*workbook-session-id/);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const accepted = await fetch(`${sim.baseUrl}/me/drive/items/1/workbook/createSession`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, prefer: 'respond-async', 'content-type': 'application/json', origin: 'http://localhost:4200' },
      body: '{"persistChanges":true}',
    });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('access-control-expose-headers')).toMatch(/Location.*Retry-After/);
    // Preflights are not Graph calls: they are answered before faults and token checks.
    expect(sim.requests[0]).toMatchObject({ method: 'OPTIONS', status: 204, authorization: 'none' });
  });
});
