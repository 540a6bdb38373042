import type { OperationHandle } from 'rx-graph-lro';

/**
 * What a Graph operation job holds in Redis: which operation, its JSON
 * arguments, and, once Graph accepted it, the resume handle. Never a token.
 *
 * @public
 */
export interface GraphJobData {
  /** `workbook.createSession`, `driveItem.copy`, `teams.clone`, …, or `custom:{name}` for a spec the workers registered. */
  readonly operation: string;
  /** The arguments of the client call, as JSON (`['/me/drive/items/01ABC', { persistChanges: true }]`); the last may be its options, within the worker's `jobLimits`. */
  readonly args: readonly unknown[];
  /** The start may be repeated if a worker died before Graph accepted it. @defaultValue true for createSession, else false */
  readonly idempotent?: boolean;
  /**
   * Set by the worker just before it sends the start request (with the
   * worker's `durability` on, a start that is not idempotent is sent only
   * once replicas confirmed this; otherwise it is cleared and the start
   * deferred).
   */
  readonly startSent?: boolean;
  /** Set by the worker as soon as Graph accepts the operation: how another worker resumes it. */
  readonly handle?: OperationHandle;
  /** Set when the operation failed: the typed error, without any secret. */
  readonly error?: GraphJobError;
}

/**
 * A failed operation's error as a job records it.
 *
 * @public
 */
export interface GraphJobError {
  /** The error class: `OperationFailedError`, `GraphHttpError`, `DecodeError`, … */
  readonly name: string;
  /** The error's message. */
  readonly message: string;
  /** Graph's innermost error code, when Graph gave one. */
  readonly code?: string;
  /** The HTTP status of the answer that failed, when there was one. */
  readonly status?: number;
  /** The HTTP method of the request that failed. */
  readonly method?: string;
  /** The request URL, with any `tempAuth` redacted. */
  readonly url?: string;
}

/**
 * The progress a job reports: the latest status, and its percentage when
 * Graph gives one. Besides Graph's statuses, `accepted` (Graph took the
 * operation; no status yet) and `startDeferred` (the start was not sent:
 * no replica confirmed its marker; see `durability`).
 *
 * @public
 */
export interface GraphJobProgress {
  /** The operation's latest status word, as its `status` event reported it (`running`, `inProgress`, …). */
  readonly status: string;
  /** The latest percentage Graph reported, when it reports one. */
  readonly percentageComplete?: number;
  /**
   * With the worker's `durability` on: whether the replicas confirmed the
   * handle this attempt stored (false: a failover may lose it; a start that
   * is not idempotent would then fail rather than be sent again). Absent
   * when durability is off, and on an attempt that resumed a stored handle.
   */
  readonly durable?: boolean;
}
