import * as t from 'io-ts';
import { finiteNumber, openEnum, optional } from '../../core/codecs/combinators.js';
import { GraphErrorChainCodec } from '../../core/codecs/graph-error-chain.js';
import type { GraphErrorChain } from 'rx-graph-lro';

/** Every word of Graph's `asyncJobStatus.status`, canonical spelling. */
export const ASYNC_JOB_STATUS_WORDS = ['notStarted', 'inProgress', 'completed', 'updating', 'failed', 'deletePending', 'deleteFailed', 'waiting'] as const;

/**
 * Every value of Graph's `asyncJobStatus.status`, canonical spelling
 * (matched case-insensitively); unknown values pass through.
 *
 * @public
 */
export type AsyncJobStatusValue = 'notStarted' | 'inProgress' | 'completed' | 'updating' | 'failed' | 'deletePending' | 'deleteFailed' | 'waiting' | (string & {});

/**
 * The drive monitor's status report (Graph's `asyncJobStatus`).
 *
 * @public
 */
export interface AsyncJobStatus {
  readonly status: AsyncJobStatusValue;
  readonly operation?: string;
  readonly percentageComplete?: number;
  readonly resourceId?: string;
  readonly resourceLocation?: string;
  readonly statusDescription?: string;
  readonly error?: GraphErrorChain;
}

/** Decodes an `asyncJobStatus`. */
export const AsyncJobStatusCodec = t.intersection(
  [
    t.type({ status: openEnum('asyncJobStatus', ASYNC_JOB_STATUS_WORDS) }),
    t.partial({
      operation: optional(t.string),
      percentageComplete: optional(finiteNumber),
      resourceId: optional(t.string),
      resourceLocation: optional(t.string),
      statusDescription: optional(t.string),
      error: optional(GraphErrorChainCodec),
    }),
  ],
  'AsyncJobStatus',
) satisfies t.Decoder<unknown, AsyncJobStatus>;
