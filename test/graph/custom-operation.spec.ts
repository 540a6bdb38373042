import * as t from 'io-ts';
import { filter, of, take } from 'rxjs';
import { result } from '../../src/lro/operators/result';
import type { OperationSpec } from '../../src/graph/custom-operation';
import type { OperationHandle } from '../../src/lro/operation-handle';
import { OperationFailedError } from '../../src/core/errors/operation-failed-error';
import { ProtocolError } from '../../src/core/errors/protocol-error';
import { DecodeError } from '../../src/core/errors/decode-error';
import { GraphHttpError } from '../../src/core/errors/graph-http-error';
import { RESULT_NOT_FOUND_RETRIES } from '../../src/lro/fetch-result';
import { accepted, graphError, json } from '../helpers/fake-transport';
import { ROOT, runVirtual, TOKEN, virtualClient } from '../helpers/virtual-client';
import * as seeds from '../fixtures/seeds';

const TeamsAsyncOperation = t.type({ id: t.string, status: t.string, targetResourceId: t.union([t.string, t.null]) });
type TeamsAsyncOperation = t.TypeOf<typeof TeamsAsyncOperation>;

const cloneTeam: OperationSpec<TeamsAsyncOperation, string | null> = {
  kind: 'teams.clone',
  request: { method: 'POST', url: '/teams/t1/clone', body: { displayName: 'Copy', partsToClone: 'apps,tabs' } },
  status: {
    codec: TeamsAsyncOperation,
    describe: (s) => ({ status: s.status }),
    state: (s) => (s.status === 'succeeded' ? 'succeeded' : s.status === 'failed' ? 'failed' : 'running'),
  },
  resultFromStatus: (s) => s.targetResourceId,
};

describe('graph.operation: any 202 + Location operation', () => {
  it("drives a teamsAsyncOperation; a Location like /teams('…')/operations('…') resolves under the API root", () => {
    let polls = 0;
    const { scheduler, transport, graph } = virtualClient((req) =>
      req.method === 'POST'
        ? of(accepted("/teams('t1')/operations('op1')"))
        : of(json(200, { id: 'op1', status: ++polls < 2 ? 'inProgress' : 'succeeded', targetResourceId: polls < 2 ? null : 'team-2' })),
    );
    const out = runVirtual(scheduler, graph.operation(cloneTeam));
    expect(out.values).toEqual([
      { type: 'accepted', location: `${ROOT}/teams('t1')/operations('op1')`, handle: expect.objectContaining({ kind: 'teams.clone' }) },
      { type: 'status', status: 'inProgress' },
      { type: 'status', status: 'succeeded' },
      { type: 'succeeded', result: 'team-2' },
    ]);
    expect(transport.log[0]).toMatchObject({ method: 'POST', url: `${ROOT}/teams/t1/clone`, headers: { prefer: 'respond-async', authorization: `Bearer ${TOKEN}` } });
    expect(transport.log[1]!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('fails typed, with the spec-provided error chain', () => {
    const spec = { ...cloneTeam, status: { ...cloneTeam.status!, error: () => ({ code: 'Conflict', innerError: { code: 'teamNameTaken' } }) } };
    const { scheduler, graph } = virtualClient((req) =>
      req.method === 'POST' ? of(accepted("/teams('t1')/operations('op1')")) : of(json(200, { id: 'op1', status: 'failed', targetResourceId: null })),
    );
    const out = runVirtual(scheduler, graph.operation(spec));
    expect(out.error).toBeInstanceOf(OperationFailedError);
    expect((out.error as OperationFailedError).code).toBe('teamNameTaken');
  });

  it('decodes a status that does not match the spec codec into a DecodeError', () => {
    const { scheduler, graph } = virtualClient((req) => (req.method === 'POST' ? of(accepted('/x/op')) : of(json(200, { status: 'running' }))));
    const error = runVirtual(scheduler, graph.operation(cloneTeam)).error as DecodeError;
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.path).toBe('$.id');
  });

  it('a succeeded status with neither a result URL nor resultFromStatus is a ProtocolError', () => {
    const { resultFromStatus: _ignored, ...noResult } = cloneTeam;
    const { scheduler, graph } = virtualClient((req) => (req.method === 'POST' ? of(accepted('/x/op')) : of(json(200, { id: 'x', status: 'succeeded', targetResourceId: 'y' }))));
    expect(runVirtual(scheduler, graph.operation(noResult)).error).toBeInstanceOf(ProtocolError);
  });
});

describe('eventual consistency', () => {
  it('a 404 on the result GET right after succeeded is retried briefly, on the scheduler', () => {
    let reads = 0;
    const { scheduler, transport, graph } = virtualClient((req) => {
      if (req.method === 'POST') return of(accepted(`${ROOT}/me/drive/items/X/workbook/operations/1`));
      if (req.url.endsWith('/operations/1')) return of(json(200, seeds.OPERATION_SUCCEEDED));
      return of(++reads < 3 ? graphError(404, 'itemNotFound') : json(200, seeds.SESSION_INFO));
    });
    const out = runVirtual(scheduler, graph.workbook('/me/drive/items/X').createSession({ persistChanges: true }).pipe(result()));
    expect(out.values).toEqual([{ id: 'id-value', persistChanges: true }]);
    expect(transport.log.slice(2).map((r) => r.at)).toEqual([100, 150, 250]);
  });

  it('gives up after a bounded number of 404s with the GraphHttpError', () => {
    const { scheduler, transport, graph } = virtualClient((req) => {
      if (req.method === 'POST') return of(accepted(`${ROOT}/me/drive/items/X/workbook/operations/1`));
      if (req.url.endsWith('/operations/1')) return of(json(200, seeds.OPERATION_SUCCEEDED));
      return of(graphError(404, 'itemNotFound'));
    });
    const out = runVirtual(scheduler, graph.workbook('/me/drive/items/X').createSession({ persistChanges: true }));
    expect(out.error).toBeInstanceOf(GraphHttpError);
    expect(transport.log.filter((r) => r.url.includes('sessionInfoResource'))).toHaveLength(1 + RESULT_NOT_FOUND_RETRIES);
  });
});

describe('resume', () => {
  const opUrl = `${ROOT}/me/drive/items/X/workbook/operations/1`;
  const graphHandler = (req: { method: string; url: string }) =>
    req.method === 'POST' ? of(accepted(opUrl)) : req.url === opUrl ? of(json(200, seeds.OPERATION_SUCCEEDED)) : of(json(200, seeds.SESSION_INFO));

  it('turns an accepted operation into a JSON handle without secrets, and resumes it elsewhere', () => {
    const first = virtualClient(graphHandler);
    const accepted$ = first.graph.workbook('/me/drive/items/X').createSession({ persistChanges: true }).pipe(
      filter((e) => e.type === 'accepted'),
      take(1),
    );
    const event = runVirtual(first.scheduler, accepted$).values[0]!;
    const json = JSON.stringify((event as { handle: OperationHandle }).handle);
    expect(json).not.toContain(TOKEN);
    expect(JSON.parse(json)).toEqual({ version: 2, kind: 'workbook.createSession', location: opUrl, apiRoot: ROOT });
    // Only the POST left; now another process picks the job up.
    expect(first.transport.log).toHaveLength(1);
    const second = virtualClient(graphHandler);
    const out = runVirtual(second.scheduler, second.graph.resume(JSON.parse(json)).pipe(result()));
    expect(out.values).toEqual([{ id: 'id-value', persistChanges: true }]);
    expect(second.transport.log.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('resumes a copy with its drive, and a custom operation with its spec', () => {
    const { scheduler, graph, transport } = virtualClient((req) =>
      req.url.includes('monitor') ? of(json(202, JSON.parse(seeds.MONITOR_COMPLETED))) : of(json(200, seeds.COPIED_ITEM)),
    );
    const copy = runVirtual(scheduler, graph.resume({ version: 2, kind: 'driveItem.copy', location: 'https://api.onedrive.com/monitor/1', apiRoot: ROOT, params: { drive: `${ROOT}/drives/d9` } }).pipe(result()));
    expect(copy.values[0]).toMatchObject({ id: '01MOWKYVJML57KN2ANMBA3JZJS2MBGC7KM' });
    expect(transport.log.pop()!.url).toBe(`${ROOT}/drives/d9/items/01MOWKYVJML57KN2ANMBA3JZJS2MBGC7KM`);
    // A version 1 handle, stored before params existed, still resumes.
    const legacy = { version: 1, kind: 'driveItem.copy', location: 'https://api.onedrive.com/monitor/1', apiRoot: ROOT, drive: `${ROOT}/drives/d8` };
    expect(runVirtual(scheduler, graph.resume(legacy as never).pipe(result())).values).toHaveLength(1);
    expect(transport.log.pop()!.url).toBe(`${ROOT}/drives/d8/items/01MOWKYVJML57KN2ANMBA3JZJS2MBGC7KM`);
    // A handle naming a drive on another origin is refused.
    const foreign = { version: 2, kind: 'driveItem.copy', location: 'https://api.onedrive.com/monitor/1', apiRoot: ROOT, params: { drive: 'https://evil.example/v1.0/me/drive' } };
    expect(runVirtual(scheduler, graph.resume(foreign as never).pipe(result())).error).toBeInstanceOf(ProtocolError);
  });

  it('refuses a malformed handle, an unknown kind without spec, and a forbidden scheme', () => {
    const { scheduler, graph, transport } = virtualClient(() => of(json(200, {})));
    expect(runVirtual(scheduler, graph.resume({ kind: 'x' } as unknown as OperationHandle)).error).toBeInstanceOf(DecodeError);
    expect(runVirtual(scheduler, graph.resume({ version: 2, kind: 'contoso.unknownKind', location: `${ROOT}/x`, apiRoot: ROOT })).error).toBeInstanceOf(ProtocolError);
    expect(runVirtual(scheduler, graph.resume({ version: 2, kind: 'workbook.createSession', location: 'file:///etc/passwd', apiRoot: ROOT })).error).toBeInstanceOf(ProtocolError);
    expect(transport.log).toHaveLength(0);
  });
});
