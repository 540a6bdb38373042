import { GraphLroError, nameError, describeFailure, type RequestContext } from './graph-lro-error.js';

/**
 * A response body that is not the payload Graph documents: not JSON, or
 * JSON of the wrong shape. `path` names the first offending place
 * (`$` for the whole body, `$.error.innerError.code` deeper down).
 *
 * @example
 * ```ts
 * error: (e) => { if (e instanceof DecodeError) console.error(e.path, e.problems); }
 * ```
 * @public
 */
export class DecodeError extends GraphLroError {
  /** Where in the body the first problem is, as `$.a.b[0]`. */
  readonly path: string;
  /** Every problem found, each as `path: expected X, got Y`. */
  readonly problems: readonly string[];
  /** True when the body was not JSON at all (empty, truncated, an HTML page), rather than JSON of the wrong shape. */
  readonly unparsable: boolean;

  /**
   * @param context - the request whose body this is
   * @param options - `path` of the first problem, every `problem`, and whether the body was `unparsable` (not JSON at all; default false)
   */
  constructor(context: RequestContext, options: { readonly path: string; readonly problems: readonly string[]; readonly unparsable?: boolean; readonly cause?: unknown }) {
    super(describeFailure(context, `unexpected payload: ${options.problems.slice(0, 3).join('; ')}`), context, options.cause === undefined ? undefined : { cause: options.cause });
    nameError(this, 'DecodeError');
    this.path = options.path;
    this.problems = options.problems;
    this.unparsable = options.unparsable ?? false;
  }
}
