import * as t from 'io-ts';
import { optional } from './combinators.js';

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

// Graph's resource page spells the nested property `innererror`, its examples
// `innerError`; read both so the most specific code is never lost.
function withInnerErrorAlias<C extends t.Mixed>(codec: C): t.Type<t.TypeOf<C>, unknown, unknown> {
  return new t.Type<t.TypeOf<C>, unknown, unknown>(
    codec.name,
    codec.is,
    (u, c) => {
      if (typeof u === 'object' && u !== null && !('innerError' in u) && 'innererror' in u) {
        const { innererror, ...rest } = u as Record<string, unknown>;
        return codec.validate({ ...rest, innerError: innererror }, c);
      }
      return codec.validate(u, c);
    },
    codec.encode,
  );
}

/** Codec of the WorkbookOperationError interface, recursive, `innerError`/`innererror` alike. */
export const WorkbookOperationError: t.Type<WorkbookOperationError, unknown, unknown> = t.recursion(
  'WorkbookOperationError',
  () =>
    withInnerErrorAlias(
      t.partial({
        code: optional(t.string),
        message: optional(t.string),
        innerError: optional(WorkbookOperationError),
      }),
    ) as t.Type<WorkbookOperationError, unknown, unknown>,
);

/** The most specific code in an error chain: the deepest non-empty one. */
export function innermostCode(error: WorkbookOperationError | undefined): string | undefined {
  let code: string | undefined;
  for (let e = error; e !== undefined; e = e.innerError) {
    if (e.code) code = e.code;
  }
  return code;
}

/** Every code in the chain, outermost first, for matching any level. */
export function errorCodes(error: WorkbookOperationError | undefined): string[] {
  const codes: string[] = [];
  for (let e = error; e !== undefined; e = e.innerError) if (e.code) codes.push(e.code);
  return codes;
}
