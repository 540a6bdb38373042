import { distinctUntilChanged, Observable, of, throwError, type SchedulerLike, type Subscription } from 'rxjs';
import type * as t from 'io-ts';
import { toIoDecoder, type Decoder } from '../core/codecs/decoder.js';
import type { HttpResponse } from '../http/transport.js';
import type { RequestSpec, SendRequest } from '../http/request-executor.js';
import type { RequestContext } from '../core/errors/graph-lro-error.js';
import { OperationFailedError } from '../core/errors/operation-failed-error.js';
import { DecodeError } from '../core/errors/decode-error.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import type { GraphErrorChain } from '../core/errors/error-chain.js';
import { parseRetryAfter } from '../core/policy/retry-after.js';
import type { PollPolicy } from '../core/policy/poll-policy.js';
import type { RetryPolicy } from '../core/policy/retry-policy.js';
import { pollOperationStatus, type PolledStatus } from '../rx/poll-operation-status.js';
import { operationEvents } from './operators/operation-events.js';
import { operationTimeout } from './operators/operation-timeout.js';
import { failWhen } from '../rx/fail-when.js';
import { aborted } from '../rx/aborted.js';
import { OperationCancelledError } from '../core/errors/operation-cancelled-error.js';
import { defaultOperationTimeoutMs } from '../core/policy/operation-timeout-policy.js';
import type { OperationEvent } from './operation-event.js';
import { resolveLocation } from '../core/url/location.js';
import { readStatus } from './read-status.js';
import { traced, tracedSend, type Instrumentation } from './instrumentation.js';
import type { OperationHandle } from './operation-handle.js';

/** Where a status stands: still going, done well, or done badly. @public */
export type OperationState = 'running' | 'succeeded' | 'failed';

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
  /** The error chain of a failed status, for `OperationFailedError`. */
  readonly error?: (status: S) => GraphErrorChain | undefined;
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
   * @defaultValue per kind, see {@link DEFAULT_OPERATION_TIMEOUTS} (10 min for workbook operations, 24 h for a copy, 1 h otherwise)
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

/** What every operation runs on; built once per client. */
export interface OperationRuntime {
  readonly send: SendRequest;
  readonly scheduler: SchedulerLike;
  readonly apiRoot: string;
  readonly poll: PollPolicy;
  readonly retry: RetryPolicy;
  /** Whether the token may go to this URL's origin: what a status document from there may be believed about. */
  readonly isTrusted: (url: string) => boolean;
  /** Observers of operations (onEvent, OpenTelemetry); none means none of that code runs. */
  readonly instrumentation?: Instrumentation;
}

/** A long-running operation in full: how to start it, read its status, fetch its result. */
export interface OperationDefinition<S, T> {
  readonly start: RequestSpec;
  /** What an `accepted` event's handle records, for `resume`; none for operations that cannot be resumed. */
  readonly handle?: Omit<OperationHandle, 'version' | 'location' | 'apiRoot'>;
  /** The result of a synchronous answer (200, 201, 204). */
  readonly syncResult: (response: HttpResponse, context: RequestContext) => T;
  readonly follow: FollowDefinition<S, T>;
}

/** The part after `202`: enough to resume an operation from its status URL alone. */
export interface FollowDefinition<S, T> extends FamilyPolicies {
  readonly status: StatusModel<S>;
  /** Whether status polls carry the token (if the origin is trusted). Drive monitors: `none`. */
  readonly pollAuth: 'token' | 'none';
  /** Headers every poll sends (a workbook session id). */
  readonly pollHeaders?: Readonly<Record<string, string>>;
  /**
   * The operation lives on Graph itself (the workbook's): its status URL must
   * be on an origin trusted with the token, else it fails with a
   * `ProtocolError` before the first poll. A status document from elsewhere
   * is not believed about anything, least of all where the result is, and
   * the workbook session id never goes there. @defaultValue false
   */
  readonly trustedOnly?: boolean;
  /** Fetches the result a succeeded status points to. */
  readonly fetchResult: (status: S, location: string, runtime: OperationRuntime) => Observable<T>;
}

/**
 * The policies one operation runs under: the client's, then its family's
 * documented ones (Teams asks for 30 s between polls), then the call's own.
 */
export function mergePolicies(runtime: OperationRuntime, options: OperationOptions = {}, family: FamilyPolicies = {}): OperationRuntime {
  if (!options.poll && !options.retry && !family.poll && !family.retry) return runtime;
  return {
    ...runtime,
    poll: { ...runtime.poll, ...family.poll, ...options.poll },
    retry: { ...runtime.retry, ...family.retry, ...options.retry },
  };
}

/** A family's own poll and retry defaults, between the client's and the call's. */
export interface FamilyPolicies {
  readonly poll?: Partial<PollPolicy>;
  readonly retry?: Partial<RetryPolicy>;
}

/**
 * Starts an operation and follows it: `succeeded` at once for a synchronous
 * answer; for `202`, `accepted`, then a `status` event per change, then
 * `succeeded` with the fetched result. Cold, cancellable, bounded by
 * `options.timeoutMs` when given.
 */
export function runOperation<S, T>(
  base: OperationRuntime,
  definition: OperationDefinition<S, T>,
  options: OperationOptions = {},
): Observable<OperationEvent<T>> {
  const { instrumentation } = base;
  if (!instrumentation) return startOperation(base, definition, options);
  return traced(definition.handle?.kind ?? 'custom', instrumentation, (trace) =>
    startOperation(trace ? { ...base, send: tracedSend(base.send, trace) } : base, definition, options),
  );
}

function startOperation<S, T>(
  base: OperationRuntime,
  definition: OperationDefinition<S, T>,
  options: OperationOptions,
): Observable<OperationEvent<T>> {
  const runtime = mergePolicies(base, options, definition.follow);
  const start: RequestSpec = {
    ...definition.start,
    idempotent: definition.start.idempotent || options.idempotent === true,
    retry: runtime.retry,
  };
  const events = new Observable<OperationEvent<T>>((subscriber) => {
    let follow: Subscription | undefined;
    let following = false;
    const started = runtime.send(start).subscribe({
      next: (response) => {
        const context: RequestContext = { method: start.method, url: start.url, status: response.status };
        try {
          if (response.status !== 202) {
            subscriber.next({ type: 'succeeded', result: definition.syncResult(response, context) });
            return;
          }
          // Most families name the status URL in Location; OneNote and Viva Engage in Operation-Location.
          const location = resolveLocation(response.headers['location'] || response.headers['operation-location'], start.url, runtime.apiRoot, context);
          const retryAfterMs = parseRetryAfter(response.headers['retry-after'], runtime.scheduler.now());
          const handle: OperationHandle | undefined = definition.handle && { version: 2, ...definition.handle, location, apiRoot: runtime.apiRoot };
          following = true;
          subscriber.next(handle ? { type: 'accepted', location, handle } : { type: 'accepted', location });
          follow = followStatuses(runtime, definition.follow, location, retryAfterMs, definition.handle?.kind ?? 'custom').subscribe(subscriber);
        } catch (error) {
          subscriber.error(error);
        }
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        if (!following) subscriber.complete();
      },
    });
    return () => {
      started.unsubscribe();
      follow?.unsubscribe();
    };
  });
  return withTimeout(events, runtime, options, definition.handle?.kind);
}

/** Follows an accepted operation from its status URL: the tail of {@link runOperation}, and `resume`. */
export function followOperation<S, T>(
  base: OperationRuntime,
  follow: FollowDefinition<S, T>,
  handle: OperationHandle,
  options: OperationOptions = {},
): Observable<OperationEvent<T>> {
  const { instrumentation } = base;
  if (instrumentation) {
    return traced(handle.kind, instrumentation, (trace) =>
      followOperation({ ...base, instrumentation: undefined, ...(trace ? { send: tracedSend(base.send, trace) } : {}) }, follow, handle, options),
    );
  }
  const runtime = mergePolicies(base, options, follow);
  const location = handle.location;
  return withTimeout(
    new Observable<OperationEvent<T>>((subscriber) => {
      subscriber.next({ type: 'accepted', location, handle });
      return followStatuses(runtime, follow, location, undefined, handle.kind).subscribe(subscriber);
    }),
    runtime,
    options,
    handle.kind,
  );
}

/**
 * Every operation is bounded: by `timeoutMs` when the call gives one, else by
 * its kind's default; and cancelled by its `signal`, when it has one.
 */
function withTimeout<T>(events: Observable<OperationEvent<T>>, runtime: OperationRuntime, options: OperationOptions, kind: string | undefined) {
  const timeoutMs = options.timeoutMs ?? defaultOperationTimeoutMs(kind);
  const bounded = events.pipe(operationTimeout<T>({ timeoutMs, scheduler: runtime.scheduler }));
  const { signal } = options;
  return signal ? bounded.pipe(failWhen(aborted(signal, (reason) => new OperationCancelledError('the operation was cancelled by its AbortSignal', reason)))) : bounded;
}

function followStatuses<S, T>(
  runtime: OperationRuntime,
  follow: FollowDefinition<S, T>,
  location: string,
  retryAfterMs: number | undefined,
  kind: string,
): Observable<OperationEvent<T>> {
  if (follow.trustedOnly && !runtime.isTrusted(location)) {
    return throwError(
      () => new ProtocolError({ method: 'GET', url: location }, `a ${kind} operation's status URL must be on an origin trusted with the token (Graph's); it is not polled`),
    );
  }
  const model = guardedModel(follow.status, { method: 'GET', url: location });
  const pollHeaders = follow.pollHeaders ?? {};
  const fetchStatus = (url: string): Observable<PolledStatus<S>> => readStatus(runtime, url, pollHeaders, follow.pollAuth, model.codec);
  const accepted = retryAfterMs === undefined ? { location } : { location, retryAfterMs };
  return of(accepted).pipe(
    pollOperationStatus<S>({
      fetchStatus,
      isTerminal: (s) => model.state(s) !== 'running',
      policy: runtime.poll,
      scheduler: runtime.scheduler,
      ...(runtime.poll.strategy ? { plan: runtime.poll.strategy.plan(kind, runtime.poll, runtime.scheduler) } : {}),
    }),
    // "Poll again until you don't get the same response": report changes only.
    distinctUntilChanged((a, b) => sameReport(model.describe(a), model.describe(b))),
    operationEvents<S, T>({
      describe: model.describe,
      isSucceeded: (s) => model.state(s) === 'succeeded',
      isFailed: (s) => model.state(s) === 'failed',
      toError: (s) => new OperationFailedError({ method: 'GET', url: location }, model.describe(s).status, model.error?.(s)),
      fetchResult: (s) => follow.fetchResult(s, location, runtime),
    }),
  );
}

/**
 * The status model with every function checked: one that throws, or answers
 * something that is not a status report, fails the operation with a
 * `DecodeError` (the body did not fit the model) instead of escaping or
 * sending `undefined` downstream.
 */
function guardedModel<S>(model: StatusModel<S>, context: RequestContext): StatusModel<S> & { readonly codec: t.Decoder<unknown, S> } {
  const failure = (what: string, detail: string) => new DecodeError(context, '$', [`$: the status model's ${what} ${detail}`]);
  const call = <R>(what: string, fn: () => R): R => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof DecodeError) throw error;
      throw failure(`${what}()`, `failed on this status: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return {
    codec: toIoDecoder(model.codec, 'status'),
    describe: (s) => {
      const report = call('describe', () => model.describe(s));
      const pct = (report as { percentageComplete?: unknown } | undefined)?.percentageComplete;
      if (typeof report?.status !== 'string' || (pct !== undefined && (typeof pct !== 'number' || !Number.isFinite(pct)))) {
        throw failure('describe()', 'did not give { status: string, percentageComplete?: number }');
      }
      return report;
    },
    state: (s) => {
      const state = call('state', () => model.state(s));
      if (state !== 'running' && state !== 'succeeded' && state !== 'failed') throw failure('state()', `gave ${JSON.stringify(state)}, not running/succeeded/failed`);
      return state;
    },
    ...(model.error ? { error: (s: S) => call('error', () => model.error!(s)) } : {}),
  };
}

function sameReport(a: { status: string; percentageComplete?: number }, b: { status: string; percentageComplete?: number }) {
  return a.status === b.status && a.percentageComplete === b.percentageComplete;
}

