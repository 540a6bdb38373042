import { GraphLroError, nameError, describeFailure, type RequestContext } from './graph-lro-error.js';

/**
 * The workbook session is gone: Graph answered 404 for it (sessions expire
 * after a few idle minutes) or with `invalidSessionNotFound`. A managed
 * session errors with this and is never used again.
 *
 * @example
 * ```ts
 * error: (e) => { if (e instanceof SessionExpiredError) restartBatch(); }
 * ```
 * @public
 */
export class SessionExpiredError extends GraphLroError {
  /** The session that expired. */
  readonly sessionId: string;

  /**
   * @param context - the request Graph answered so
   * @param options - `sessionId`: the session that is gone; `cause`: Graph's answer
   */
  constructor(context: RequestContext, options: { readonly sessionId: string; readonly cause?: unknown }) {
    super(describeFailure(context, 'the workbook session has expired or was not found'), context, options.cause === undefined ? undefined : { cause: options.cause });
    nameError(this, 'SessionExpiredError');
    this.sessionId = options.sessionId;
  }
}
