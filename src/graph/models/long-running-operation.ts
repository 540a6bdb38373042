import * as t from 'io-ts';
import { GraphErrorChainCodec } from '../../core/codecs/graph-error-chain.js';
import type { GraphErrorChain } from '../../core/errors/error-chain.js';
import type { OperationState, StatusModel, StatusWords } from '../../lro/operation-types.js';
import { percentage } from '../shared/status-model.js';

/**
 * A status document of any of Graph's long-running operation families
 * (`longRunningOperation`, `richLongRunningOperation`, `teamsAsyncOperation`,
 * `onenoteOperation`, `connectionOperation`, eDiscovery `caseOperation`,
 * `engagementAsyncOperation`, a drive monitor's `asyncJobStatus`), read the
 * same way: what `graph.operation({ request })` follows when the spec gives
 * no status model.
 *
 * @public
 */
export interface LongRunningOperationStatus {
  /** The status word in its canonical spelling (`inProgress`, `succeeded`, `partiallySucceeded`, …), or as sent when unknown. */
  readonly status: string;
  /** How it stands: `running` (unknown words included), `succeeded` (`partiallySucceeded` too), `failed`. */
  readonly state: OperationState;
  /** From `percentageComplete`, `percentComplete` (a number or a numeric string) or `percentProgress`, as reported. */
  readonly percentageComplete?: number;
  /** Where the result is, from `resourceLocation` or `targetResourceLocation`. */
  readonly resourceLocation?: string;
  /** The error chain of a failed status. */
  readonly error?: GraphErrorChain;
  /** The status document as sent. */
  readonly document: Readonly<Record<string, unknown>>;
}

/** Every status word of Graph's asynchronous resources, lower-cased, with its canonical spelling and what it means. */
const PARTIAL = new Set(['partiallySucceeded']);

export const WORDS: Readonly<Record<string, readonly [string, OperationState]>> = {
  notstarted: ['notStarted', 'running'],
  running: ['running', 'running'],
  inprogress: ['inProgress', 'running'],
  waiting: ['waiting', 'running'],
  updating: ['updating', 'running'],
  deletepending: ['deletePending', 'running'],
  unspecified: ['unspecified', 'running'],
  unknownfuturevalue: ['unknownFutureValue', 'running'],
  succeeded: ['succeeded', 'succeeded'],
  completed: ['completed', 'succeeded'],
  partiallysucceeded: ['partiallySucceeded', 'succeeded'],
  failed: ['failed', 'failed'],
  submissionfailed: ['submissionFailed', 'failed'],
  invalid: ['invalid', 'failed'],
  deletefailed: ['deleteFailed', 'failed'],
};

/** Decodes any family's status document: an object with a string `status`; everything else is read if present and well-formed. */
export const LongRunningOperationStatusCodec = new t.Type<LongRunningOperationStatus, unknown, unknown>(
  'LongRunningOperationStatus',
  (u): u is LongRunningOperationStatus => typeof u === 'object' && u !== null && typeof (u as { status?: unknown }).status === 'string',
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'a status document (an object)');
    const document = u as Record<string, unknown>;
    const word = document['status'];
    if (typeof word !== 'string') return t.failure(word, [...c, { key: 'status', type: t.string, actual: word }]);
    const known = WORDS[word.toLowerCase()];
    let error: GraphErrorChain | undefined;
    if (document['error'] !== undefined && document['error'] !== null) {
      const decoded = GraphErrorChainCodec.validate(document['error'], [...c, { key: 'error', type: GraphErrorChainCodec, actual: document['error'] }]);
      if (decoded._tag === 'Left') return decoded;
      error = decoded.right;
    }
    const progress = percentage(document['percentageComplete']) ?? percentage(document['percentComplete']) ?? percentage(document['percentProgress']);
    const location = [document['resourceLocation'], document['targetResourceLocation']].find((v): v is string => typeof v === 'string' && v !== '');
    return t.success({
      status: known ? known[0] : word,
      state: known ? known[1] : 'running',
      ...(progress !== undefined ? { percentageComplete: progress } : {}),
      ...(location !== undefined ? { resourceLocation: location } : {}),
      ...(error !== undefined ? { error } : {}),
      document,
    });
  },
  (a) => a.document,
);

/**
 * The status model of every family at once: what a spec without one gets.
 * Words in any case and spelling, progress from any of the three fields.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: '/…/someAction' }, status: longRunningOperationStatus, resultFromStatus: (s) => s.document });
 * ```
 * @public
 */
export const longRunningOperationStatus: StatusModel<LongRunningOperationStatus> = {
  codec: LongRunningOperationStatusCodec,
  describe: (s) => (s.percentageComplete === undefined ? { status: s.status } : { status: s.status, percentageComplete: s.percentageComplete }),
  state: (s) => s.state,
  error: (s) => s.error,
  words: wordsByState(),
  partial: (s) => PARTIAL.has(s.status),
};

/** The words of {@link WORDS}, by what they mean. */
function wordsByState(): StatusWords {
  const by: Record<OperationState, string[]> = { running: [], succeeded: [], failed: [] };
  for (const [canonical, state] of Object.values(WORDS)) by[state].push(canonical);
  return by;
}
