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
  ReplaySubject,
  share,
  shareReplay,
  Subscription,
  switchMap,
  tap,
  throwError,
  timeout,
} from 'rxjs';
import type { WorkbookSessionInfo } from './workbook-session-info.js';
import { result } from '../../lro/operators/result.js';
import { SessionInvalidError } from '../../core/errors/session-invalid-error.js';
import type { OperationRuntime } from '../../lro/run-operation.js';
import type { CreateSessionOptions, ManagedSessionOptions, Workbook, WorkbookSession } from './workbook-types.js';
import { checkAddTableRow, checkDeleteTableRow } from './workbook-arguments.js';
import { classifySessionFailure, sessionError } from './session-errors.js';

export const DEFAULT_REFRESH_INTERVAL_MS = 240_000;
export const DEFAULT_CLOSE_TIMEOUT_MS = 30_000;

type SessionCall = (path: 'refreshSession' | 'closeSession', id: string) => Observable<void>;

/** The one request allowed after unsubscribe: closeSession, sent once, bounded; its failure is moot. */
function closeQuietly(call: SessionCall, id: string, timeoutMs: number, scheduler: OperationRuntime['scheduler']): void {
  call('closeSession', id)
    .pipe(
      timeout({ first: timeoutMs, scheduler }),
      catchError(() => EMPTY),
    )
    .subscribe();
}

/**
 * A managed session: created on the first subscription, emitted to every
 * subscriber (one who joins later gets the live session at once), refreshed
 * on schedule, closed exactly once when the last subscriber leaves.
 *
 * Leaving before the session exists stops its creation at once: the request
 * in flight is aborted, no poll follows and no timer stays. A session Graph
 * may have made all the same (a `202` already accepted) has no id we hold,
 * and expires by itself (5-7 minutes). Following it in the background would
 * send polls after unsubscribe and keep the process alive for the bound; the
 * one request that leaves after unsubscribe is the `closeSession` of a
 * session that was emitted.
 */
export function manageSession(
  runtime: OperationRuntime,
  workbookUrl: string,
  workbook: Workbook,
  options: CreateSessionOptions & ManagedSessionOptions,
): Observable<WorkbookSession> {
  const refreshMs = options.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS;
  const closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  const sessionCall: SessionCall = (path, id) =>
    runtime
      .send({ method: 'POST', url: `${workbookUrl}/${path}`, headers: { 'workbook-session-id': id }, auth: 'token', idempotent: true })
      .pipe(map((): void => undefined));
  const create = () => workbook.createSession({ persistChanges: options.persistChanges }, options.create);

  const managed = new Observable<WorkbookSession>((subscriber) => {
    const live = new LiveSession(options.persistChanges, () => create().pipe(result()), workbook, sessionCall, (error) => subscriber.error(error));
    const subscriptions = new Subscription();
    const creating = create().subscribe({
      next: (event) => {
        if (event.type !== 'succeeded') return;
        live.created(event.result);
        subscriber.next(live.session);
        subscriptions.add(
          interval(refreshMs, runtime.scheduler)
            .pipe(exhaustMap(() => live.session.refresh()))
            .subscribe({ error: (error: unknown) => live.end(error as Error, false) }),
        );
      },
      error: (error: unknown) => subscriber.error(error),
    });
    subscriptions.add(creating);

    return () => {
      // Stops the creation (if still running) and the refreshes: nothing more is polled or scheduled.
      subscriptions.unsubscribe();
      const id = live.release();
      if (id !== undefined) closeQuietly(sessionCall, id, closeTimeoutMs, runtime.scheduler);
    };
  });
  // One session for every concurrent subscriber; a late one gets it replayed at once.
  // When the last leaves it is closed, and the next subscription creates a new one.
  return managed.pipe(share({ connector: () => new ReplaySubject<WorkbookSession>(1), resetOnError: true, resetOnComplete: true, resetOnRefCountZero: true }));
}

/**
 * The state of one managed session and the calls made in it: the current
 * info, whether it has ended (and why), and the one re-creation that
 * concurrent `invalidSessionReCreatable` answers share.
 */
class LiveSession {
  private info: WorkbookSessionInfo | undefined;
  private ended: Error | undefined;
  /** The server-side session is known to be gone (expired, invalid, or closed by us). */
  private gone = false;
  private recreating: Observable<WorkbookSessionInfo> | undefined;
  readonly session: WorkbookSession;

  constructor(
    private readonly persistChanges: boolean,
    private readonly create: () => Observable<WorkbookSessionInfo>,
    workbook: Workbook,
    private readonly call: SessionCall,
    private readonly fail: (error: Error) => void,
  ) {
    const live = this;
    this.session = {
      get id() {
        return live.info?.id ?? '';
      },
      get persistChanges() {
        return live.info?.persistChanges ?? live.persistChanges;
      },
      get headers() {
        return { 'workbook-session-id': live.info?.id ?? '' };
      },
      addTableRow: (table, values, callOptions = {}) => {
        checkAddTableRow(table, values, callOptions);
        return this.inSession((id) => workbook.addTableRow(table, values, { ...callOptions, sessionId: id }));
      },
      deleteTableRow: (table, index, callOptions = {}) => {
        checkDeleteTableRow(table, index, callOptions);
        return this.inSession((id) => workbook.deleteTableRow(table, index, { ...callOptions, sessionId: id }));
      },
      refresh: () => this.inSession((id) => this.call('refreshSession', id), true),
    };
  }

  /** The session exists. */
  created(info: WorkbookSessionInfo): void {
    this.info = info;
  }

  end(error: Error, sessionIsGone: boolean): void {
    this.gone ||= sessionIsGone;
    if (this.ended) return;
    this.ended = error;
    this.fail(error);
  }

  /** Marks the session closed by us; the id to close, unless there is none or it is already gone. */
  release(): string | undefined {
    const closing = this.info;
    if (!closing || this.gone) return undefined;
    this.gone = true;
    this.ended ??= new SessionInvalidError({}, { sessionId: closing.id, reason: 'the session was closed' });
    return closing.id;
  }

  private inSession<T>(call: (id: string) => Observable<T>, notFoundMeansExpired = false): Observable<T> {
    return defer(() => {
      if (this.ended) return throwError(() => this.ended);
      if (!this.info) return throwError(() => new SessionInvalidError({}, { sessionId: '', reason: 'the session has not been created yet' }));
      const id = this.info.id;
      return call(id).pipe(
        catchError((error: unknown) =>
          classifySessionFailure(error, notFoundMeansExpired) === 'recreate'
            ? this.recreate(id).pipe(
                switchMap((next) => call(next.id)),
                catchError((again: unknown) => this.failed(again, this.info?.id ?? id, notFoundMeansExpired)),
              )
            : this.failed(error, id, notFoundMeansExpired),
        ),
      );
    });
  }

  // Several calls may hit invalidSessionReCreatable at once: one re-creation serves them all.
  private recreate(staleId: string): Observable<WorkbookSessionInfo> {
    if (this.info && this.info.id !== staleId) return of(this.info);
    this.recreating ??= this.create().pipe(
      tap((next) => (this.info = next)),
      finalize(() => (this.recreating = undefined)),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
    return this.recreating;
  }

  private failed(error: unknown, id: string, notFoundMeansExpired: boolean): Observable<never> {
    const kind = classifySessionFailure(error, notFoundMeansExpired);
    if (kind === 'expired' || kind === 'invalid' || kind === 'recreate') {
      const typed = sessionError(kind === 'expired' ? 'expired' : 'invalid', id, error);
      this.end(typed, true);
      return throwError(() => typed);
    }
    return throwError(() => error);
  }
}
