import * as t from 'io-ts';
import { finiteNumber, openEnum, optional } from './combinators.js';
import { WorkbookOperationError } from './workbook-operation-error.js';

/**
 * Every value of Graph's `asyncJobStatus.status`, canonical spelling,
 * matched case-insensitively; unknown values pass through.
 *
 * @public
 */
export const AsyncJobStatusValue = openEnum('AsyncJobStatusValue', [
  'notStarted',
  'inProgress',
  'completed',
  'updating',
  'failed',
  'deletePending',
  'deleteFailed',
  'waiting',
]);
/** @public */
export type AsyncJobStatusValue = t.TypeOf<typeof AsyncJobStatusValue>;

/**
 * The drive monitor's status report (Graph's `asyncJobStatus`).
 *
 * @public
 */
export const AsyncJobStatus = t.intersection(
  [
    t.type({ status: AsyncJobStatusValue }),
    t.partial({
      operation: optional(t.string),
      percentageComplete: optional(finiteNumber),
      resourceId: optional(t.string),
      resourceLocation: optional(t.string),
      statusDescription: optional(t.string),
      error: optional(WorkbookOperationError),
    }),
  ],
  'AsyncJobStatus',
);
/** @public */
export type AsyncJobStatus = t.TypeOf<typeof AsyncJobStatus>;
