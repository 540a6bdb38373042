import * as t from 'io-ts';
import { GraphErrorChainCodec } from './graph-error-chain.js';
import type { GraphErrorDetail as GraphErrorDetailShape } from '../errors/error-chain.js';

/**
 * The `error` object of a Graph error response: `code`, `message` and a
 * nested `innerError` (which on most APIs carries `request-id` and `date`).
 *
 * @public
 */
export type GraphErrorDetail = GraphErrorDetailShape;

// Not an io-ts intersection: that merges its members' outputs with the input,
// and would put back what the chain decoder dropped (an `innerError: null`).
export const GraphErrorDetail: t.Type<GraphErrorDetail, unknown, unknown> = new t.Type<GraphErrorDetail, unknown, unknown>(
  'GraphErrorDetail',
  (u): u is GraphErrorDetail => GraphErrorChainCodec.is(u) && typeof (u as { code?: unknown }).code === 'string',
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'a Graph error object');
    const chain = GraphErrorChainCodec.validate(u, c);
    if (chain._tag === 'Left') return chain;
    const code = (u as { code?: unknown }).code;
    return typeof code === 'string' ? t.success({ ...chain.right, code }) : t.failure(code, [...c, { key: 'code', type: t.string, actual: code }]);
  },
  (a) => a,
);

/**
 * A Graph error response body, `{ "error": { code, message, innerError } }`.
 *
 * @public
 */
export const GraphErrorBody = t.type({ error: GraphErrorDetail }, 'GraphErrorBody');
/** @public */
export type GraphErrorBody = t.TypeOf<typeof GraphErrorBody>;
