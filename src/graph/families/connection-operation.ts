import * as t from 'io-ts';
import { openEnum, optional } from '../../core/codecs/combinators.js';
import { WorkbookOperationError } from '../../core/codecs/workbook-operation-error.js';
import type { GraphErrorChain } from '../../core/errors/error-chain.js';
import type { StatusModel } from '../../lro/run-operation.js';
import { familyStatusModel } from './family-model.js';

/**
 * A Microsoft Search connector's operation status (Graph's
 * `externalConnectors.connectionOperation`), e.g. a schema update.
 *
 * @public
 */
export interface ConnectionOperation {
  /** `unspecified`, `inprogress`, `completed`, `failed`, or a newer word (still running). */
  readonly status: 'unspecified' | 'inprogress' | 'completed' | 'failed' | 'unknownFutureValue' | (string & {});
  readonly id?: string;
  readonly error?: GraphErrorChain;
}

const ConnectionOperationStatus = openEnum('connectionOperationStatus', ['unspecified', 'inprogress', 'completed', 'failed', 'unknownFutureValue']);

const ConnectionOperationCodec: t.Decoder<unknown, ConnectionOperation> = t.intersection([
  t.type({ status: ConnectionOperationStatus }),
  t.partial({ id: optional(t.string), error: optional(WorkbookOperationError) }),
]);

/**
 * The status model of connector operations: `completed` ends well, `failed`
 * fails with the operation's `error`.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'PATCH', url: `/external/connections/${id}/schema`, body: schema }, status: connectionOperationStatus, resultFromStatus: () => undefined });
 * ```
 * @public
 */
export const connectionOperationStatus: StatusModel<ConnectionOperation> = familyStatusModel(
  ConnectionOperationCodec,
  { completed: 'succeeded', failed: 'failed' },
  { error: (s) => s.error },
);
