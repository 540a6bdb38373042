/**
 * Graph's error chain: a code and message with a nested, more specific
 * `innerError` (a `workbookOperationError`, an `asyncJobStatus` error, a
 * Graph error response's `error`). The seed's example is three deep.
 *
 * @public
 */
export interface GraphErrorChain {
  /** Graph's error code at this level (may be empty). */
  readonly code?: string;
  /** Human-readable message at this level. */
  readonly message?: string;
  /** The more specific error beneath this one. */
  readonly innerError?: GraphErrorChain;
  /** Whatever else this level carries (`request-id`, `date`, …), as sent. */
  readonly [property: string]: unknown;
}

/**
 * The `error` object of a Graph error response: a chain whose top level has a code.
 *
 * @public
 */
export type GraphErrorDetail = GraphErrorChain & { readonly code: string };

/** The most specific code in an error chain: the deepest non-empty one. */
export function innermostCode(error: GraphErrorChain | undefined): string | undefined {
  let code: string | undefined;
  for (let e = error; e !== undefined && e !== null; e = e.innerError) {
    if (e.code) code = e.code;
  }
  return code;
}

/** Every code in the chain, outermost first, for matching any level. */
export function errorCodes(error: GraphErrorChain | undefined): string[] {
  const codes: string[] = [];
  for (let e = error; e !== undefined && e !== null; e = e.innerError) if (e.code) codes.push(e.code);
  return codes;
}
