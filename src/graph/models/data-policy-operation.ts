import type { StatusModel } from 'rx-graph-lro';
import { documentStatusModel, progressAt } from '../shared/document-status-model.js';

/**
 * Graph's `dataPolicyOperation`: a personal data export (`exportPersonalData`),
 * polled at `/dataPolicyOperations/{id}`. It ends with the word `complete`;
 * it carries no error, and its data lands in `storageLocation`.
 *
 * @public
 */
export interface DataPolicyOperation {
  /** The operation's id. */
  readonly id?: string;
  /** `notStarted`, `running`, `complete`, `failed`, or a newer word (still running). */
  readonly status: string;
  /** Progress, as Graph reports it. */
  readonly progress?: number;
  /** The storage container (a SAS URL) the data was exported to. */
  readonly storageLocation?: string;
  /** The user whose data is exported. */
  readonly userId?: string;
  /** When the export was asked for (ISO 8601). */
  readonly submittedDateTime?: string;
  /** When it ended (ISO 8601), or `null` until then. */
  readonly completedDateTime?: string | null;
  /** Every other property, as Graph sent it. */
  readonly [property: string]: unknown;
}

/**
 * The status model of `dataPolicyOperation`: `complete` ends well, `failed` badly; progress from `progress`.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: `/users/${id}/exportPersonalData`, body: { storageLocation } }, status: dataPolicyOperationStatus, resultFromStatus: (s) => s });
 * ```
 * @public
 */
export const dataPolicyOperationStatus: StatusModel<DataPolicyOperation> = documentStatusModel<DataPolicyOperation>(
  'dataPolicyOperation',
  { running: ['notStarted', 'running', 'unknownFutureValue'], succeeded: ['complete'], failed: ['failed'] },
  { progress: progressAt('progress') },
);
