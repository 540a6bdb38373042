import { GraphLroError, nameError, describeFailure, type RequestContext } from './graph-lro-error.js';

/**
 * The request never got an HTTP answer (connection refused or reset, DNS,
 * TLS), after every retry the policy allowed. The underlying error is `cause`
 * (a copy of it, of the same class, when its text carried a monitor's
 * `tempauth`, a JWT, a `Bearer` value or the request's own token: those are
 * redacted at every depth of its cause chain).
 *
 * @example
 * ```ts
 * error: (e) => { if (e instanceof NetworkError) console.warn('offline?', e.url, e.cause); }
 * ```
 * @public
 */
export class NetworkError extends GraphLroError {
  /**
   * @param context - the request that got no answer
   * @param options - `cause`: the transport's own failure (redacted of secrets)
   */
  constructor(context: RequestContext, options: { readonly cause: unknown }) {
    const { cause } = options;
    // Not every failure is an Error (Angular's HttpErrorResponse is not), but most say what went wrong in `message`.
    const message = typeof cause === 'object' && cause !== null ? (cause as { message?: unknown }).message : undefined;
    const reason = typeof message === 'string' ? message : String(cause);
    super(describeFailure(context, `network failure: ${reason}`), context, { cause });
    nameError(this, 'NetworkError');
  }
}
