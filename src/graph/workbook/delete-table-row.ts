import { operationKind } from '../../lro/operation-kind.js';
import { checkInteger } from '../../core/policy/validation.js';
import { parseDriveItemRef } from '../shared/drive-item-ref.js';
import { checkRowOptions, checkTableName, MAX_ROW_INDEX, type RowOptions } from './workbook-arguments.js';
import { sessionHeaders, WORKBOOK_FOLLOW, workbookOf } from './workbook-kind.js';
import type { WorkbookOperation } from './workbook-operation.js';

/**
 * `workbook.deleteTableRow`: `DELETE {item}/workbook/tables/{table}/rows/itemAt(index=n)`,
 * async, with no result (`undefined`). A workbook's writes run one at a time.
 */
type Args = readonly [ref: string, table: string, index: number, row?: Omit<RowOptions, 'index'>];

export const deleteTableRow = operationKind<Args, WorkbookOperation, undefined>({
  name: 'workbook.deleteTableRow',
  prepare: ([ref, table, index, row = {}], apiRoot) => {
    const { itemUrl } = parseDriveItemRef(apiRoot, ref);
    checkTableName(table);
    checkInteger('deleteTableRow index', index, 0, MAX_ROW_INDEX);
    if (index === undefined) throw new TypeError('deleteTableRow needs the index of the row to delete');
    checkRowOptions('deleteTableRow options', row, false);
    const headers = sessionHeaders(row.sessionId);
    return {
      start: { method: 'DELETE', url: `${workbookOf(itemUrl)}/tables/${encodeURIComponent(table)}/rows/itemAt(index=${index})`, ...(headers ? { headers } : {}) },
      ...(headers ? { pollHeaders: headers } : {}),
      serializeBy: itemUrl,
    };
  },
  idempotent: false,
  callOptions: { at: 3, own: ['sessionId'] },
  ...WORKBOOK_FOLLOW,
  result: { read: 'none' },
});
