import * as t from 'io-ts';
import { openEnum, optional } from '../../core/codecs/combinators.js';
import { GraphErrorChainCodec } from '../../core/codecs/graph-error-chain.js';
import type { GraphErrorChain } from 'rx-graph-lro';
import type { StatusModel } from 'rx-graph-lro';
import { percentage, statusModelOf } from '../shared/status-model.js';

/**
 * A OneNote copy's status (Graph's `onenoteOperation`), followed from the
 * 202's `Operation-Location`. Its words are PascalCase and its progress a
 * string; both are read as they come.
 *
 * @public
 */
export interface OnenoteOperation {
  /** `NotStarted`, `Running`, `Completed`, `Failed` (matched in any case), or a newer word (still running). */
  readonly status: 'NotStarted' | 'Running' | 'Completed' | 'Failed' | (string & {});
  /** The operation's id. */
  readonly id?: string;
  /** When it was created (ISO 8601). */
  readonly createdDateTime?: string;
  /** When its status last changed (ISO 8601). */
  readonly lastActionDateTime?: string;
  /** As sent: a string such as `"50.0"`. The model reports it as a number. */
  readonly percentComplete?: string;
  /** The id of the copied notebook or section. */
  readonly resourceId?: string;
  /** The copied notebook or section, read when the copy completes. */
  readonly resourceLocation?: string;
  /** Why it `Failed`: the operation's error chain. */
  readonly error?: GraphErrorChain;
}

const OnenoteOperationStatus = openEnum('onenoteOperationStatus', ['NotStarted', 'Running', 'Completed', 'Failed']);

/** OneNote sends the figure as a string; a number is taken too. */
const PercentText = new t.Type<string, string, unknown>(
  'percentComplete',
  (u): u is string => typeof u === 'string',
  (u, c) => (typeof u === 'string' ? t.success(u) : typeof u === 'number' && Number.isFinite(u) ? t.success(String(u)) : t.failure(u, c)),
  t.identity,
);

const OnenoteOperationCodec: t.Decoder<unknown, OnenoteOperation> = t.intersection([
  t.type({ status: OnenoteOperationStatus }),
  t.partial({
    id: optional(t.string),
    createdDateTime: optional(t.string),
    lastActionDateTime: optional(t.string),
    percentComplete: optional(PercentText),
    resourceId: optional(t.string),
    resourceLocation: optional(t.string),
    error: optional(GraphErrorChainCodec),
  }),
]);

/** A numeric string as a number; anything else is no figure at all. */

/**
 * The status model of OneNote operations: `Completed` ends well, `Failed`
 * fails with the operation's `error`, progress from `percentComplete`.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: `/me/onenote/notebooks/${id}/copyNotebook`, body: {} }, status: onenoteOperationStatus, resultFromStatus: (s) => s.resourceId });
 * ```
 * @public
 */
export const onenoteOperationStatus: StatusModel<OnenoteOperation> = statusModelOf(
  OnenoteOperationCodec,
  { running: ['NotStarted', 'Running'], succeeded: ['Completed'], failed: ['Failed'] },
  { progress: (s) => percentage(s.percentComplete), error: (s) => s.error },
);
