import { innermostCode, type GraphErrorChain } from './error-chain.js';
import { GraphLroError, nameError, describeFailure, type RequestContext } from './graph-lro-error.js';

/**
 * The operation reached a failed status. `error` is the decoded error chain
 * exactly as Graph nested it (`innerError` within `innerError`); `code` is
 * its innermost non-empty code, the most specific one.
 *
 * @example
 * ```ts
 * error: (e) => {
 *   if (e instanceof OperationFailedError) console.log(e.code, e.error?.innerError?.message);
 * }
 * ```
 * @public
 */
export class OperationFailedError extends GraphLroError {
  /** The failed status as the server spelled it (`failed`, `deleteFailed`, …). */
  readonly operationStatus: string;
  /** The decoded error chain, when the status carried one. */
  readonly error?: GraphErrorChain;

  /**
   * @param context - the status URL that said it failed
   * @param options - `operationStatus`: the failed word; `error`: the decoded error chain, when there was one
   */
  constructor(context: RequestContext, options: { readonly operationStatus: string; readonly error?: GraphErrorChain | undefined; readonly cause?: unknown }) {
    const { operationStatus, error } = options;
    const code = context.code ?? innermostCode(error);
    const withCode = { ...context, ...(code !== undefined ? { code } : {}) };
    const message = error?.message ? `: ${error.message}` : '';
    super(describeFailure(withCode, `operation ${operationStatus}${message}`), withCode, options.cause === undefined ? undefined : { cause: options.cause });
    nameError(this, 'OperationFailedError');
    this.operationStatus = operationStatus;
    if (error !== undefined) this.error = error;
  }
}
