import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { filter, lastValueFrom, take, type Observable } from 'rxjs';
import { result } from '../../src/lro/operators/result';
import type { OperationEvent } from '../../src/lro/operation-event';
import type { OperationHandle } from '../../src/lro/operation-handle';
import type { OperationOptions } from '../../src/lro/operation-types';
import type { GraphSimulator } from '../../src/testing';
import { collect, failure, startSimulator } from '../helpers/simulator';

// A handle comes back from storage (a Redis job, a database row): whoever can write there can
// tamper with it. Nothing in it may aim the token-bearing requests of graph.resume anywhere the
// library would not have aimed them itself, and a workbook operation is never followed off Graph.
let sim: GraphSimulator;
let graph: Awaited<ReturnType<typeof startSimulator>>['graph'];
const quick: OperationOptions = { poll: { intervalMs: 5, maxIntervalMs: 5, backoffFactor: 1 }, retry: { baseDelayMs: 5, maxDelayMs: 20 } };

beforeEach(async () => ({ sim, graph } = await startSimulator()));
afterEach(() => sim.stop());

async function handleOf(source: Observable<OperationEvent<unknown>>): Promise<OperationHandle> {
  const accepted = await lastValueFrom(source.pipe(filter((e) => e.type === 'accepted'), take(1)));
  return JSON.parse(JSON.stringify((accepted as { handle: OperationHandle }).handle)) as OperationHandle;
}

/**
 * One accepted handle of every built-in kind that answers 202 (a Teams channel is created at
 * once), as a worker would find it in its queue; copies twice, into its own drive and another.
 */
async function everyKindsHandle(): Promise<OperationHandle[]> {
  const team = (await lastValueFrom(graph.teams.create({ displayName: 'T' }, quick).pipe(result())))['id'] as string;
  const book = graph.workbook('/me/drive/items/01BOOK');
  const session = await lastValueFrom(book.createSession({ persistChanges: true }, quick).pipe(result()));
  await lastValueFrom(book.addTableRow('T', [[1], [2]], { sessionId: session.id }).pipe(result()));
  const starts: Observable<OperationEvent<unknown>>[] = [
    book.createSession({ persistChanges: true }, quick),
    book.addTableRow('T', [[3]], { ...quick, sessionId: session.id }),
    book.deleteTableRow('T', 0, { ...quick, sessionId: session.id }),
    graph.driveItem('/me/drive/items/01FOLDER').copy({}, quick),
    graph.driveItem('/me/drive/items/01FOLDER').copy({ parentReference: { driveId: 'b!other', id: '01DEST' } }, quick),
    graph.driveItem('/me/drive/items/01R').assignSensitivityLabel({ sensitivityLabelId: 'l' }, quick),
    graph.teams.create({ displayName: 'R' }, quick),
    graph.teams.clone(team, { displayName: 'C', partsToClone: ['apps'] }, quick),
    graph.teams.archive(team, {}, quick),
    graph.teams.unarchive(team, quick),
    graph.onenote().copyNotebook('1-nb', {}, quick),
    graph.onenote('/groups/g7').copySection('1-s', { toSectionGroup: '1-sg' }, quick),
    graph.site('s1').copyContentTypeFromHub('0x0199', quick),
    graph.externalConnection('c9').updateSchema({ properties: [{ name: 'a', type: 'string' }] }, quick),
    graph.ediscoveryCase('c').estimateStatistics('s', quick),
    graph.ediscoveryCase('c').purgeData('s', {}, quick),
    graph.ediscoveryCase('c').exportResult('s', { displayName: 'x' }, quick),
    graph.ediscoveryCase('c').exportReport('s', { displayName: 'x' }, quick),
    graph.ediscoveryCase('c').addToReviewSet('rs', { search: { id: 's' } }, quick),
    graph.engage.createCommunity({ displayName: 'R' }, quick),
  ] as Observable<OperationEvent<unknown>>[];
  const handles: OperationHandle[] = [];
  for (const start of starts) handles.push(await handleOf(start));
  return handles;
}

describe('graph.resume refuses a handle whose params could aim the token elsewhere, before anything is sent', () => {
  // Each would turn the token-bearing read at the end (the new item, the team, the schema) into a GET of
  // something else: /me/messages/{id}/$value is a user's mail. As paths and as absolute URLs under the API root
  // (older copy handles held one).
  const MAIL = '/me/messages/AAMkAGI2/$value';
  const tampered = (apiRoot: string, monitorOrigin: string): [string, string][] => [
    ['a query that swallows the rest', `${MAIL}?`],
    ['a fragment that swallows the rest', `${MAIL}#`],
    ['dot segments', '/me/drive/../../me/messages/AAMkAGI2/$value'],
    ['encoded dot segments', '/me/drive/%2e%2e/%2E%2E/me/messages/AAMkAGI2'],
    ['an encoded slash', '/drives/x%2F..%2F..%2Fme%2Fmessages%2FAAMkAGI2'],
    ['an encoded slash alone', '/drives/me%2Fmessages'],
    ['an encoded backslash', '/drives/x%5C..%5C..%5Cme'],
    ['backslashes', '/drives/x\\..\\..\\me\\messages'],
    ['a control character', '/drives/x\r\nX-Injected: 1'],
    ['not rooted', 'me/messages/AAMkAGI2'],
    ['a scheme-relative URL', '//evil.example/v1.0/me/drive'],
    ['an absolute URL on another origin', 'https://evil.example/v1.0/me/drive'],
    ['an absolute URL on another loopback origin', `${monitorOrigin}/v1.0/me/drive`],
    ['an absolute URL on the API origin under another root', `${apiRoot.replace(/\/v1\.0$/, '/beta')}/me/drive`],
    ['an absolute URL under the API root with a query', `${apiRoot}${MAIL}?`],
    ['an absolute URL under the API root with dot segments', `${apiRoot}/me/drive/../../me/messages/AAMkAGI2`],
    ['an absolute URL under the API root with encoded dots', `${apiRoot}/me/drive/%2e%2e/%2e%2e${MAIL}`],
    ['empty', ''],
  ];

  it('for every param of every built-in kind (and a param no kind has)', async () => {
    const handles = await everyKindsHandle();
    expect(new Set(handles.map((h) => h.kind)).size).toBe(19);
    let refused = 0;
    for (const handle of handles) {
      for (const name of [...Object.keys(handle.params ?? {}), 'extra']) {
        for (const [what, value] of tampered(sim.baseUrl, sim.monitorOrigin)) {
          const before = sim.requests.length;
          const error = await failure(graph.resume({ ...handle, params: { ...handle.params, [name]: value } }, undefined, quick));
          expect({ kind: handle.kind, name, what, error: (error as Error).name }).toEqual({ kind: handle.kind, name, what, error: 'ProtocolError' });
          expect({ kind: handle.kind, name, what, sent: sim.requests.length - before }).toEqual({ kind: handle.kind, name, what, sent: 0 });
          refused++;
        }
      }
    }
    // 20 handles with an 'extra' param each, plus copy's drive (two handles), label's item, archive's and unarchive's team, site and schema.
    expect(refused).toBe((20 + 2 + 1 + 2 + 1 + 1) * 18);
  });

  it("a copy's drive must be a drive: an API path that is not one is refused too", async () => {
    const handle = await handleOf(graph.driveItem('/me/drive/items/01FOLDER').copy({}, quick));
    for (const drive of ['/me/messages/AAMkAGI2', '/me/drive/items/01X', '/drives', '/users/u/drive/root:', `${sim.baseUrl}/me/mailFolders/inbox`]) {
      const before = sim.requests.length;
      expect(await failure(graph.resume({ ...handle, params: { drive } }, undefined, quick))).toMatchObject({ name: 'ProtocolError', message: expect.stringMatching(/drive path/) });
      expect(sim.requests.length).toBe(before);
    }
  });

  it('a copy handle of versions 1 and 2 that held the drive as an absolute URL under the API root is still resumed, under that drive', async () => {
    const handle = await handleOf(graph.driveItem('/me/drive/items/01FOLDER').copy({}, quick));
    expect(handle.params).toEqual({ drive: '/me/drive' });
    const { params: _params, ...rest } = handle;
    const older = [
      { ...rest, version: 1, drive: `${sim.baseUrl}/drives/b!old` },
      { ...rest, params: { drive: `${sim.baseUrl}/drives/b!old` } },
    ];
    for (const stored of older) {
      const events = await collect(graph.resume(stored as unknown as OperationHandle, undefined, quick));
      expect(events[0]).toMatchObject({ type: 'accepted', handle: { version: 2, params: { drive: '/drives/b!old' } } });
      expect(events.at(-1)).toMatchObject({ type: 'succeeded', result: { id: expect.stringMatching(/^01COPY/) } });
      const read = sim.requests.filter((r) => r.origin === 'graph' && r.method === 'GET').at(-1)!;
      expect(read.path).toMatch(/^\/v1\.0\/drives\/b!old\/items\/01COPY\d+$/);
    }
  });
});

describe('a workbook operation is followed only on origins trusted with the token', () => {
  let evil: Evil;
  beforeEach(async () => (evil = await evilMonitor()));
  afterEach(() => evil.stop());

  it('a start whose Location is on another origin fails with a ProtocolError; the forged result is never read', async () => {
    sim.inject({ method: 'POST', path: 'createSession', action: { kind: 'location', location: `${evil.origin}/op/1` } });
    const error = await failure(graph.workbook('/me/drive/items/01BOOK').createSession({ persistChanges: true }, quick).pipe(result()));
    expect(error).toMatchObject({ name: 'ProtocolError', message: expect.stringMatching(/status URL must be on an origin trusted with the token/) });
    expect(evil.requests).toEqual([]);
  });

  it('the session id of a write in a session never reaches that origin', async () => {
    const book = graph.workbook('/me/drive/items/01BOOK');
    const session = await lastValueFrom(book.createSession({ persistChanges: true }, quick).pipe(result()));
    sim.inject({ method: 'POST', path: '/rows', action: { kind: 'location', location: `${evil.origin}/op/2` } });
    expect(await failure(book.addTableRow('T', [['x']], { ...quick, sessionId: session.id }).pipe(result()))).toMatchObject({ name: 'ProtocolError' });
    expect(evil.requests).toEqual([]);
    expect(sim.requests.filter((r) => r.sessionId === session.id).every((r) => r.origin === 'graph')).toBe(true);
  });

  it("a status from Graph that names a result on another origin: the result is not read", async () => {
    sim.inject({
      method: 'GET',
      path: '/workbook/operations/',
      times: 100,
      action: { kind: 'body', body: JSON.stringify({ id: 'op', status: 'succeeded', resourceLocation: `${evil.origin}/forged` }) },
    });
    const error = await failure(graph.workbook('/me/drive/items/01BOOK').createSession({ persistChanges: true }, quick).pipe(result()));
    expect(error).toMatchObject({ name: 'ProtocolError', message: expect.stringMatching(/result URL is not on an origin trusted with the token/) });
    expect(evil.requests).toEqual([]);
  });

  it('a resumed workbook handle whose location was moved to another origin is refused; nothing is sent there', async () => {
    const handle = await handleOf(graph.workbook('/me/drive/items/01BOOK').createSession({ persistChanges: true }, quick));
    expect(await failure(graph.resume({ ...handle, location: `${evil.origin}/op/3` }, undefined, quick))).toMatchObject({ name: 'ProtocolError' });
    expect(evil.requests).toEqual([]);
  });
});

interface Evil {
  readonly origin: string;
  readonly requests: { method: string; url: string; headers: IncomingHttpHeaders }[];
  stop(): Promise<void>;
}

/**
 * A monitor on another loopback origin (127.0.0.2, not trusted with the token) that says every
 * operation succeeded, names a result on itself and serves a forged one: what a hostile
 * Location would lead to.
 */
async function evilMonitor(): Promise<Evil> {
  const requests: Evil['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const origin = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
    const body = req.url === '/forged' ? { id: 'forged-session', persistChanges: true, index: 0, values: [['forged']] } : { id: 'op', status: 'succeeded', resourceLocation: `${origin}/forged` };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  return {
    origin: `http://127.0.0.2:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
