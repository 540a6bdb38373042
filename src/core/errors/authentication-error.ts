import { GraphLroError, nameError, type RequestContext } from './graph-lro-error.js';

/**
 * The token source failed: it threw, rejected, completed without a token, or
 * gave something that is not a non-empty string. The token itself never
 * appears here; the source's own error, if any, is `cause`, with anything
 * shaped like a token in it redacted (a JWT, a `Bearer` value; an opaque
 * token of another shape that the source quotes cannot be recognised).
 *
 * @example
 * ```ts
 * error: (e) => { if (e instanceof AuthenticationError) promptSignIn(); }
 * ```
 * @public
 */
export class AuthenticationError extends GraphLroError {
  constructor(reason: string, context: RequestContext = {}, cause?: unknown) {
    super(`could not obtain a token: ${reason}`, context, cause === undefined ? undefined : { cause });
    nameError(this, 'AuthenticationError');
  }
}
