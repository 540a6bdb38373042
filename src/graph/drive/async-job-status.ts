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
  /** Where the job stands: `notStarted`, `inProgress`, `completed`, `failed`, …; an unknown word keeps the poll going. */
  readonly status: AsyncJobStatusValue;
  /** The kind of job (`ItemCopy` for a copy). */
  readonly operation?: string;
  /** 0–100, as the monitor reports it. */
  readonly percentageComplete?: number;
  /** The new item's id, once `completed`. */
  readonly resourceId?: string;
  /** Where the new item is, once `completed`; only its `items/{id}` is believed. */
  readonly resourceLocation?: string;
  /** The monitor's words about the status, for people. */
  readonly statusDescription?: string;
  /** Why it `failed`: the monitor's error chain. */
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
