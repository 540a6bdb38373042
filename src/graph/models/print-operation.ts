import type { StatusModel } from 'rx-graph-lro';
import { documentStatusModel } from '../shared/document-status-model.js';

/**
 * Graph's `printOperation` (a `printerCreateOperation`, from
 * `print/printers/create`), polled at `/print/operations/{id}`. Its word is
 * nested: `status: { state, description }`; once it succeeded it carries
 * the new `printer`.
 *
 * @public
 */
export interface PrintOperation {
  /** The operation's id, polled at `/print/operations/{id}`. */
  readonly id?: string;
  /** Where it stands: its `state` (`processing`, `succeeded`, `failed`, …) and Graph's `description` of it. */
  readonly status: { readonly state: string; readonly description?: string };
  /** The printer it created (a `printerCreateOperation` that succeeded). */
  readonly printer?: Readonly<Record<string, unknown>>;
  /** The printer's signed certificate, once the registration succeeded. */
  readonly certificate?: string;
  /** When it was created (ISO 8601). */
  readonly createdDateTime?: string;
  /** Every other property, as Graph sent it. */
  readonly [property: string]: unknown;
}

/**
 * The status model of `printOperation`: `status.state` `succeeded` ends
 * well, `failed` badly (its `status.description` says why).
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: '/print/printers/create', body }, status: printOperationStatus, resultFromStatus: (s) => s.printer });
 * ```
 * @public
 */
export const printOperationStatus: StatusModel<PrintOperation> = documentStatusModel<PrintOperation>(
  'printOperation',
  { running: ['notStarted', 'running', 'unknownFutureValue'], succeeded: ['succeeded'], failed: ['failed'] },
  {
    word: (d) => (typeof d.status === 'object' && d.status !== null ? (d.status as { state?: unknown }).state : undefined),
    error: (d) => (typeof d.status?.description === 'string' && d.status.description !== '' ? { code: 'printOperationFailed', message: d.status.description } : undefined),
  },
);
