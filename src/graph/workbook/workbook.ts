import { endWith, map, switchMap, takeWhile, type Observable } from 'rxjs';
import type { OperationRuntime } from '../../lro/run-operation.js';
import type { RunKind } from '../../lro/run-kind.js';
import { checkFunction, checkObject, checkOperationOptions } from '../../core/policy/validation.js';
import { parseDriveItemRef } from '../shared/drive-item-ref.js';
import { manageSession } from './workbook-session.js';
import { checkAddTableRow, checkDeleteTableRow, checkManagedSessionOptions } from './workbook-arguments.js';
import { createSession } from './create-session.js';
import { addTableRow } from './add-table-row.js';
import { deleteTableRow } from './delete-table-row.js';
import type { CreateSessionOptions, ManagedSessionOptions, Workbook, WorkbookOptions, WorkbookSession } from './workbook-types.js';

/** `graph.workbook(ref)`: the workbook kinds of one drive item, and its managed sessions. */
export function createWorkbook(runtime: OperationRuntime, run: RunKind, ref: string, workbookOptions: WorkbookOptions = {}): Workbook {
  const { itemUrl } = parseDriveItemRef(runtime.apiRoot, ref);
  checkObject('workbook options', workbookOptions, ['serializeWrites']);
  const how = { serialize: workbookOptions.serializeWrites !== false };
  const workbook: Workbook = {
    itemUrl,
    createSession: (body, options) => {
      checkOperationOptions('createSession options', options);
      return run(createSession, [itemUrl, body], options);
    },
    session: (options) => {
      checkManagedSessionOptions('session', options);
      return manageSession(runtime, `${itemUrl}/workbook`, workbook, options);
    },
    withSession: <T>(options: CreateSessionOptions & ManagedSessionOptions, work: (session: WorkbookSession) => Observable<T>) => {
      checkFunction('withSession work', work, false);
      return withSessionOf(workbook.session(options), work);
    },
    addTableRow: (table, values, options = {}) => {
      checkAddTableRow(table, values, options);
      const { index, sessionId, ...operation } = options;
      return run(addTableRow, [itemUrl, table, values, { ...(index !== undefined ? { index } : {}), ...(sessionId !== undefined ? { sessionId } : {}) }], operation, how);
    },
    deleteTableRow: (table, index, options = {}) => {
      checkDeleteTableRow(table, index, options);
      const { sessionId, ...operation } = options;
      return run(deleteTableRow, [itemUrl, table, index, sessionId !== undefined ? { sessionId } : {}], operation, how);
    },
  };
  return workbook;
}

const DONE = Symbol('done');
function withSessionOf<T>(session$: Observable<WorkbookSession>, work: (session: WorkbookSession) => Observable<T>): Observable<T> {
  return session$.pipe(
    switchMap((session) => work(session).pipe(map((value) => ({ value })), endWith(DONE))),
    // Ending the take unsubscribes from the session, which closes it.
    takeWhile((item): item is { value: T } => item !== DONE),
    map((item) => item.value),
  );
}
