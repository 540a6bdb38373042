import { NetworkError } from './network-error.js';
import { nameError, type RequestContext } from './graph-lro-error.js';

/**
 * One HTTP request got no complete answer within the client's
 * `requestTimeoutMs` (a hung connection, a body that trickles in): it was
 * aborted. A kind of {@link NetworkError}, so it is retried where a network
 * failure would be (requests that are safe to repeat).
 *
 * @example
 * ```ts
 * error: (e) => { if (e instanceof RequestTimeoutError) console.warn(`${e.url} hung for ${e.timeoutMs} ms`); }
 * ```
 * @public
 */
export class RequestTimeoutError extends NetworkError {
  /** The bound that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * @param context - the request that was aborted
   * @param options - `timeoutMs`: the bound it exceeded
   */
  constructor(context: RequestContext, options: { readonly timeoutMs: number }) {
    super(context, { cause: new Error(`no complete answer within ${options.timeoutMs} ms; the request was aborted`) });
    nameError(this, 'RequestTimeoutError');
    this.timeoutMs = options.timeoutMs;
  }
}
