import * as t from 'io-ts';
import { finiteNumber, openEnum, optional } from '../../core/codecs/combinators.js';
import { GraphErrorChainCodec } from '../../core/codecs/graph-error-chain.js';
import type { GraphErrorChain } from 'rx-graph-lro';
import type { StatusModel } from 'rx-graph-lro';
import { statusModelOf } from '../shared/status-model.js';

/**
 * A SharePoint operation's status (Graph's `richLongRunningOperation`, and
 * the base `longRunningOperation` it extends): a content type copied from
 * the hub, site and list operations. Viva Engage's `engagementAsyncOperation`
 * is the same document with an `operationType`.
 *
 * @public
 */
export interface RichLongRunningOperation {
  /** `notStarted`, `running`, `succeeded`, `failed`, or a newer word (still running). */
  readonly status: 'notStarted' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'unknownFutureValue' | (string & {});
  /** The operation's id. */
  readonly id?: string;
  /** When it was created (ISO 8601). */
  readonly createdDateTime?: string;
  /** When its status last changed (ISO 8601). */
  readonly lastActionDateTime?: string;
  /** 0–100. */
  readonly percentageComplete?: number;
  /** The id of the resource created or changed. */
  readonly resourceId?: string;
  /** Where it is: read when the operation succeeds. */
  readonly resourceLocation?: string;
  /** Graph's words about the status, for people. */
  readonly statusDetail?: string;
  /** The kind of operation (`type` for SharePoint, `operationType` for Viva Engage: `createCommunity`). */
  readonly type?: string;
  /** Viva Engage's name for the kind of operation: `createCommunity`. */
  readonly operationType?: string;
  /** Why it `failed`: the operation's error chain. */
  readonly error?: GraphErrorChain;
}

const LongRunningOperationStatusWord = openEnum('longRunningOperationStatus', ['notStarted', 'running', 'succeeded', 'failed', 'skipped', 'unknownFutureValue']);

const RichLongRunningOperationCodec: t.Decoder<unknown, RichLongRunningOperation> = t.intersection([
  t.type({ status: LongRunningOperationStatusWord }),
  t.partial({
    id: optional(t.string),
    createdDateTime: optional(t.string),
    lastActionDateTime: optional(t.string),
    percentageComplete: optional(finiteNumber),
    resourceId: optional(t.string),
    resourceLocation: optional(t.string),
    statusDetail: optional(t.string),
    type: optional(t.string),
    operationType: optional(t.string),
    error: optional(GraphErrorChainCodec),
  }),
]);

/**
 * The status model of `richLongRunningOperation`, `longRunningOperation` and
 * `engagementAsyncOperation`: `succeeded` ends well, `failed` fails with
 * the operation's `error`, progress from `percentageComplete`.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: `/sites/${site}/contentTypes/addCopyFromContentTypeHub`, body: { contentTypeId } }, status: richLongRunningOperationStatus });
 * ```
 * @public
 */
export const richLongRunningOperationStatus: StatusModel<RichLongRunningOperation> = statusModelOf(
  RichLongRunningOperationCodec,
  { running: ['notStarted', 'running', 'unknownFutureValue'], succeeded: ['succeeded', 'skipped'], failed: ['failed'] },
  { progress: (s) => s.percentageComplete, error: (s) => s.error },
);
