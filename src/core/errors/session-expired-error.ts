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

  constructor(sessionId: string, context: RequestContext, cause?: unknown) {
    super(describeFailure(context, 'the workbook session has expired or was not found'), context, cause === undefined ? undefined : { cause });
    nameError(this, 'SessionExpiredError');
    this.sessionId = sessionId;
  }
}
