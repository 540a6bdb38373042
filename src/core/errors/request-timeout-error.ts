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

  constructor(context: RequestContext, timeoutMs: number) {
    super(context, new Error(`no complete answer within ${timeoutMs} ms; the request was aborted`));
    nameError(this, 'RequestTimeoutError');
    this.timeoutMs = timeoutMs;
  }
}
