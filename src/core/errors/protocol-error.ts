import { GraphLroError, nameError, describeFailure, type RequestContext } from './graph-lro-error.js';

/**
 * The server broke the long-running-operation protocol: a `202` without a
 * `Location`, a `Location` with a forbidden scheme, a redirect that cannot
 * be followed safely, a `succeeded` status with nothing to fetch.
 *
 * @example
 * ```ts
 * error: (e) => { if (e instanceof ProtocolError) report(e.message, e.url); }
 * ```
 * @public
 */
export class ProtocolError extends GraphLroError {
  /**
   * @param context - the request whose answer broke the protocol
   * @param options - `reason`: what was wrong; `cause`: an underlying failure (redacted)
   */
  constructor(context: RequestContext, options: { readonly reason: string; readonly cause?: unknown }) {
    super(describeFailure(context, options.reason), context, options.cause === undefined ? undefined : { cause: options.cause });
    nameError(this, 'ProtocolError');
  }
}
