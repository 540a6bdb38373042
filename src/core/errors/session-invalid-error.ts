import { GraphLroError, nameError, describeFailure, type RequestContext } from './graph-lro-error.js';

/**
 * Graph declared the workbook session unusable with an `invalidSession…`
 * code that re-creating cannot fix (`invalidSessionAuthentication`,
 * `invalidSessionUnexpected`, …). `code` says which. A managed session
 * errors with this; `invalidSessionReCreatable` is handled by re-creating.
 *
 * @example
 * ```ts
 * error: (e) => { if (e instanceof SessionInvalidError) log(e.code); }
 * ```
 * @public
 */
export class SessionInvalidError extends GraphLroError {
  /** The session that became unusable. */
  readonly sessionId: string;

  constructor(sessionId: string, context: RequestContext, cause?: unknown) {
    super(describeFailure(context, 'the workbook session is no longer usable'), context, cause === undefined ? undefined : { cause });
    nameError(this, 'SessionInvalidError');
    this.sessionId = sessionId;
  }
}
