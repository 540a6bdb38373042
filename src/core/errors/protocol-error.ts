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
  constructor(context: RequestContext, reason: string, cause?: unknown) {
    super(describeFailure(context, reason), context, cause === undefined ? undefined : { cause });
    nameError(this, 'ProtocolError');
  }
}
