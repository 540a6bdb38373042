import { GraphLroError, nameError, type RequestContext } from './graph-lro-error.js';

/**
 * The operation was cancelled before it produced its result: its
 * `AbortSignal` was aborted (`reason` is the signal's reason), or what
 * consumed its events stopped early (`take`, `takeUntil`, `first`) and
 * `result()` or `toPromise` was waiting for the result. Nothing more was
 * sent after it: the request in flight was aborted and every timer cleared.
 *
 * @example
 * ```ts
 * import { isGraphLroError, toPromise } from 'rx-graph-lro';
 * try {
 *   await toPromise(graph.workbook(ref).createSession({ persistChanges: true }), { signal: AbortSignal.timeout(5000) });
 * } catch (e) {
 *   if (isGraphLroError(e, 'OperationCancelledError')) console.log('gave up:', e.reason);
 * }
 * ```
 * @public
 */
export class OperationCancelledError extends GraphLroError {
  /** Why: the abort signal's reason, when a signal cancelled it. */
  readonly reason?: unknown;

  /**
   * @param context - the request in flight, when there was one
   * @param options - `message` (default: cancelled before it produced a result); `reason`: the abort signal's reason, when a signal cancelled it
   */
  constructor(context: RequestContext = {}, options: { readonly message?: string; readonly reason?: unknown } = {}) {
    const { reason } = options;
    super(options.message ?? 'the operation was cancelled before it produced a result', context, reason === undefined ? undefined : { cause: reason });
    nameError(this, 'OperationCancelledError');
    if (reason !== undefined) this.reason = reason;
  }
}
