import { operationKind } from '../../lro/operation-kind.js';
import { parseDriveItemRef } from '../shared/drive-item-ref.js';
import { checkRowOptions, checkRows, checkTableName, type RowOptions } from './workbook-arguments.js';
import { sessionHeaders, WORKBOOK_FOLLOW, workbookOf, workbookResult } from './workbook-kind.js';
import { WorkbookTableRowCodec } from './workbook-table-row.js';

/**
 * `workbook.addTableRow`: `POST {item}/workbook/tables/{table}/rows`,
 * async; the row is read from `tableRowOperationResult`. Not repeated
 * after a 504 unless the call says `idempotent`: it may hide an added row.
 * A workbook's writes run one at a time.
 */
export const addTableRow = operationKind({
  name: 'workbook.addTableRow',
  prepare: ([ref, table, values, row = {}]: readonly [ref: string, table: string, values: readonly (readonly unknown[])[], row?: RowOptions], apiRoot) => {
    const { itemUrl } = parseDriveItemRef(apiRoot, ref);
    checkTableName(table);
    checkRows(values);
    checkRowOptions('addTableRow options', row, true);
    const headers = sessionHeaders(row.sessionId);
    return {
      start: {
        method: 'POST',
        url: `${workbookOf(itemUrl)}/tables/${encodeURIComponent(table)}/rows`,
        body: row.index === undefined ? { values } : { index: row.index, values },
        ...(headers ? { headers } : {}),
      },
      ...(headers ? { pollHeaders: headers } : {}),
      serializeBy: itemUrl,
    };
  },
  idempotent: false,
  callOptions: { at: 3, own: ['index', 'sessionId'] },
  ...WORKBOOK_FOLLOW,
  result: workbookResult(WorkbookTableRowCodec),
});
