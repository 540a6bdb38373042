import { decodeJson, decodeOrThrow } from '../../src/core/codecs/decode';
import { WorkbookOperationCodec as WorkbookOperation } from '../../src/graph/workbook/workbook-operation';
import { innermostCode, errorCodes } from '../../src/core/errors/error-chain';
import { WorkbookSessionInfoCodec as WorkbookSessionInfo } from '../../src/graph/workbook/workbook-session-info';
import { GraphErrorBody } from '../../src/core/codecs/graph-error-body';
import { AsyncJobStatusCodec as AsyncJobStatus } from '../../src/graph/drive/async-job-status';
import { WorkbookTableRowCodec as WorkbookTableRow } from '../../src/graph/workbook/workbook-table-row';
import { DriveItemCodec as DriveItem } from '../../src/graph/drive/drive-item';
import { DecodeError } from '../../src/core/errors/decode-error';
import * as seeds from '../fixtures/seeds';

const ctx = { method: 'GET', url: 'https://graph.microsoft.com/v1.0/x', status: 200 };

function decodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('expected a DecodeError');
}

describe('workbookOperation', () => {
  it('decodes the seed examples', () => {
    expect(decodeJson(WorkbookOperation, seeds.OPERATION_RUNNING, ctx)).toEqual({ id: '0195cfac-bd22-4f91-b276-dece0aa2378b', status: 'running' });
    const succeeded = decodeJson(WorkbookOperation, seeds.OPERATION_SUCCEEDED, ctx);
    expect(succeeded.status).toBe('succeeded');
    expect(succeeded.resourceLocation).toMatch(/sessionInfoResource\(key='0195cfac/);
  });

  it('keeps the whole three-level error chain of the failed example', () => {
    const failed = decodeJson(WorkbookOperation, seeds.OPERATION_FAILED, ctx);
    expect(failed.status).toBe('failed');
    expect(errorCodes(failed.error)).toEqual(['internalServerError', 'internalServerErrorUncategorized', 'GenericFileOpenError']);
    expect(innermostCode(failed.error)).toBe('GenericFileOpenError');
    expect(failed.error?.innerError?.innerError?.message).toBe('The workbook cannot be opened.');
  });

  it('reports the published failed example (stray quote) as a DecodeError, not a crash', () => {
    const error = decodeError(() => decodeJson(WorkbookOperation, seeds.OPERATION_FAILED_AS_PUBLISHED, ctx));
    expect(error.path).toBe('$');
    expect(error.message).toMatch(/expected a JSON body/);
    expect(error.url).toBe(ctx.url);
    expect(error.status).toBe(200);
  });

  it('reads the chain from innererror as well (the resource page spelling)', () => {
    const op = decodeOrThrow(WorkbookOperation, { status: 'failed', error: { code: 'a', innererror: { code: 'b', innererror: { code: 'c' } } } }, ctx);
    expect(errorCodes(op.error)).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['NotStarted', 'notStarted'],
    ['RUNNING', 'running'],
    ['Succeeded', 'succeeded'],
    ['Completed', 'succeeded'],
    ['completed', 'succeeded'],
    ['FAILED', 'failed'],
    ['somethingNew', 'somethingNew'],
  ])('matches status %p as %p', (sent, canonical) => {
    expect(decodeOrThrow(WorkbookOperation, { status: sent }, ctx).status).toBe(canonical);
  });

  it('accepts null where Graph sends null for an absent value', () => {
    expect(decodeOrThrow(WorkbookOperation, { status: 'running', resourceLocation: null, error: null }, ctx)).toEqual({ status: 'running', resourceLocation: undefined, error: undefined });
  });

  it.each([
    ['a missing status', { id: 'x' }, '$.status'],
    ['a numeric status', { status: 3 }, '$.status'],
    ['a numeric resourceLocation', { status: 'succeeded', resourceLocation: 5 }, '$.resourceLocation'],
    ['a wrong type deep in the chain', { status: 'failed', error: { code: 'a', innerError: { code: 'b', innerError: { code: 7 } } } }, '$.error.innerError.innerError.code'],
    ['an array body', [], '$'],
  ])('names the path of %s', (_what, body, path) => {
    const error = decodeError(() => decodeOrThrow(WorkbookOperation, body, ctx));
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
  });
});

describe('other payloads', () => {
  it('decodes the seed session info and rejects a session without an id', () => {
    expect(decodeJson(WorkbookSessionInfo, seeds.SESSION_INFO, ctx)).toEqual({ id: 'id-value', persistChanges: true });
    expect(decodeError(() => decodeOrThrow(WorkbookSessionInfo, { persistChanges: true }, ctx)).path).toBe('$.id');
  });

  it('decodes a Graph error body with its innermost code', () => {
    const body = decodeOrThrow(GraphErrorBody, { error: { code: 'InvalidSession', message: 'm', innerError: { code: 'invalidSessionReCreatable', 'request-id': 'r' } } }, ctx);
    expect(innermostCode(body.error)).toBe('invalidSessionReCreatable');
  });

  it('decodes the monitor examples', () => {
    expect(decodeJson(AsyncJobStatus, seeds.MONITOR_IN_PROGRESS, ctx)).toEqual({ operation: 'ItemCopy', percentageComplete: 27.8, status: 'inProgress' });
    expect(decodeJson(AsyncJobStatus, seeds.MONITOR_COMPLETED, ctx)).toEqual({ percentageComplete: 100, resourceId: '01MOWKYVJML57KN2ANMBA3JZJS2MBGC7KM', status: 'completed' });
    expect(decodeOrThrow(AsyncJobStatus, { status: 'DELETEPENDING' }, ctx).status).toBe('deletePending');
    expect(decodeError(() => decodeOrThrow(AsyncJobStatus, { status: 'inProgress', percentageComplete: '27' }, ctx)).path).toBe('$.percentageComplete');
  });

  it('decodes a table row and a drive item, keeping unknown properties', () => {
    expect(decodeOrThrow(WorkbookTableRow, { index: 3, values: [[1, 'a']] }, ctx)).toEqual({ index: 3, values: [[1, 'a']] });
    const item = decodeJson(DriveItem, seeds.COPIED_ITEM, ctx);
    expect(item).toMatchObject({ id: '01MOWKYVJML57KN2ANMBA3JZJS2MBGC7KM', name: 'Copy of LargeFolder1', folder: {} });
    expect(decodeError(() => decodeOrThrow(WorkbookTableRow, { index: 1, values: [1] }, ctx)).path).toBe('$.values[0]');
  });

  it('says what an empty or HTML body was', () => {
    expect(decodeError(() => decodeJson(WorkbookSessionInfo, '', ctx)).message).toMatch(/an empty body/);
    expect(decodeError(() => decodeJson(WorkbookSessionInfo, '<html><body>Bad gateway</body></html>', ctx)).message).toMatch(/not JSON \(starts with "<html>/);
  });
});
