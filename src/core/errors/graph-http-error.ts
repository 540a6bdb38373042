import type { GraphErrorDetail } from './error-chain.js';
import { GraphLroError, nameError, describeFailure, describeRequest, type RequestContext } from './graph-lro-error.js';

/**
 * A request answered with a non-2xx status, after every retry the policy
 * allowed. `code` is Graph's innermost error code when the body carried one.
 *
 * @example
 * ```ts
 * catchError((e) => e instanceof GraphHttpError && e.status === 404 ? of(undefined) : throwError(() => e))
 * ```
 * @public
 */
export class GraphHttpError extends GraphLroError {
  /** The request's HTTP method. */
  declare readonly method: string;
  /** The request's URL, with a monitor's `tempauth` redacted. */
  declare readonly url: string;
  /** The HTTP status Graph answered with, after the retries the policy allows. */
  declare readonly status: number;
  /** Graph's error object from the body, when the body was a Graph error. */
  readonly graphError?: GraphErrorDetail;
  /** The server's `Retry-After`, in milliseconds, when it sent a usable one. */
  readonly retryAfterMs?: number;

  constructor(
    context: RequestContext & { method: string; url: string; status: number },
    details: { graphError?: GraphErrorDetail; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    const graphMessage = details.graphError?.message;
    super(
      graphMessage ? describeFailure(context, graphMessage) : describeRequest(context),
      context,
      details.cause !== undefined ? { cause: details.cause } : undefined,
    );
    nameError(this, 'GraphHttpError');
    if (details.graphError !== undefined) this.graphError = details.graphError;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}
