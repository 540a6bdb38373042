import { ProtocolError } from './protocol-error.js';
import { nameError, type RequestContext } from './graph-lro-error.js';

/**
 * A response body grew past the transport's limit (16 MiB by default) while
 * it streamed in: the request was aborted at the limit, before the rest was
 * read. Not retried: a server that sends this once will send it again.
 *
 * @example
 * ```ts
 * error: (e) => { if (e instanceof ResponseTooLargeError) console.error(`${e.url} sent more than ${e.limitBytes} bytes`); }
 * ```
 * @public
 */
export class ResponseTooLargeError extends ProtocolError {
  /** The limit, in bytes. */
  readonly limitBytes: number;

  /**
   * @param context - the request whose body was too large
   * @param options - `limitBytes`: the limit it passed
   */
  constructor(context: RequestContext, options: { readonly limitBytes: number }) {
    super(context, { reason: `the response body is larger than ${options.limitBytes} bytes; the request was aborted at the limit` });
    nameError(this, 'ResponseTooLargeError');
    this.limitBytes = options.limitBytes;
  }
}
