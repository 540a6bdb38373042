import * as t from 'io-ts';

/**
 * Graph's `workbookOperationError`: a code and message with a nested, more
 * specific `innerError` (the seed's example is three deep).
 *
 * @public
 */
export interface WorkbookOperationError {
  /** Graph's error code at this level (may be empty). */
  readonly code?: string;
  /** Human-readable message at this level. */
  readonly message?: string;
  /** The more specific error beneath this one. */
  readonly innerError?: WorkbookOperationError;
}

/**
 * How many levels of an error chain are read. Graph nests a few (the seed's
 * example is three); a hostile body may nest thousands, which a recursive
 * decoder would follow until the stack overflows. Deeper levels are dropped.
 */
export const MAX_ERROR_DEPTH = 32;

/**
 * Decodes one chain iteratively, to {@link MAX_ERROR_DEPTH} levels. Each
 * level is an object whose `code` and `message` are strings (or null, read
 * as absent); its other properties are kept as sent (`request-id`, `date`).
 * Graph's resource page spells the nested property `innererror`, its
 * examples `innerError`: both are read, so the most specific code is never lost.
 */
function decodeChain(input: unknown, context: t.Context): t.Validation<WorkbookOperationError> {
  const levels: Record<string, unknown>[] = [];
  let node = input;
  let path = context;
  while (node !== undefined && node !== null && levels.length < MAX_ERROR_DEPTH) {
    if (typeof node !== 'object' || Array.isArray(node)) return t.failure(node, path, 'an error object');
    const { innerError, innererror, ...own } = node as Record<string, unknown>;
    for (const key of ['code', 'message'] as const) {
      const value = own[key];
      if (value === null) delete own[key];
      else if (value !== undefined && typeof value !== 'string') {
        return t.failure(value, [...path, { key, type: t.string, actual: value }]);
      }
    }
    levels.push(own);
    const nextKey = innerError !== undefined ? 'innerError' : 'innererror';
    node = innerError !== undefined ? innerError : innererror;
    path = [...path, { key: nextKey, type: WorkbookOperationError, actual: node }];
  }
  // Built from the innermost level out, so no step recurses.
  let chain: WorkbookOperationError | undefined;
  for (let i = levels.length - 1; i >= 0; i--) chain = chain ? { ...levels[i], innerError: chain } : { ...levels[i] };
  return t.success(chain ?? {});
}

/** Codec of the WorkbookOperationError interface: iterative, bounded, `innerError`/`innererror` alike. */
export const WorkbookOperationError: t.Type<WorkbookOperationError, unknown, unknown> = new t.Type<WorkbookOperationError, unknown, unknown>(
  'WorkbookOperationError',
  (u): u is WorkbookOperationError => typeof u === 'object' && u !== null && !Array.isArray(u),
  (u, c) => decodeChain(u, c),
  (a) => a,
);

/** The most specific code in an error chain: the deepest non-empty one. */
export function innermostCode(error: WorkbookOperationError | undefined): string | undefined {
  let code: string | undefined;
  for (let e = error; e !== undefined && e !== null; e = e.innerError) {
    if (e.code) code = e.code;
  }
  return code;
}

/** Every code in the chain, outermost first, for matching any level. */
export function errorCodes(error: WorkbookOperationError | undefined): string[] {
  const codes: string[] = [];
  for (let e = error; e !== undefined && e !== null; e = e.innerError) if (e.code) codes.push(e.code);
  return codes;
}
