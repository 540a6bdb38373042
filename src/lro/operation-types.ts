import type { Decoder } from '../core/codecs/decoder.js';
import type { GraphErrorChain } from '../core/errors/error-chain.js';
import type { PollPolicy } from '../core/policy/poll-policy.js';
import type { RetryPolicy } from '../core/policy/retry-policy.js';

// The engine's public types, in a file of their own: a status model or an
// operation kind describes itself with these without importing the engine.

/** Where a status stands: still going, done well, or done badly. @public */
export type OperationState = 'running' | 'succeeded' | 'failed';

/**
 * Every word a status enum has, by what it means: what a status model knows
 * for certain. A word outside these lists is one Graph added later; it
 * counts as running, but it never makes a `201` answer a job to follow.
 *
 * @example
 * ```ts
 * const words: StatusWords = { running: ['notStarted', 'inProgress'], succeeded: ['completed'], failed: ['failed'] };
 * ```
 * @public
 */
export interface StatusWords {
  /** Words of a status still going. */
  readonly running: readonly string[];
  /** Words of a status that ended well. */
  readonly succeeded: readonly string[];
  /** Words of a status that ended badly. */
  readonly failed: readonly string[];
}

/**
 * How to read one kind of status document.
 *
 * @example
 * ```ts
 * const teamsStatus: StatusModel<TeamsOp> = {
 *   codec: TeamsOp,
 *   describe: (s) => ({ status: s.status }),
 *   state: (s) => (s.status === 'succeeded' ? 'succeeded' : s.status === 'failed' ? 'failed' : 'running'),
 *   error: (s) => s.error,
 * };
 * ```
 * @public
 */
export interface StatusModel<S> {
  /**
   * Decodes the status body: an io-ts codec, a Standard Schema validator
   * (zod, valibot, arktype) or a function that returns the status or throws.
   * A mismatch is a `DecodeError`.
   */
  readonly codec: Decoder<S>;
  /** The status name and progress an event reports. */
  readonly describe: (status: S) => { status: string; percentageComplete?: number };
  /** Terminal or not, and how it ended. Unknown statuses should be `running`. */
  readonly state: (status: S) => OperationState;
  /** The error chain of a failed status, for `OperationFailedError`. @defaultValue none */
  readonly error?: (status: S) => GraphErrorChain | undefined;
  /**
   * The words of the status enum, by meaning (canonical spelling, as
   * `describe` reports them). With them, a `201` whose body reads as one of
   * the running words is followed as a job; without them, any running state
   * is. @defaultValue none
   */
  readonly words?: StatusWords;
  /** Whether a succeeded status is a partial success (`partiallySucceeded`, `completedWithError`): the `succeeded` event says so. @defaultValue never */
  readonly partial?: (status: S) => boolean;
}

/**
 * Per-call options shared by every operation.
 *
 * @example
 * ```ts
 * graph.workbook(ref).createSession({ persistChanges: true }, { timeoutMs: 60_000, poll: { intervalMs: 250 } });
 * ```
 * @public
 */
export interface OperationOptions {
  /**
   * Bound on the whole operation; exceeding it errors with `OperationTimeoutError`.
   * @defaultValue per kind, see `DEFAULT_OPERATION_TIMEOUTS` in `rx-graph-lro/graph` (10 min for workbook operations, 24 h for a copy, 1 h otherwise)
   */
  readonly timeoutMs?: number;
  /** Overrides of the client's poll policy for this call. @defaultValue the client's */
  readonly poll?: Partial<PollPolicy>;
  /** Overrides of the client's retry policy for this call. @defaultValue the client's */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Declares the starting request safe to repeat after a 504 or a network
   * failure. Only say so when a repeat cannot apply the change twice.
   * @defaultValue false, except for createSession, refreshSession and closeSession
   */
  readonly idempotent?: boolean;
  /**
   * Cancels the operation when aborted: the request in flight is aborted,
   * every timer is cleared, nothing more is sent, and the Observable errors
   * with `OperationCancelledError` (its `reason` is the signal's). The same as
   * unsubscribing, for code that holds an `AbortController`.
   * @defaultValue none
   */
  readonly signal?: AbortSignal;
}
