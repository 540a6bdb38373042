import * as t from 'io-ts';
import { openEnum, optional } from '../../core/codecs/combinators.js';
import { GraphErrorChainCodec } from '../../core/codecs/graph-error-chain.js';
import type { GraphErrorChain } from 'rx-graph-lro';
import type { StatusModel } from 'rx-graph-lro';
import { statusModelOf } from '../shared/status-model.js';

/**
 * Status of a workbook operation, canonical spelling (matched
 * case-insensitively; `Completed` means `succeeded`). An unknown value is
 * kept as sent and polling goes on.
 *
 * @public
 */
export type WorkbookOperationStatus = 'notStarted' | 'running' | 'succeeded' | 'failed' | (string & {});

/**
 * Graph's `workbookOperation`, the body of `GET …/workbook/operations/{id}`.
 *
 * @public
 */
export interface WorkbookOperation {
  /** Where the operation stands; see {@link WorkbookOperationStatus}. */
  readonly status: WorkbookOperationStatus;
  /** The operation's id. */
  readonly id?: string;
  /** Where the result is, once `succeeded` (createSession, table row add). */
  readonly resourceLocation?: string;
  /** Why it `failed`: Graph's `workbookOperationError` chain. */
  readonly error?: GraphErrorChain;
}

const WorkbookOperationStatusCodec = openEnum('workbookOperationStatus', ['notStarted', 'running', 'succeeded', 'failed'], { completed: 'succeeded' });

/** Decodes a `workbookOperation`. */
export const WorkbookOperationCodec: t.Decoder<unknown, WorkbookOperation> = t.intersection([
  t.type({ status: WorkbookOperationStatusCodec }),
  t.partial({ id: optional(t.string), resourceLocation: optional(t.string), error: optional(GraphErrorChainCodec) }),
]);

/**
 * How a `workbookOperation` is read: `succeeded` and `failed` are terminal;
 * `notStarted`, `running` and anything unknown keep the poll going (the
 * operation's bound ends one that never ends).
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: `${item}/workbook/worksheets/add` }, status: workbookOperationStatus, resultFromStatus: (s) => s });
 * ```
 * @public
 */
export const workbookOperationStatus: StatusModel<WorkbookOperation> = statusModelOf(
  WorkbookOperationCodec,
  { running: ['notStarted', 'running'], succeeded: ['succeeded'], failed: ['failed'] },
  { error: (s) => s.error },
);
