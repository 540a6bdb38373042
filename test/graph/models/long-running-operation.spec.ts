import { of } from 'rxjs';
import { LongRunningOperationStatusCodec } from '../../../src/graph/models/long-running-operation';
import { result } from '../../../src/lro/operators/result';
import { progress } from '../../../src/lro/operators/progress';
import { OperationFailedError } from '../../../src/core/errors/operation-failed-error';
import { DecodeError } from '../../../src/core/errors/decode-error';
import type { HttpResponse } from '../../../src/http/transport';
import { graphError, json } from '../../helpers/fake-transport';
import { ROOT, runVirtual, TOKEN, virtualClient } from '../../helpers/virtual-client';

// graph.operation({ request }) with no status model follows any of Graph's
// long-running families: the fixtures are shaped as their reference pages show.

describe('the status words of every family', () => {
  it.each([
    ['notStarted', 'notStarted', 'running'],
    ['NotStarted', 'notStarted', 'running'],
    ['running', 'running', 'running'],
    ['Running', 'running', 'running'],
    ['inProgress', 'inProgress', 'running'],
    ['inprogress', 'inProgress', 'running'],
    ['unspecified', 'unspecified', 'running'],
    ['unknownFutureValue', 'unknownFutureValue', 'running'],
    ['somethingNew', 'somethingNew', 'running'],
    ['succeeded', 'succeeded', 'succeeded'],
    ['Completed', 'completed', 'succeeded'],
    ['completed', 'completed', 'succeeded'],
    ['partiallySucceeded', 'partiallySucceeded', 'succeeded'],
    ['failed', 'failed', 'failed'],
    ['Failed', 'failed', 'failed'],
    ['submissionFailed', 'submissionFailed', 'failed'],
    ['invalid', 'invalid', 'failed'],
  ])('%p reads as %p, %p', (word, status, state) => {
    const decoded = LongRunningOperationStatusCodec.decode({ status: word });
    expect(decoded._tag === 'Right' && [decoded.right.status, decoded.right.state]).toEqual([status, state]);
  });

  it.each([
    [{ percentageComplete: 40 }, 40],
    [{ percentComplete: '55.5' }, 55.5],
    [{ percentComplete: 70 }, 70],
    [{ percentProgress: 12 }, 12],
    [{ percentComplete: 'soon' }, undefined],
  ])('progress from %p is %p', (fields, expected) => {
    const decoded = LongRunningOperationStatusCodec.decode({ status: 'running', ...fields });
    if (decoded._tag !== 'Right') throw new Error('expected a status');
    expect(decoded.right.percentageComplete).toBe(expected);
  });

  it('a body that fits none of them is a DecodeError naming the path', () => {
    expect(LongRunningOperationStatusCodec.decode({ state: 'running' })._tag).toBe('Left');
    expect(LongRunningOperationStatusCodec.decode([])._tag).toBe('Left');
    expect(LongRunningOperationStatusCodec.decode({ status: 'failed', error: 'boom' })._tag).toBe('Left');
  });
});

/** A family's Graph: the start answers 202 with its header; the status URL answers the statuses in turn. */
function family(start: HttpResponse, statusUrl: string, statuses: unknown[], extra: Record<string, unknown> = {}) {
  let n = 0;
  return virtualClient((req) => {
    if (req.method !== 'GET') return of(start);
    if (req.url === statusUrl) return of(json(200, statuses[Math.min(n++, statuses.length - 1)]));
    const found = extra[req.url];
    return of(found === undefined ? graphError(404, 'itemNotFound') : json(200, found));
  });
}

describe('graph.operation({ request }) alone', () => {
  it('teamsAsyncOperation: a relative OData-key Location under the API root; the result from targetResourceLocation', () => {
    const op = `${ROOT}/teams('t1')/operations('op1')`;
    const { scheduler, graph, transport } = family(
      { status: 202, headers: { location: "/teams('t1')/operations('op1')", 'content-location': "/teams('t1')" }, body: '' },
      op,
      [
        { id: 'op1', operationType: 'cloneTeam', status: 'notStarted' },
        { id: 'op1', operationType: 'cloneTeam', status: 'inProgress' },
        { id: 'op1', operationType: 'cloneTeam', status: 'succeeded', targetResourceId: 't2', targetResourceLocation: "/teams('t2')" },
      ],
      { [`${ROOT}/teams('t2')`]: { id: 't2', displayName: 'Copy' } },
    );
    const out = runVirtual(scheduler, graph.operation({ kind: 'teams.clone', request: { method: 'POST', url: '/teams/t1/clone', body: { displayName: 'Copy' } } }));
    expect(out.values.map((e) => (e.type === 'status' ? e.status : e.type))).toEqual(['accepted', 'notStarted', 'inProgress', 'succeeded', 'succeeded']);
    expect(out.values[out.values.length - 1]).toEqual({ type: 'succeeded', result: { id: 't2', displayName: 'Copy' } });
    expect(transport.log[transport.log.length - 1]!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('onenoteOperation: Operation-Location, PascalCase words, percentComplete as a string', () => {
    const op = `${ROOT}/me/onenote/operations/copy-1`;
    const { scheduler, graph } = family(
      { status: 202, headers: { 'operation-location': op }, body: '' },
      op,
      [
        { id: 'copy-1', status: 'Running', percentComplete: '50.0' },
        { id: 'copy-1', status: 'Completed', percentComplete: '100.0', resourceLocation: `${ROOT}/me/onenote/notebooks/nb2`, resourceId: 'nb2' },
      ],
      { [`${ROOT}/me/onenote/notebooks/nb2`]: { id: 'nb2', displayName: 'Copied' } },
    );
    const events = runVirtual(scheduler, graph.operation({ request: { method: 'POST', url: '/me/onenote/notebooks/nb1/copyNotebook', body: {} } }));
    expect(events.values.filter((e) => e.type === 'status')).toEqual([
      { type: 'status', status: 'running', percentageComplete: 50 },
      { type: 'status', status: 'completed', percentageComplete: 100 },
    ]);
    const { scheduler: s2, graph: g2 } = family(
      { status: 202, headers: { 'operation-location': op }, body: '' },
      op,
      [{ id: 'copy-1', status: 'Running', percentComplete: '50.0' }, { id: 'copy-1', status: 'Completed', percentComplete: '100.0', resourceLocation: `${ROOT}/me/onenote/notebooks/nb2` }],
      { [`${ROOT}/me/onenote/notebooks/nb2`]: { id: 'nb2' } },
    );
    expect(runVirtual(s2, g2.operation({ request: { method: 'POST', url: '/me/onenote/notebooks/nb1/copyNotebook' } }).pipe(progress())).values).toEqual([50, 100]);
  });

  it('caseOperation: partiallySucceeded ends well, and with no result location the result is the final status document', () => {
    const op = `${ROOT}/security/cases/ediscoveryCases/c1/operations/o1`;
    const final = { id: 'o1', status: 'partiallySucceeded', percentProgress: 100, action: 'estimateStatistics', indexedItemCount: 12 };
    const { scheduler, graph } = family({ status: 202, headers: { location: op }, body: '' }, op, [{ id: 'o1', status: 'running', percentProgress: 40 }, final]);
    const out = runVirtual(scheduler, graph.operation({ request: { method: 'POST', url: '/security/cases/ediscoveryCases/c1/searches/s1/estimateStatistics' } }).pipe(result()));
    expect(out.error).toBeUndefined();
    expect(out.values).toEqual([final]);
  });

  it('connectionOperation: lowercase words; failed carries Graph\'s error as OperationFailedError', () => {
    const op = `${ROOT}/external/connections/c1/operations/o1`;
    const { scheduler, graph } = family({ status: 202, headers: { location: op }, body: '' }, op, [
      { id: 'o1', status: 'inprogress' },
      { id: 'o1', status: 'failed', error: { code: 'InvalidSchema', message: 'bad', innerError: { code: 'PropertyNameTooLong' } } },
    ]);
    const out = runVirtual(scheduler, graph.operation({ request: { method: 'PATCH', url: '/external/connections/c1/schema', body: {} } }));
    expect(out.error).toBeInstanceOf(OperationFailedError);
    expect(out.error).toMatchObject({ operationStatus: 'failed', code: 'PropertyNameTooLong' });
  });

  it.each(['submissionFailed', 'invalid'])('%s fails the operation', (word) => {
    const op = `${ROOT}/x/operations/o1`;
    const { scheduler, graph } = family({ status: 202, headers: { location: op }, body: '' }, op, [{ status: word }]);
    expect(runVirtual(scheduler, graph.operation({ request: { method: 'POST', url: '/x/start' } })).error).toMatchObject({ name: 'OperationFailedError', operationStatus: word });
  });

  it('a 200 answered at once (richLongRunningOperation may): the JSON body is the result', () => {
    const { scheduler, graph } = virtualClient(() => of(json(200, { id: 'ct1', name: 'Contract' })));
    const out = runVirtual(scheduler, graph.operation({ request: { method: 'POST', url: '/sites/s1/contentTypes/addCopyFromContentTypeHub', body: { contentTypeId: '0x01' } } }).pipe(result()));
    expect(out.values).toEqual([{ id: 'ct1', name: 'Contract' }]);
  });

  it('a status body that fits no family is a DecodeError naming $.status', () => {
    const op = `${ROOT}/x/operations/o1`;
    const { scheduler, graph } = family({ status: 202, headers: { location: op }, body: '' }, op, [{ state: 'running' }]);
    const out = runVirtual(scheduler, graph.operation({ request: { method: 'POST', url: '/x/start' } }));
    expect(out.error).toBeInstanceOf(DecodeError);
    expect((out.error as DecodeError).path).toBe('$.status');
  });
});
