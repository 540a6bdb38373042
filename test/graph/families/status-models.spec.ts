import { teamsAsyncOperationStatus } from '../../../src/graph/teams/teams-async-operation';
import { richLongRunningOperationStatus } from '../../../src/graph/models/rich-long-running-operation';
import { onenoteOperationStatus } from '../../../src/graph/onenote/onenote-operation';
import { connectionOperationStatus } from '../../../src/graph/search/connection-operation';
import { caseOperationStatus } from '../../../src/graph/ediscovery/case-operation';
import type { StatusModel } from '../../../src/lro/operation-types';
import { toIoDecoder } from '../../../src/core/codecs/decoder';
import { decodeOrThrow } from '../../../src/core/codecs/decode';

// Status documents shaped as each family's reference page shows them
// (Get operation examples), with what the family's model makes of them.

function read<S>(model: StatusModel<S>, body: unknown) {
  const status = decodeOrThrow(toIoDecoder(model.codec), body, {});
  return { state: model.state(status), report: model.describe(status), error: model.error?.(status) };
}

describe('per-family status models read the documents of Graph\'s reference pages', () => {
  it.each([
    ['teams in progress', teamsAsyncOperationStatus, { id: 'c7c34e52', operationType: 'archiveTeam', createdDateTime: '2018-01-01T00:00:00.0000000Z', status: 'inProgress', lastActionDateTime: '2018-01-01T00:00:00.0000000Z', attemptsCount: 1, targetResourceId: 'fa4aa5a2', targetResourceLocation: "/groups('fa4aa5a2')/team", error: null }, 'running', { status: 'inProgress' }],
    ['teams succeeded', teamsAsyncOperationStatus, { id: 'x', operationType: 'cloneTeam', status: 'succeeded', targetResourceId: 't', targetResourceLocation: "/teams('t')" }, 'succeeded', { status: 'succeeded' }],
    ['teams invalid', teamsAsyncOperationStatus, { status: 'invalid', error: { code: 'BadRequest', message: 'invalid' } }, 'failed', { status: 'invalid' }],
    ['teams newer word', teamsAsyncOperationStatus, { status: 'queuedForRetry' }, 'running', { status: 'queuedForRetry' }],
    ['rich running', richLongRunningOperationStatus, { id: 'op1', createdDateTime: '2022-01-24T17:28:00Z', status: 'running', percentageComplete: 42, type: 'contentTypeCopy' }, 'running', { status: 'running', percentageComplete: 42 }],
    ['rich succeeded', richLongRunningOperationStatus, { id: 'op1', status: 'succeeded', resourceId: '0x0101', resourceLocation: 'https://graph.microsoft.com/v1.0/sites/s/contentTypes/0x0101' }, 'succeeded', { status: 'succeeded' }],
    ['engagement (longRunningOperation words)', richLongRunningOperationStatus, { id: 'e1', status: 'notStarted', operationType: 'createCommunity', statusDetail: null }, 'running', { status: 'notStarted' }],
    ['onenote running', onenoteOperationStatus, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/onenote/operations/$entity', id: 'copy-abc', status: 'Running', createdDateTime: '2016-03-08T23:12:51Z', percentComplete: '50.0' }, 'running', { status: 'Running', percentageComplete: 50 }],
    ['onenote completed, any case', onenoteOperationStatus, { id: 'copy-abc', status: 'completed', resourceLocation: 'https://graph.microsoft.com/v1.0/me/onenote/notebooks/1-nb', resourceId: '1-nb', percentComplete: '100.0' }, 'succeeded', { status: 'Completed', percentageComplete: 100 }],
    ['onenote failed', onenoteOperationStatus, { status: 'Failed', error: { code: '20102', message: 'The requested resource does not exist.' } }, 'failed', { status: 'Failed' }],
    ['onenote garbage progress is no progress', onenoteOperationStatus, { status: 'Running', percentComplete: 'half' }, 'running', { status: 'Running' }],
    ['connector in progress', connectionOperationStatus, { id: '1.neu.0278337E599FC8DBF5607ED12CF463E4.6410CCF8F6DB8758539FB58EB56BF8DC', status: 'inprogress', error: null }, 'running', { status: 'inprogress' }],
    ['connector completed', connectionOperationStatus, { id: 'x', status: 'completed' }, 'succeeded', { status: 'completed' }],
    ['case estimate succeeded', caseOperationStatus, { '@odata.type': '#microsoft.graph.security.ediscoveryEstimateOperation', id: 'b6c5a6e0', createdDateTime: '2022-05-23T16:51:14Z', completedDateTime: '2022-05-23T16:51:53Z', percentProgress: 100, status: 'succeeded', action: 'estimateStatistics', indexedItemCount: 1108, indexedItemsSize: 3390707, unindexedItemCount: 0, mailboxCount: 1, siteCount: 0 }, 'succeeded', { status: 'succeeded', percentageComplete: 100 }],
    ['case partially succeeded', caseOperationStatus, { status: 'partiallySucceeded', action: 'addToReviewSet', percentProgress: 100, resultInfo: { code: 1, message: 'Some items were skipped' } }, 'succeeded', { status: 'partiallySucceeded', percentageComplete: 100 }],
    ['case submission failed', caseOperationStatus, { status: 'submissionFailed', action: 'exportResult', resultInfo: { code: 400, message: 'Search is running' } }, 'failed', { status: 'submissionFailed' }],
  ] as const)('%s', (_name, model, body, state, report) => {
    const read1 = read(model as StatusModel<unknown>, body);
    expect(read1.state).toBe(state);
    expect(read1.report).toEqual(report);
    if (state === 'failed') expect(read1.error).toMatchObject({ message: expect.any(String) });
  });

  it('eDiscovery keeps the derived type\'s own fields on the status', () => {
    const body = { status: 'succeeded', action: 'estimateStatistics', indexedItemCount: 3 };
    expect(decodeOrThrow(toIoDecoder(caseOperationStatus.codec), body, {})).toMatchObject({ indexedItemCount: 3 });
  });

  it.each([
    ['no status', teamsAsyncOperationStatus, { id: 'x' }, '$.status'],
    ['a status that is a number', onenoteOperationStatus, { status: 3 }, '$.status'],
    ['progress that is an object', richLongRunningOperationStatus, { status: 'running', percentageComplete: {} }, '$.percentageComplete'],
    ['a case operation as an array', caseOperationStatus, [], '$'],
  ] as const)('a body that fits no family is a DecodeError naming the path: %s', (_name, model, body, path) => {
    expect(() => decodeOrThrow(toIoDecoder((model as StatusModel<unknown>).codec), body, {})).toThrow(expect.objectContaining({ name: 'DecodeError', path }));
  });
});
