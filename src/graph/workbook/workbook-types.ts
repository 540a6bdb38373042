import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { WorkbookSessionInfo } from './workbook-session-info.js';
import type { WorkbookTableRow } from './workbook-table-row.js';

// The workbook's public shapes, apart from the code that implements them, so
// that workbook.ts and workbook-session.ts depend on these and not on each other.

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
 * Options of `GraphClient.workbook`.
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
   *
   * After unsubscribe, the one request that may leave is that `closeSession`,
   * sent once at the moment the last subscriber leaves (bounded by
   * `closeTimeoutMs`), and only for a session that was emitted. Leaving while
   * the session is still being created aborts the request in flight and
   * sends nothing more (no poll, no `closeSession`: no id has arrived); a
   * session Graph made all the same expires on its own after 5-7 idle minutes.
   *
   * @example
   * ```ts
   * const sub = book.session({ persistChanges: true }).subscribe((s) => console.log(s.id));
   * sub.unsubscribe(); // emitted: one closeSession; still being created: nothing more is sent
   * ```
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

/**
 * Options of a managed session.
 *
 * @example
 * ```ts
 * graph.workbook(ref).session({ persistChanges: true, refreshIntervalMs: 120_000 });
 * ```
 * @public
 */
export interface ManagedSessionOptions {
  /**
   * How often `refreshSession` keeps the session alive. Graph ends idle
   * sessions after about 5 minutes (persistent) or 7 (non-persistent).
   * @defaultValue 240000
   */
  readonly refreshIntervalMs?: number;
  /**
   * Bound on the `closeSession` sent when the last subscriber leaves a
   * session that was emitted (the one request sent after unsubscribe).
   * @defaultValue 30000
   */
  readonly closeTimeoutMs?: number;
  /** Options of the createSession call (timeout, poll, retry). @defaultValue the client's */
  readonly create?: OperationOptions;
}

/**
 * A live workbook session, as a managed session emits it. Its calls carry
 * the `workbook-session-id` header. If Graph answers
 * `invalidSessionReCreatable`, the session re-creates itself and repeats the
 * call once (so `id` may change); if it expired or became otherwise invalid,
 * the session ends with `SessionExpiredError` / `SessionInvalidError`, and
 * every later call fails with it rather than reusing a dead session.
 *
 * @example
 * ```ts
 * graph.workbook(ref).session({ persistChanges: true }).pipe(
 *   switchMap((s) => merge(...rows.map((r) => s.addTableRow('Table1', [r]).pipe(result())))),
 * );
 * ```
 * @public
 */
export interface WorkbookSession {
  /** The current session id. */
  readonly id: string;
  /** Whether the session saves its changes to the file. */
  readonly persistChanges: boolean;
  /** `{ 'workbook-session-id': id }`, for calls you make yourself. */
  readonly headers: Readonly<Record<string, string>>;
  /** {@link Workbook.addTableRow} in this session. */
  addTableRow(table: string, values: readonly (readonly unknown[])[], options?: OperationOptions & { index?: number }): Observable<OperationEvent<WorkbookTableRow>>;
  /** {@link Workbook.deleteTableRow} in this session. */
  deleteTableRow(table: string, index: number, options?: OperationOptions): Observable<OperationEvent<undefined>>;
  /** Sends `refreshSession` now (the managed session also does so on its schedule). */
  refresh(): Observable<void>;
}
