import * as t from 'io-ts';
import { openEnum, optional } from './combinators.js';
import { WorkbookOperationError } from './workbook-operation-error.js';

/**
 * Status of a workbook operation, canonical spelling. Matching is
 * case-insensitive and `Completed` (the resource page's word) means
 * `succeeded`; an unknown value is kept as sent and polling goes on.
 *
 * @public
 */
export const WorkbookOperationStatus = openEnum('WorkbookOperationStatus', ['notStarted', 'running', 'succeeded', 'failed'], {
  completed: 'succeeded',
});
/** @public */
export type WorkbookOperationStatus = t.TypeOf<typeof WorkbookOperationStatus>;

/**
 * Graph's `workbookOperation`, the body of `GET …/workbook/operations/{id}`.
 *
 * @public
 */
export const WorkbookOperation = t.intersection([
  t.type({ status: WorkbookOperationStatus }),
  t.partial({
    id: optional(t.string),
    resourceLocation: optional(t.string),
    error: optional(WorkbookOperationError),
  }),
]);
/** @public */
export type WorkbookOperation = t.TypeOf<typeof WorkbookOperation>;
