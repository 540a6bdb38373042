import { defer, endWith, map, switchMap, takeWhile, type Observable } from 'rxjs';
import { WorkbookSessionInfo } from '../codecs/workbook-session-info.js';
import { WorkbookOperation } from '../codecs/workbook-operation.js';
import { WorkbookTableRow } from '../codecs/workbook-table-row.js';
import type { OperationEvent } from './operation-event.js';
import { runOperation, type OperationOptions, type OperationRuntime } from './runOperation.js';
import { definitionOf, type OperationSpec } from './operation-spec.js';
import { workbookOperationStatus } from './workbook-status.js';
import type { SerialQueue } from './serial-queue.js';
import { manageSession, type ManagedSessionOptions, type WorkbookSession } from './workbook-session.js';
import { checkFunction, checkOperationOptions } from '../policy/validation.js';
import { checkAddTableRow, checkCreateSessionOptions, checkDeleteTableRow, checkManagedSessionOptions } from './workbook-arguments.js';

/**
 * Options of {@link Workbook.createSession} and {@link Workbook.session}.
 *
 * @public
 */
export interface CreateSessionOptions {
  /** `true`: changes are saved to the file; `false`: a temporary copy, lost when the session ends. */
  readonly persistChanges: boolean;
}

/**
 * Per-call options of the table-row operations.
 *
 * @public
 */
export interface TableRowOptions extends OperationOptions {
  /** Runs the call in this workbook session (`workbook-session-id` header). @defaultValue no session */
  readonly sessionId?: string;
}

/**
 * Options of {@link GraphClient.workbook}.
 *
 * @public
 */
export interface WorkbookOptions {
  /**
   * Run this workbook's writes (table rows added or deleted) one at a time,
   * as Graph's Excel best practices ask, so callers can `merge` freely.
   * Reads, session calls and other workbooks stay concurrent.
   * @defaultValue true
   */
  readonly serializeWrites?: boolean;
}

/**
 * The Excel workbook of one drive item.
 *
 * @example
 * ```ts
 * const book = graph.workbook('/me/drive/root:/Reports/Q1.xlsx:');
 * book.createSession({ persistChanges: true }).pipe(result()).subscribe((s) => console.log(s.id));
 * ```
 * @public
 */
export interface Workbook {
  /** Absolute URL of the drive item. */
  readonly itemUrl: string;
  /**
   * `POST …/workbook/createSession` with `Prefer: respond-async`: `succeeded`
   * at once on `201 Created`; on `202 Accepted`, `accepted`, each status
   * change, then the session read from `resourceLocation`. A 504 is repeated,
   * as its documentation prescribes.
   */
  createSession(body: CreateSessionOptions, options?: OperationOptions): Observable<OperationEvent<WorkbookSessionInfo>>;
  /**
   * A managed session: created on subscription (async path included), emitted
   * once, kept alive with `refreshSession`, closed with `closeSession` exactly
   * once when the last subscriber leaves. Its calls carry the session header.
   */
  session(options: CreateSessionOptions & ManagedSessionOptions): Observable<WorkbookSession>;
  /**
   * Runs `work` in a managed session and completes when `work` does, closing
   * the session then (or on error, or on unsubscribe).
   */
  withSession<T>(options: CreateSessionOptions & ManagedSessionOptions, work: (session: WorkbookSession) => Observable<T>): Observable<T>;
  /**
   * Adds rows to a table (`POST …/tables/{table}/rows`, async): the result is
   * the `workbookTableRow` read from `tableRowOperationResult`. A 504 is not
   * repeated unless you pass `idempotent: true`: it may hide a row that was added.
   */
  addTableRow(table: string, values: readonly (readonly unknown[])[], options?: TableRowOptions & { index?: number }): Observable<OperationEvent<WorkbookTableRow>>;
  /**
   * Deletes the row at `index` (`DELETE …/tables/{table}/rows/itemAt(index=n)`,
   * async). There is no result: `result()` emits `undefined`.
   */
  deleteTableRow(table: string, index: number, options?: TableRowOptions): Observable<OperationEvent<undefined>>;
}

/** The spec of a workbook operation whose result is at `resourceLocation`, or that has none. */
function workbookSpec<T>(
  kind: string,
  request: OperationSpec<WorkbookOperation, T>['request'],
  result: Pick<OperationSpec<WorkbookOperation, T>, 'resultCodec' | 'resultFromStatus'>,
  sessionId?: string,
): OperationSpec<WorkbookOperation, T> {
  const session = sessionId ? { 'workbook-session-id': sessionId } : undefined;
  return {
    kind,
    request: session ? { ...request, headers: { ...request.headers, ...session } } : request,
    status: workbookOperationStatus,
    ...(session ? { pollHeaders: session } : {}),
    resultUrl: (op) => op.resourceLocation,
    ...result,
  };
}

export function createSessionSpec(workbookUrl: string, persistChanges: boolean): OperationSpec<WorkbookOperation, WorkbookSessionInfo> {
  return workbookSpec(
    'workbook.createSession',
    { method: 'POST', url: `${workbookUrl}/createSession`, body: { persistChanges }, idempotent: true },
    { resultCodec: WorkbookSessionInfo },
  );
}

export function addTableRowSpec(workbookUrl: string, table: string, values: readonly (readonly unknown[])[], index?: number, sessionId?: string) {
  return workbookSpec<WorkbookTableRow>(
    'workbook.addTableRow',
    { method: 'POST', url: `${workbookUrl}/tables/${encodeURIComponent(table)}/rows`, body: index === undefined ? { values } : { index, values } },
    { resultCodec: WorkbookTableRow },
    sessionId,
  );
}

export function deleteTableRowSpec(workbookUrl: string, table: string, index: number, sessionId?: string) {
  return workbookSpec<undefined>(
    'workbook.deleteTableRow',
    { method: 'DELETE', url: `${workbookUrl}/tables/${encodeURIComponent(table)}/rows/itemAt(index=${index})` },
    { resultFromStatus: () => undefined },
    sessionId,
  );
}

export function createWorkbook(
  runtime: OperationRuntime,
  itemUrl: string,
  queue: (() => SerialQueue) | undefined,
  releaseQueue: () => void,
): Workbook {
  const workbookUrl = `${itemUrl}/workbook`;
  // The queue is looked up per subscription, so an idle one can be dropped and a later write makes a new one.
  const write = <T>(source: Observable<T>): Observable<T> => (queue ? defer(() => queue().run(source, releaseQueue)) : source);
  const run = <S, T>(spec: OperationSpec<S, T>, options?: OperationOptions) => runOperation(runtime, definitionOf(runtime, spec), options);

  const workbook: Workbook = {
    itemUrl,
    createSession: (body, options) => {
      checkCreateSessionOptions('createSession', body, []);
      checkOperationOptions('createSession options', options);
      return run(createSessionSpec(workbookUrl, body.persistChanges), options);
    },
    session: (options) => {
      checkManagedSessionOptions('session', options);
      return manageSession(runtime, workbookUrl, workbook, options);
    },
    withSession: <T>(options: CreateSessionOptions & ManagedSessionOptions, work: (session: WorkbookSession) => Observable<T>) => {
      checkFunction('withSession work', work, false);
      return withSessionOf(workbook.session(options), work);
    },
    addTableRow: (table, values, options = {}) => {
      checkAddTableRow(table, values, options);
      return write(run(addTableRowSpec(workbookUrl, table, values, options.index, options.sessionId), options));
    },
    deleteTableRow: (table, index, options = {}) => {
      checkDeleteTableRow(table, index, options);
      return write(run(deleteTableRowSpec(workbookUrl, table, index, options.sessionId), options));
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
