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
  /**
   * @param context - the request that needed the token, where there was one
   * @param options - `reason`: why no token came; `cause`: the token source's own failure (redacted)
   */
  constructor(context: RequestContext, options: { readonly reason: string; readonly cause?: unknown }) {
    super(`could not obtain a token: ${options.reason}`, context, options.cause === undefined ? undefined : { cause: options.cause });
    nameError(this, 'AuthenticationError');
  }
}
