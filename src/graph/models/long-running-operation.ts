import * as t from 'io-ts';
import { GraphErrorChainCodec } from '../../core/codecs/graph-error-chain.js';
import type { GraphErrorChain } from 'rx-graph-lro';
import type { OperationState, StatusModel, StatusWords } from 'rx-graph-lro';
import { percentage } from '../shared/status-model.js';

/**
 * A status document of any of Graph's asynchronous resources, read the same
 * way: every monitor of Graph v1.0's census (`longRunningOperation` and its
 * kin, `teamsAsyncOperation`, `onenoteOperation` and `commsOperation`,
 * `connectionOperation`, eDiscovery `caseOperation`, `dataPolicyOperation`,
 * `printOperation`, a drive monitor's `asyncJobStatus`) and every job
 * resource (an Intune export job, an audit log query, an access review
 * history, a configuration snapshot job, a Cloud PC image, backup browse and
 * restore sessions, a threat assessment). What `graph.operation({ request })`
 * follows when the spec gives no status model.
 *
 * @public
 */
export interface LongRunningOperationStatus {
  /** The status word in its canonical spelling (`inProgress`, `succeeded`, `partiallySucceeded`, …), or as sent when unknown; from `status`, or `status.state` where the status is an object (`printOperation`). */
  readonly status: string;
  /** How it stands: `running` (unknown words included), `succeeded` (partial successes too), `failed` (`cancelled`, `error` too). */
  readonly state: OperationState;
  /** From `percentageComplete`, `percentComplete`, `percentageCompleted`, `percentProgress` or `progress` (a number or a numeric string), as reported. */
  readonly percentageComplete?: number;
  /** Where the result is, from `resourceLocation` or `targetResourceLocation`. */
  readonly resourceLocation?: string;
  /** The error chain of a failed status. */
  readonly error?: GraphErrorChain;
  /** The status document as sent. */
  readonly document: Readonly<Record<string, unknown>>;
}

/** The succeeded words that mean some of it failed: the `succeeded` event says `partial`. */
const PARTIAL = new Set(['partiallySucceeded', 'partiallySuccessful', 'completedWithError']);

/**
 * Every status word of Graph's asynchronous resources (the census of Graph
 * v1.0's metadata, test/fixtures/graph-census.json), lower-cased, with its
 * canonical spelling and what it means. A word not here is one Graph added
 * later: it counts as running, but never makes a synchronous answer a job.
 */
const WORDS: Readonly<Record<string, readonly [string, OperationState]>> = {
  notstarted: ['notStarted', 'running'],
  running: ['running', 'running'],
  inprogress: ['inProgress', 'running'],
  waiting: ['waiting', 'running'],
  updating: ['updating', 'running'],
  deletepending: ['deletePending', 'running'],
  unspecified: ['unspecified', 'running'],
  unknownfuturevalue: ['unknownFutureValue', 'running'],
  // Intune's deviceManagementReportStatus: says nothing yet, so keep polling within the bound.
  unknown: ['unknown', 'running'],
  pending: ['pending', 'running'],
  requested: ['requested', 'running'],
  creating: ['creating', 'running'],
  activating: ['activating', 'running'],
  active: ['active', 'running'],
  succeeded: ['succeeded', 'succeeded'],
  completed: ['completed', 'succeeded'],
  // dataPolicyOperation (exportPersonalData) spells it so.
  complete: ['complete', 'succeeded'],
  done: ['done', 'succeeded'],
  ready: ['ready', 'succeeded'],
  // A backup browse session ready to browse.
  created: ['created', 'succeeded'],
  // A backup restore session before activate: creating it has ended; nothing runs until activate.
  draft: ['draft', 'succeeded'],
  partiallysucceeded: ['partiallySucceeded', 'succeeded'],
  partiallysuccessful: ['partiallySuccessful', 'succeeded'],
  completedwitherror: ['completedWithError', 'succeeded'],
  failed: ['failed', 'failed'],
  submissionfailed: ['submissionFailed', 'failed'],
  invalid: ['invalid', 'failed'],
  deletefailed: ['deleteFailed', 'failed'],
  error: ['error', 'failed'],
  cancelled: ['cancelled', 'failed'],
  canceled: ['canceled', 'failed'],
};

/** Where each resource reports its progress. */
const PROGRESS_FIELDS = ['percentageComplete', 'percentComplete', 'percentageCompleted', 'percentProgress', 'progress'];

/** Decodes any family's status document: an object with a string `status`; everything else is read if present and well-formed. */
export const LongRunningOperationStatusCodec = new t.Type<LongRunningOperationStatus, unknown, unknown>(
  'LongRunningOperationStatus',
  (u): u is LongRunningOperationStatus => typeof u === 'object' && u !== null && typeof (u as { status?: unknown }).status === 'string',
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'a status document (an object)');
    const document = u as Record<string, unknown>;
    const raw = document['status'];
    // printOperation nests its word: `status: { state, description }`.
    const word = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as { state?: unknown }).state : raw;
    if (typeof word !== 'string') {
      const key = word === raw ? 'status' : 'status.state';
      return t.failure(word, [...c, { key, type: t.string, actual: word }]);
    }
    const known = WORDS[word.toLowerCase()];
    let error: GraphErrorChain | undefined;
    if (document['error'] !== undefined && document['error'] !== null) {
      const decoded = GraphErrorChainCodec.validate(document['error'], [...c, { key: 'error', type: GraphErrorChainCodec, actual: document['error'] }]);
      if (decoded._tag === 'Left') return decoded;
      error = decoded.right;
    }
    const progress = PROGRESS_FIELDS.map((field) => percentage(document[field])).find((p) => p !== undefined);
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
