import { GraphLroError, nameError, type RequestContext } from './graph-lro-error.js';

/**
 * The operation did not finish within its `timeoutMs`. Everything it had
 * in flight was cancelled; `lastStatus` is the last status the server
 * reported, if any, so a caller can tell "never started" from "stuck running".
 *
 * @example
 * ```ts
 * graph.workbook(ref).createSession({ persistChanges: true }, { timeoutMs: 60_000 })
 *   .subscribe({ error: (e) => e instanceof OperationTimeoutError && console.log(e.lastStatus) });
 * ```
 * @public
 */
export class OperationTimeoutError extends GraphLroError {
  /** The bound that was exceeded, in milliseconds. */
  readonly timeoutMs: number;
  /** The last status the server reported before the timeout. */
  readonly lastStatus?: string;

  /**
   * @param context - the status URL being polled, when there was one
   * @param options - `timeoutMs`: the bound; `lastStatus`: the last status seen, when one was
   */
  constructor(context: RequestContext, options: { readonly timeoutMs: number; readonly lastStatus?: string | undefined }) {
    const { timeoutMs, lastStatus } = options;
    super(
      `operation timed out after ${timeoutMs} ms` +
        (lastStatus !== undefined ? ` (last status: ${lastStatus})` : ' (no status seen)') +
        (context.url ? ` polling ${context.url}` : ''),
      context,
    );
    nameError(this, 'OperationTimeoutError');
    this.timeoutMs = timeoutMs;
    if (lastStatus !== undefined) this.lastStatus = lastStatus;
  }
}
