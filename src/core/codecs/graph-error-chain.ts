import * as t from 'io-ts';
import type { GraphErrorChain } from '../errors/error-chain.js';

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
function decodeChain(input: unknown, context: t.Context): t.Validation<GraphErrorChain> {
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
    path = [...path, { key: nextKey, type: GraphErrorChainCodec, actual: node }];
  }
  // Built from the innermost level out, so no step recurses.
  let chain: GraphErrorChain | undefined;
  for (let i = levels.length - 1; i >= 0; i--) chain = chain ? { ...levels[i], innerError: chain } : { ...levels[i] };
  return t.success(chain ?? {});
}

/** Codec of a Graph error chain (`workbookOperationError` and every other): iterative, bounded, `innerError`/`innererror` alike. */
export const GraphErrorChainCodec: t.Type<GraphErrorChain, unknown, unknown> = new t.Type<GraphErrorChain, unknown, unknown>(
  'GraphErrorChain',
  (u): u is GraphErrorChain => typeof u === 'object' && u !== null && !Array.isArray(u),
  (u, c) => decodeChain(u, c),
  (a) => a,
);
