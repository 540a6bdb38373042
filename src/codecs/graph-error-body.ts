import * as t from 'io-ts';
import { WorkbookOperationError } from './workbook-operation-error.js';

/**
 * The `error` object of a Graph error response: `code`, `message` and a
 * nested `innerError` (which on most APIs carries `request-id` and `date`).
 *
 * @public
 */
export const GraphErrorDetail = t.intersection([t.type({ code: t.string }), WorkbookOperationError], 'GraphErrorDetail');
/** @public */
export type GraphErrorDetail = t.TypeOf<typeof GraphErrorDetail>;

/**
 * A Graph error response body, `{ "error": { code, message, innerError } }`.
 *
 * @public
 */
export const GraphErrorBody = t.type({ error: GraphErrorDetail }, 'GraphErrorBody');
/** @public */
export type GraphErrorBody = t.TypeOf<typeof GraphErrorBody>;
