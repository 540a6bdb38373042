import { defer, endWith, map, switchMap, takeWhile, type Observable } from 'rxjs';
import { WorkbookSessionInfo } from '../../core/codecs/workbook-session-info.js';
import { WorkbookOperation } from '../../core/codecs/workbook-operation.js';
import { WorkbookTableRow } from '../../core/codecs/workbook-table-row.js';
import { runOperation, type FollowDefinition, type OperationOptions, type OperationRuntime } from '../../lro/run-operation.js';
import { definitionOf, followOf, type FollowSpec, type OperationSpec } from '../../lro/operation-spec.js';
import type { Resumer } from '../../lro/resume.js';
import { workbookOperationStatus } from './workbook-status.js';
import type { SerialQueue } from '../../rx/serial-queue.js';
import { manageSession } from './workbook-session.js';
import type { CreateSessionOptions, ManagedSessionOptions, Workbook, WorkbookSession } from './workbook-types.js';
import { checkFunction, checkOperationOptions } from '../../core/policy/validation.js';
import { checkAddTableRow, checkCreateSessionOptions, checkDeleteTableRow, checkManagedSessionOptions } from './workbook-arguments.js';

/** What each workbook operation's result is: read from `resourceLocation`, or none. */
const RESULTS = {
  'workbook.createSession': { resultCodec: WorkbookSessionInfo },
  'workbook.addTableRow': { resultCodec: WorkbookTableRow },
  'workbook.deleteTableRow': { resultFromStatus: () => undefined },
} as const;
type WorkbookKind = keyof typeof RESULTS;

/** The follow half of a workbook operation: the same for every address, so resume needs only the kind. */
function workbookFollow<T>(kind: WorkbookKind, sessionId?: string): FollowSpec<WorkbookOperation, T> {
  return {
    status: workbookOperationStatus,
    ...(sessionId ? { pollHeaders: { 'workbook-session-id': sessionId } } : {}),
    resultUrl: (op) => op.resourceLocation,
    ...(RESULTS[kind] as unknown as Pick<FollowSpec<WorkbookOperation, T>, "resultCodec" | "resultFromStatus">),
  };
}

/** The spec of a workbook operation: its start request and its follow half. */
function workbookSpec<T>(kind: WorkbookKind, request: OperationSpec<WorkbookOperation, T>['request'], sessionId?: string): OperationSpec<WorkbookOperation, T> {
  const headers = sessionId ? { ...request.headers, 'workbook-session-id': sessionId } : request.headers;
  return { kind, request: headers ? { ...request, headers } : request, ...workbookFollow<T>(kind, sessionId) };
}

/**
 * Workbook operations live on Graph: their status and result are read only
 * from origins trusted with the token, so an untrusted monitor is never sent
 * the session id and cannot stand in for Graph's result.
 */
const ON_GRAPH_ONLY = { trustedOnly: true } as const;

/** Resumes each workbook operation from its handle's kind alone. */
export const workbookResumers: Readonly<Record<string, Resumer>> = Object.fromEntries(
  (Object.keys(RESULTS) as WorkbookKind[]).map((kind) => [kind, () => followOf(workbookFollow<unknown>(kind), ON_GRAPH_ONLY) as FollowDefinition<unknown, unknown>]),
);

export function createSessionSpec(workbookUrl: string, persistChanges: boolean): OperationSpec<WorkbookOperation, WorkbookSessionInfo> {
  return workbookSpec('workbook.createSession', { method: 'POST', url: `${workbookUrl}/createSession`, body: { persistChanges }, idempotent: true });
}

export function addTableRowSpec(workbookUrl: string, table: string, values: readonly (readonly unknown[])[], index?: number, sessionId?: string) {
  return workbookSpec<WorkbookTableRow>(
    'workbook.addTableRow',
    { method: 'POST', url: `${workbookUrl}/tables/${encodeURIComponent(table)}/rows`, body: index === undefined ? { values } : { index, values } },
    sessionId,
  );
}

export function deleteTableRowSpec(workbookUrl: string, table: string, index: number, sessionId?: string) {
  return workbookSpec<undefined>(
    'workbook.deleteTableRow',
    { method: 'DELETE', url: `${workbookUrl}/tables/${encodeURIComponent(table)}/rows/itemAt(index=${index})` },
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
  const run = <S, T>(spec: OperationSpec<S, T>, options?: OperationOptions) => runOperation(runtime, definitionOf(runtime, spec, ON_GRAPH_ONLY), options);

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
