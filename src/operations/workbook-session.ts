import {
  catchError,
  defer,
  EMPTY,
  exhaustMap,
  finalize,
  interval,
  map,
  Observable,
  of,
  share,
  shareReplay,
  Subscription,
  switchMap,
  tap,
  throwError,
  timeout,
} from 'rxjs';
import type { WorkbookSessionInfo } from '../codecs/workbook-session-info.js';
import type { WorkbookTableRow } from '../codecs/workbook-table-row.js';
import { result } from '../operators/result.js';
import { SessionInvalidError } from '../errors/session-invalid-error.js';
import type { OperationEvent } from './operation-event.js';
import type { OperationOptions, OperationRuntime } from './runOperation.js';
import type { CreateSessionOptions, Workbook } from './workbook.js';
import { checkAddTableRow, checkDeleteTableRow } from './workbook-arguments.js';
import { classifySessionFailure, sessionError } from './session-errors.js';

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
  /** Bound on the `closeSession` sent when the session is let go. @defaultValue 30000 */
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

export const DEFAULT_REFRESH_INTERVAL_MS = 240_000;

export function manageSession(
  runtime: OperationRuntime,
  workbookUrl: string,
  workbook: Workbook,
  options: CreateSessionOptions & ManagedSessionOptions,
): Observable<WorkbookSession> {
  const refreshMs = options.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS;
  const closeTimeoutMs = options.closeTimeoutMs ?? 30_000;
  const sessionCall = (path: 'refreshSession' | 'closeSession', id: string) =>
    runtime
      .send({ method: 'POST', url: `${workbookUrl}/${path}`, headers: { 'workbook-session-id': id }, auth: 'token', idempotent: true })
      .pipe(map((): void => undefined));

  const managed = new Observable<WorkbookSession>((subscriber) => {
    let info: WorkbookSessionInfo | undefined;
    let ended: Error | undefined;
    let gone = false;
    let recreating: Observable<WorkbookSessionInfo> | undefined;
    const subscriptions = new Subscription();
    const create = () => workbook.createSession({ persistChanges: options.persistChanges }, options.create).pipe(result());

    const end = (error: Error, sessionIsGone: boolean) => {
      gone ||= sessionIsGone;
      if (ended) return;
      ended = error;
      subscriber.error(error);
    };
    // Several calls may hit invalidSessionReCreatable at once: one re-creation serves them all.
    const recreate = (staleId: string): Observable<WorkbookSessionInfo> => {
      if (info && info.id !== staleId) return of(info);
      recreating ??= create().pipe(
        tap((next) => (info = next)),
        finalize(() => (recreating = undefined)),
        shareReplay({ bufferSize: 1, refCount: true }),
      );
      return recreating;
    };
    const failed = (error: unknown, id: string, notFoundMeansExpired: boolean) => {
      const kind = classifySessionFailure(error, notFoundMeansExpired);
      if (kind === 'expired' || kind === 'invalid' || kind === 'recreate') {
        const typed = sessionError(kind === 'expired' ? 'expired' : 'invalid', id, error);
        end(typed, true);
        return throwError(() => typed);
      }
      return throwError(() => error);
    };
    const inSession = <T>(call: (id: string) => Observable<T>, notFoundMeansExpired = false): Observable<T> =>
      defer(() => {
        if (ended) return throwError(() => ended);
        if (!info) return throwError(() => new SessionInvalidError('', {}, 'the session has not been created yet'));
        const id = info.id;
        return call(id).pipe(
          catchError((error: unknown) =>
            classifySessionFailure(error, notFoundMeansExpired) === 'recreate'
              ? recreate(id).pipe(
                  switchMap((next) => call(next.id)),
                  catchError((again: unknown) => failed(again, info?.id ?? id, notFoundMeansExpired)),
                )
              : failed(error, id, notFoundMeansExpired),
          ),
        );
      });

    const session: WorkbookSession = {
      get id() {
        return info?.id ?? '';
      },
      get persistChanges() {
        return info?.persistChanges ?? options.persistChanges;
      },
      get headers() {
        return { 'workbook-session-id': info?.id ?? '' };
      },
      addTableRow: (table, values, callOptions = {}) => {
        checkAddTableRow(table, values, callOptions);
        return inSession((id) => workbook.addTableRow(table, values, { ...callOptions, sessionId: id }));
      },
      deleteTableRow: (table, index, callOptions = {}) => {
        checkDeleteTableRow(table, index, callOptions);
        return inSession((id) => workbook.deleteTableRow(table, index, { ...callOptions, sessionId: id }));
      },
      refresh: () => inSession((id) => sessionCall('refreshSession', id), true),
    };

    subscriptions.add(
      create().subscribe({
        next: (created) => {
          info = created;
          subscriber.next(session);
          subscriptions.add(
            interval(refreshMs, runtime.scheduler)
              .pipe(exhaustMap(() => session.refresh()))
              .subscribe({ error: (error: unknown) => end(error as Error, false) }),
          );
        },
        error: (error: unknown) => subscriber.error(error),
      }),
    );

    return () => {
      subscriptions.unsubscribe();
      const closing = info;
      if (!closing || gone) return;
      gone = true;
      ended ??= new SessionInvalidError(closing.id, {}, 'the session was closed');
      // The one request allowed to leave after unsubscribe: bounded, and its failure is moot.
      sessionCall('closeSession', closing.id)
        .pipe(
          timeout({ first: closeTimeoutMs, scheduler: runtime.scheduler }),
          catchError(() => EMPTY),
        )
        .subscribe();
    };
  });
  // Concurrent subscribers share one session; it is closed when the last one leaves.
  return managed.pipe(share());
}
