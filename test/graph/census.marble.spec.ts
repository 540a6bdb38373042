import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestScheduler } from 'rxjs/testing';
import { createGraphClient } from '../../src/client';
import { graphAccepted, graphJson, marbleTransport, type MarbleAnswer } from '../../src/testing';
import { OperationFailedError } from '../../src/core/errors/operation-failed-error';
import { ProtocolError } from '../../src/core/errors/protocol-error';
import { longRunningOperationStatus } from '../../src/graph/models/long-running-operation';
import { decodeOrThrow } from '../../src/core/codecs/decode';

/** The word the default model reports: the census's canonical spelling (`inprogress` is reported `inProgress`). */
const reportedWord = (document: unknown): string => longRunningOperationStatus.describe(decodeOrThrow(longRunningOperationStatus.codec as never, document, {})).status;

// Every status word of Graph v1.0's asynchronous resources (the census fixture),
// through graph.operation({ request }) with no status model, in virtual time:
// a monitor answers 202 + Location; a job resource answers 201 with itself.
// Each type's running words are each reported once, then an ending word ends it
// as the census says, with one poll per word and nothing after the last.

const ROOT = 'https://graph.microsoft.com/v1.0';
interface CensusType {
  readonly type: string;
  readonly shape: 'monitor' | 'job';
  readonly statusProperty: 'status' | 'status/state';
  readonly enum: string;
}
const census = JSON.parse(readFileSync(join(__dirname, '../fixtures/graph-census.json'), 'utf8')) as { enums: Record<string, string[]>; types: CensusType[] };
const ENDINGS: Record<string, 'succeeded' | 'failed'> = {
  succeeded: 'succeeded', completed: 'succeeded', Completed: 'succeeded', complete: 'succeeded', done: 'succeeded', ready: 'succeeded', created: 'succeeded', draft: 'succeeded',
  partiallySucceeded: 'succeeded', partiallySuccessful: 'succeeded', completedWithError: 'succeeded',
  failed: 'failed', Failed: 'failed', error: 'failed', cancelled: 'failed', invalid: 'failed', submissionFailed: 'failed',
};
const PARTIAL = new Set(['partiallySucceeded', 'partiallySuccessful', 'completedWithError']);

const body = (t: CensusType, word: string, extra: Record<string, unknown> = {}) =>
  t.statusProperty === 'status/state' ? { id: 'j1', status: { state: word, description: '' }, ...extra } : { id: 'j1', status: word, ...extra };

const cases = census.types.flatMap((t) => {
  const words = census.enums[t.enum]!;
  const running = words.filter((w) => ENDINGS[w] === undefined);
  return words.filter((w) => ENDINGS[w] !== undefined).map((ending) => [`${t.type.replace('microsoft.graph.', '')} ${t.shape}, ending ${ending}`, t, running, ending] as const);
});

describe('the census in marbles: every ending word of every type, after its running words', () => {
  it.each(cases)('%s', (_name, t, running, ending) => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold }) => {
      const statusUrl = t.shape === 'job' ? `${ROOT}/census/jobs/j1` : `${ROOT}/census/operations/o1`;
      const [first, ...rest] = running;
      const polled = t.shape === 'job' ? [...rest, ending] : [...running, ending];
      const routes: Record<string, MarbleAnswer[]> = {
        'POST /census/jobs': [{ marble: '-(a|)', values: { a: t.shape === 'job' ? graphJson(body(t, first!), 201) : graphAccepted(statusUrl) } }],
        [`GET ${statusUrl.slice(ROOT.length)}`]: polled.map((w) => ({ marble: '-(s|)', values: { s: graphJson(body(t, w)) } })),
      };
      const transport = marbleTransport(scheduler, cold, routes);
      const graph = createGraphClient({ token: 'tok', transport, scheduler, poll: { intervalMs: 100, backoffFactor: 1 } });
      const events = graph.operation({ request: { method: 'POST', url: '/census/jobs' } });
      const reported = t.shape === 'job' ? [first!, ...rest] : running;
      const values: Record<string, unknown> = { a: expect.objectContaining({ type: 'accepted', location: statusUrl }) };
      reported.forEach((w, i) => (values[`s${i}`] = { type: 'status', status: reportedWord(body(t, w)) }));
      values['e'] = { type: 'status', status: reportedWord(body(t, ending)) };
      const final = body(t, ending);
      values['d'] = PARTIAL.has(ending) ? { type: 'succeeded', result: final, partial: true } : { type: 'succeeded', result: final };
      // Accepted at 1 (a job's first word with it); each poll 100 ms after the last answer, answered 1 ms later.
      const out: unknown[] = [];
      let error: unknown;
      events.subscribe({ next: (e) => out.push(e), error: (e: unknown) => (error = e) });
      scheduler.flush();
      expect(out.slice(0, reported.length + 2)).toEqual([values['a'], ...reported.map((_, i) => values[`s${i}`]), values['e']]);
      if (ENDINGS[ending] === 'succeeded') {
        expect(out[out.length - 1]).toEqual(values['d']);
        expect(error).toBeUndefined();
      } else {
        expect(error).toBeInstanceOf(OperationFailedError);
        expect(error).toMatchObject({ operationStatus: reportedWord(body(t, ending)), url: statusUrl });
      }
      // One poll per word after the start, 101 ms apart; nothing after the last; the token on every one; unknown enum members asked for.
      const polls = transport.requests.filter((r) => r.method === 'GET');
      expect(polls.map((r) => r.at)).toEqual(polled.map((_, i) => 101 + 101 * i));
      expect(polls.every((r) => r.headers['authorization'] === 'Bearer tok' && r.headers['prefer'] === 'include-unknown-enum-members')).toBe(true);
      expect(transport.requests.every((r) => !r.aborted)).toBe(true);
    });
  });
});

describe('a synchronous answer is a job only when Graph says so', () => {
  const run = (answer: { status: number; body: unknown }, more: Record<string, MarbleAnswer[]> = {}) => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    let transport!: ReturnType<typeof marbleTransport>;
    scheduler.run(({ cold, expectObservable }) => {
      transport = marbleTransport(scheduler, cold, { 'POST /start': [{ marble: '-(a|)', values: { a: graphJson(answer.body, answer.status) } }], ...more });
      const graph = createGraphClient({ token: 'tok', transport, scheduler, poll: { intervalMs: 100, backoffFactor: 1 } });
      expectObservable(graph.operation({ request: { method: 'POST', url: '/start' } })).toBe('-(d|)', { d: { type: 'succeeded', result: answer.body } });
    });
    return transport.requests;
  };

  it.each([
    ['a 201 with no status word', 201, { id: 'x', displayName: 'thing' }],
    ['a 201 whose word means done', 201, { id: 'x', status: 'completed' }],
    ['a 201 with a word no census type has', 201, { id: 'x', status: 'provisioning' }],
    ["a call's commsOperation (200, running, updated only by notification)", 200, { '@odata.type': '#microsoft.graph.playPromptOperation', id: 'op', status: 'running' }],
    ['an unchanged delegated admin assignment (200, active means done there)', 200, { '@odata.type': '#microsoft.graph.delegatedAdminAccessAssignment', id: 'a', status: 'active' }],
  ])('%s ends at once, with no poll', (_name, status, document) => {
    const requests = run({ status, body: document });
    expect(requests.map((r) => r.method)).toEqual(['POST']);
  });

  it("createSnapshot's 200 job is polled where it lives (its entity set), not under the URL it was posted to", () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const job = { '@odata.context': `${ROOT}/$metadata#admin/configurationManagement/configurationSnapshotJobs/$entity`, id: 'snap1', status: 'notStarted' };
      const transport = marbleTransport(scheduler, cold, {
        'POST /configurationSnapshots/createSnapshot': [{ marble: '-(a|)', values: { a: graphJson(job, 200) } }],
        'GET /admin/configurationManagement/configurationSnapshotJobs/snap1': [{ marble: '-(s|)', values: { s: graphJson({ ...job, status: 'partiallySuccessful' }) } }],
      });
      const graph = createGraphClient({ token: 'tok', transport, scheduler, poll: { intervalMs: 100 } });
      expectObservable(graph.operation({ request: { method: 'POST', url: '/admin/configurationManagement/configurationSnapshots/createSnapshot', body: { displayName: 'x', resources: [] } } })).toBe('-(ab) 97ms (cd|)', {
        a: expect.objectContaining({ type: 'accepted', location: `${ROOT}/admin/configurationManagement/configurationSnapshotJobs/snap1`, handle: expect.objectContaining({ model: 'default' }) }),
        b: { type: 'status', status: 'notStarted' },
        c: { type: 'status', status: 'partiallySuccessful' },
        d: { type: 'succeeded', result: { ...job, status: 'partiallySuccessful' }, partial: true },
      });
    });
  });
});

describe('the typed shortcuts of the census, in marbles', () => {
  let scheduler: TestScheduler;
  beforeEach(() => (scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))));

  it('deviceManagement.exportReport: 201 notStarted, polled at exportJobs/{id}, ends with the download url', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const job = { id: 'Devices_1', reportName: 'Devices', status: 'notStarted', url: null };
      const transport = marbleTransport(scheduler, cold, {
        'POST /deviceManagement/reports/exportJobs': [{ marble: '-(a|)', values: { a: graphJson(job, 201) } }],
        'GET /exportJobs/Devices_1': [
          { marble: '-(s|)', values: { s: graphJson({ ...job, status: 'inProgress' }) } },
          { marble: '-(s|)', values: { s: graphJson({ ...job, status: 'completed', url: 'https://blob.example/Devices_1.zip?sig=x' }) } },
        ],
      });
      const graph = createGraphClient({ token: 'tok', transport, scheduler, poll: { intervalMs: 1000, backoffFactor: 1 } });
      expectObservable(graph.deviceManagement.exportReport({ reportName: 'Devices', format: 'csv' })).toBe('-(ab) 997ms c 1000ms (ed|)', {
        a: { type: 'accepted', location: `${ROOT}/deviceManagement/reports/exportJobs/Devices_1`, handle: { version: 2, kind: 'deviceManagement.exportReport', location: `${ROOT}/deviceManagement/reports/exportJobs/Devices_1`, apiRoot: ROOT } },
        b: { type: 'status', status: 'notStarted' },
        c: { type: 'status', status: 'inProgress' },
        e: { type: 'status', status: 'completed' },
        d: { type: 'succeeded', result: 'https://blob.example/Devices_1.zip?sig=x' },
      });
      scheduler.flush();
      expect(transport.requests[0]!.body).toBe(JSON.stringify({ reportName: 'Devices', format: 'csv' }));
    });
  });

  it('security.queryAuditLog: the records of every page, up to maxRecords, next pages only on trusted origins', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const query = { id: 'q1', status: 'running' };
      const page = (ids: string[], next?: string) => graphJson({ value: ids.map((id) => ({ id, operation: 'FileAccessed' })), ...(next ? { '@odata.nextLink': next } : {}) });
      const transport = marbleTransport(scheduler, cold, {
        'POST /security/auditLog/queries': [{ marble: '-(a|)', values: { a: graphJson(query, 201) } }],
        'GET /queries/q1': [{ marble: '-(s|)', values: { s: graphJson({ ...query, status: 'succeeded' }) } }],
        'GET /queries/q1/records': [
          { marble: '-(p|)', values: { p: page(['r1', 'r2'], `${ROOT}/security/auditLog/queries/q1/records?$skiptoken=2`) } },
          { marble: '-(p|)', values: { p: page(['r3', 'r4'], `${ROOT}/security/auditLog/queries/q1/records?$skiptoken=4`) } },
        ],
      });
      const graph = createGraphClient({ token: 'tok', transport, scheduler, poll: { intervalMs: 100 } });
      const q = { filterStartDateTime: '2026-11-01T00:00:00Z', filterEndDateTime: '2026-11-02T00:00:00Z' };
      expectObservable(graph.security.queryAuditLog(q, { maxRecords: 3 })).toBe('-(ab) 97ms c 1ms (d|)', {
        a: expect.objectContaining({ type: 'accepted', location: `${ROOT}/security/auditLog/queries/q1` }),
        b: { type: 'status', status: 'running' },
        c: { type: 'status', status: 'succeeded' },
        d: { type: 'succeeded', result: ['r1', 'r2', 'r3'].map((id) => ({ id, operation: 'FileAccessed' })) },
      });
      scheduler.flush();
      expect(transport.requests.map((r) => `${r.method} ${r.url.slice(ROOT.length)}`)).toEqual([
        'POST /security/auditLog/queries',
        'GET /security/auditLog/queries/q1',
        'GET /security/auditLog/queries/q1/records',
        'GET /security/auditLog/queries/q1/records?$skiptoken=2',
      ]);
    });
  });

  it('security.queryAuditLog refuses a next page on another origin instead of sending it the token', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const transport = marbleTransport(scheduler, cold, {
        'POST /security/auditLog/queries': [{ marble: '-(a|)', values: { a: graphJson({ id: 'q1', status: 'succeeded' }, 201) } }],
        'GET /queries/q1/records': [{ marble: '-(p|)', values: { p: graphJson({ value: [{ id: 'r1' }], '@odata.nextLink': 'https://attacker.example/records' }) } }],
      });
      const graph = createGraphClient({ token: 'tok', transport, scheduler });
      const q = { filterStartDateTime: '2026-11-01T00:00:00Z', filterEndDateTime: '2026-11-02T00:00:00Z' };
      // Created already succeeded: reported, then its first page read (at 1, answered at 2), whose next link is refused.
      const seen: [number, string][] = [];
      graph.security.queryAuditLog(q).subscribe({ next: (e) => seen.push([scheduler.now(), e.type]), error: (e: unknown) => seen.push([scheduler.now(), (e as Error).name]) });
      scheduler.flush();
      expect(seen).toEqual([[1, 'accepted'], [1, 'status'], [2, 'ProtocolError']]);
      void expectObservable;
      void ProtocolError;
      expect(transport.requests.some((r) => r.url.includes('attacker'))).toBe(false);
    });
  });

  it('user.exportPersonalData: waits the 60 s Graph asks for, then ends with the complete dataPolicyOperation', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const transport = marbleTransport(scheduler, cold, {
        'POST /users/u1/exportPersonalData': [{ marble: '-(a|)', values: { a: graphAccepted(`${ROOT}/dataPolicyOperations/d1`, 60) } }],
        'GET /dataPolicyOperations/d1': [{ marble: '-(s|)', values: { s: graphJson({ id: 'd1', status: 'complete', progress: 100 }) } }],
      });
      const graph = createGraphClient({ token: 'tok', transport, scheduler });
      expectObservable(graph.user('u1').exportPersonalData('https://contoso.blob.core.windows.net/exports?sv=1')).toBe('-a 60000ms (sd|)', {
        a: expect.objectContaining({ type: 'accepted' }),
        s: { type: 'status', status: 'complete', percentageComplete: 100 },
        d: { type: 'succeeded', result: { id: 'd1', status: 'complete', progress: 100 } },
      });
    });
  });

  it('print.createPrinter: Operation-Location, the nested status.state, ends with the printer', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const op = `${ROOT}/print/operations/p1`;
      const transport = marbleTransport(scheduler, cold, {
        'POST /print/printers/create': [{ marble: '-(a|)', values: { a: { status: 202, headers: { 'operation-location': op, 'retry-after': '5' }, body: '' } } }],
        'GET /print/operations/p1': [
          { marble: '-(s|)', values: { s: graphJson({ id: 'p1', status: { state: 'running', description: '' } }) } },
          { marble: '-(s|)', values: { s: graphJson({ id: 'p1', status: { state: 'succeeded', description: 'done' }, printer: { id: 'pr1', displayName: 'Floor 3' } }) } },
        ],
      });
      const graph = createGraphClient({ token: 'tok', transport, scheduler, poll: { intervalMs: 1000, backoffFactor: 1 } });
      const request = { displayName: 'Floor 3', manufacturer: 'Contoso', model: 'LX', certificateSigningRequest: { content: 'c', transportKey: 'k' } };
      expectObservable(graph.print.createPrinter(request)).toBe('-a 5000ms b 1000ms (cd|)', {
        a: expect.objectContaining({ type: 'accepted', location: op }),
        b: { type: 'status', status: 'running' },
        c: { type: 'status', status: 'succeeded' },
        d: { type: 'succeeded', result: { id: 'pr1', displayName: 'Floor 3' } },
      });
    });
  });

  it('backupRestore.activateRestoreSession: 200 activating, polled at restoreSessions/{id}, completedWithError is a partial success', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const session = { '@odata.id': '/solutions/backupRestore/sharepointRestoreSessions(s1)', id: 's1', status: 'activating', restoreSessionArtifactCount: { total: 2, completed: 0, failed: 0, inProgress: 2 } };
      const transport = marbleTransport(scheduler, cold, {
        'POST /restoreSessions/s1/activate': [{ marble: '-(a|)', values: { a: graphJson(session, 200) } }],
        'GET /solutions/backupRestore/restoreSessions/s1': [
          { marble: '-(s|)', values: { s: graphJson({ ...session, status: 'active', restoreSessionArtifactCount: { total: 2, completed: 1, failed: 0, inProgress: 1 } }) } },
          { marble: '-(s|)', values: { s: graphJson({ ...session, status: 'completedWithError', restoreSessionArtifactCount: { total: 2, completed: 1, failed: 1, inProgress: 0 } }) } },
        ],
      });
      const graph = createGraphClient({ token: 'tok', transport, scheduler, poll: { intervalMs: 1000, backoffFactor: 1 } });
      expectObservable(graph.backupRestore.activateRestoreSession('s1')).toBe('-(ab) 997ms c 1000ms (ed|)', {
        a: { type: 'accepted', location: `${ROOT}/solutions/backupRestore/restoreSessions/s1`, handle: expect.objectContaining({ kind: 'backupRestore.activateRestoreSession', params: { session: '/solutions/backupRestore/restoreSessions/s1' } }) },
        b: { type: 'status', status: 'activating', percentageComplete: 0 },
        c: { type: 'status', status: 'active', percentageComplete: 50 },
        e: { type: 'status', status: 'completedWithError', percentageComplete: 100 },
        d: expect.objectContaining({ type: 'succeeded', partial: true, result: expect.objectContaining({ status: 'completedWithError' }) }),
      });
      scheduler.flush();
      expect(transport.requests.filter((r) => r.method === 'GET').every((r) => r.headers['prefer'] === 'include-unknown-enum-members')).toBe(true);
    });
  });

  it('graph.run runs each census shortcut by its kind name, with the same arguments, checked before anything is sent', () => {
    const graph = createGraphClient({ token: 'tok', transport: () => { throw new Error('nothing may be sent'); } });
    expect(() => graph.run('deviceManagement.exportReport', [{ reportName: '../x' }])).toThrow(TypeError);
    expect(() => graph.run('user.exportPersonalData', ['u1', 'http://insecure.example/x'])).toThrow(TypeError);
    expect(() => graph.run('security.queryAuditLog', [{ filterStartDateTime: 'yesterday', filterEndDateTime: 'today' }])).toThrow(TypeError);
    expect(() => graph.run('print.createPrinter', [{ displayName: 'x' }])).toThrow(TypeError);
    expect(() => graph.run('backupRestore.activateRestoreSession', ['..'])).toThrow(TypeError);
    expect(() => graph.run('no.suchKind', [])).toThrow(/knows no operation/);
  });
});

describe('resume: job resources, and graph.operation({ request }) handles without their spec', () => {
  const routes = (): Record<string, MarbleAnswer[]> => ({
    'GET /deviceManagement/reports/exportJobs/Devices_1': [{ marble: '-(s|)', values: { s: graphJson({ id: 'Devices_1', status: 'completed', url: 'https://blob.example/d.zip' }) } }],
    'GET /census/operations/o1': [{ marble: '-(s|)', values: { s: graphJson({ id: 'o1', status: 'complete', progress: 100 }) } }],
  });

  it('an export job resumes from its handle alone, in another client, and ends with its url', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const transport = marbleTransport(scheduler, cold, routes());
      const graph = createGraphClient({ token: 'tok', transport, scheduler, poll: { intervalMs: 100 } });
      const handle = { version: 2 as const, kind: 'deviceManagement.exportReport', location: `${ROOT}/deviceManagement/reports/exportJobs/Devices_1`, apiRoot: ROOT };
      expectObservable(graph.resume(handle)).toBe('a 100ms (bd|)', {
        a: { type: 'accepted', location: handle.location, handle },
        b: { type: 'status', status: 'completed' },
        d: { type: 'succeeded', result: 'https://blob.example/d.zip' },
      });
    });
  });

  it("a handle from graph.operation({ request }) with the default model resumes without its spec; one with a model of its own still needs it", () => {
    let handle: unknown;
    const first = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    first.run(({ cold }) => {
      const transport = marbleTransport(first, cold, { 'POST /users/u/exportPersonalData': [{ marble: '-(a|)', values: { a: graphAccepted(`${ROOT}/census/operations/o1`) } }], ...routes() });
      const graph = createGraphClient({ token: 'tok', transport, scheduler: first, poll: { intervalMs: 100 } });
      graph.operation({ kind: 'exports.personal', request: { method: 'POST', url: '/users/u/exportPersonalData', body: { storageLocation: 'https://s.example/c' } } }).subscribe((e) => {
        if (e.type === 'accepted') handle = e.handle;
      });
    });
    expect(handle).toEqual({ version: 2, kind: 'exports.personal', location: `${ROOT}/census/operations/o1`, apiRoot: ROOT, model: 'default' });
    const second = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    second.run(({ cold, expectObservable }) => {
      const resumed = createGraphClient({ token: 'tok', transport: marbleTransport(second, cold, routes()), scheduler: second, poll: { intervalMs: 100 } });
      expectObservable(resumed.resume(handle as never)).toBe('a 100ms (bd|)', {
        a: expect.objectContaining({ type: 'accepted' }),
        b: { type: 'status', status: 'complete', percentageComplete: 100 },
        d: { type: 'succeeded', result: { id: 'o1', status: 'complete', progress: 100 } },
      });
      const { model: _marker, ...withoutMarker } = handle as Record<string, unknown>;
      expectObservable(resumed.resume(withoutMarker as never)).toBe('#', undefined, expect.objectContaining({ name: 'ProtocolError' }));
    });
  });
});
