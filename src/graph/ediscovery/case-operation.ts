import * as t from 'io-ts';
import { finiteNumber, openEnum, optional } from '../../core/codecs/combinators.js';
import type { GraphErrorChain } from 'rx-graph-lro';
import type { StatusModel } from 'rx-graph-lro';
import { statusModelOf } from '../shared/status-model.js';

/**
 * An eDiscovery operation's status (Graph's `security.caseOperation` and the
 * types that extend it: estimate, export, add to review set, purge, hold…).
 * `partiallySucceeded` is an outcome, not a failure: the operation ends
 * well and the final document says so.
 *
 * @public
 */
export interface CaseOperation {
  /** `notStarted`, `submissionFailed`, `running`, `succeeded`, `partiallySucceeded`, `failed`, or a newer word (still running). */
  readonly status: 'notStarted' | 'submissionFailed' | 'running' | 'succeeded' | 'partiallySucceeded' | 'failed' | 'unknownFutureValue' | (string & {});
  /** The operation's id in its case. */
  readonly id?: string;
  /** `estimateStatistics`, `addToReviewSet`, `exportResult`, `purgeData`, `holdUpdate`, … */
  readonly action?: string;
  /** When it was created (ISO 8601). */
  readonly createdDateTime?: string;
  /** When it ended (ISO 8601), once it has. */
  readonly completedDateTime?: string;
  /** 0–100. */
  readonly percentProgress?: number;
  /** Success and failure details: `code`, `message`, `subcode`. */
  readonly resultInfo?: { readonly code?: number; readonly message?: string; readonly subcode?: number };
  /** Every other property of the derived type (`indexedItemCount`, `exportFileMetadata`, …), as sent. */
  readonly [property: string]: unknown;
}

const CaseOperationStatus = openEnum('caseOperationStatus', ['notStarted', 'submissionFailed', 'running', 'succeeded', 'partiallySucceeded', 'failed', 'unknownFutureValue']);

const ResultInfo = t.partial({ code: optional(finiteNumber), message: optional(t.string), subcode: optional(finiteNumber) });

const CaseOperationCodec = t.intersection([
  t.type({ status: CaseOperationStatus }),
  t.partial({
    id: optional(t.string),
    action: optional(t.string),
    createdDateTime: optional(t.string),
    completedDateTime: optional(t.string),
    percentProgress: optional(finiteNumber),
    resultInfo: optional(ResultInfo),
  }),
]);

/** The decoded fields over the document as sent: the derived type's own properties are kept. */
const CaseOperationDocument: t.Decoder<unknown, CaseOperation> = {
  name: 'caseOperation',
  validate: (u, c) => {
    const decoded = CaseOperationCodec.validate(u, c);
    return decoded._tag === 'Left' ? decoded : t.success({ ...(u as Record<string, unknown>), ...decoded.right } as CaseOperation);
  },
  decode: (u) => CaseOperationDocument.validate(u, [{ key: '', type: CaseOperationCodec, actual: u }]),
};

/** eDiscovery reports failure in `resultInfo`, not an `error`: read it as a one-level chain. */
function errorOf(s: CaseOperation): GraphErrorChain | undefined {
  const info = s.resultInfo;
  if (!info || (info.code === undefined && info.message === undefined)) return undefined;
  return { code: info.code === undefined ? s.status : String(info.code), message: info.message ?? '' };
}

/**
 * The status model of eDiscovery operations: `succeeded` and
 * `partiallySucceeded` end well; `failed` and `submissionFailed` fail with
 * `resultInfo`; progress from `percentProgress`.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: `/security/cases/ediscoveryCases/${c}/searches/${s}/estimateStatistics` }, status: caseOperationStatus, resultFromStatus: (s) => s });
 * ```
 * @public
 */
export const caseOperationStatus: StatusModel<CaseOperation> = statusModelOf(
  CaseOperationDocument,
  { running: ['notStarted', 'running', 'unknownFutureValue'], succeeded: ['succeeded', 'partiallySucceeded'], failed: ['failed', 'submissionFailed'] },
  { progress: (s) => s.percentProgress, error: errorOf, partial: ['partiallySucceeded'] },
);
