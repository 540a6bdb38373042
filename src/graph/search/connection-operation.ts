import * as t from 'io-ts';
import { openEnum, optional } from '../../core/codecs/combinators.js';
import { GraphErrorChainCodec } from '../../core/codecs/graph-error-chain.js';
import type { GraphErrorChain } from 'rx-graph-lro';
import type { StatusModel } from 'rx-graph-lro';
import { statusModelOf } from '../shared/status-model.js';

/**
 * A Microsoft Search connector's operation status (Graph's
 * `externalConnectors.connectionOperation`), e.g. a schema update.
 *
 * @public
 */
export interface ConnectionOperation {
  /** `unspecified`, `inprogress`, `completed`, `failed`, or a newer word (still running). */
  readonly status: 'unspecified' | 'inprogress' | 'completed' | 'failed' | 'unknownFutureValue' | (string & {});
  /** The operation's id. */
  readonly id?: string;
  /** Why it `failed`: the operation's error chain. */
  readonly error?: GraphErrorChain;
}

const ConnectionOperationStatus = openEnum('connectionOperationStatus', ['unspecified', 'inprogress', 'completed', 'failed', 'unknownFutureValue']);

const ConnectionOperationCodec: t.Decoder<unknown, ConnectionOperation> = t.intersection([
  t.type({ status: ConnectionOperationStatus }),
  t.partial({ id: optional(t.string), error: optional(GraphErrorChainCodec) }),
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
export const connectionOperationStatus: StatusModel<ConnectionOperation> = statusModelOf(
  ConnectionOperationCodec,
  { running: ['unspecified', 'inprogress', 'unknownFutureValue'], succeeded: ['completed'], failed: ['failed'] },
  { error: (s) => s.error },
);
