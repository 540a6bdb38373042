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

  /**
   * @param context - the request Graph answered so, when there was one
   * @param options - `sessionId`: the unusable session; `reason` (default: no longer usable); `cause`: Graph's answer
   */
  constructor(context: RequestContext, options: { readonly sessionId: string; readonly reason?: string; readonly cause?: unknown }) {
    super(describeFailure(context, options.reason ?? 'the workbook session is no longer usable'), context, options.cause === undefined ? undefined : { cause: options.cause });
    nameError(this, 'SessionInvalidError');
    this.sessionId = options.sessionId;
  }
}
