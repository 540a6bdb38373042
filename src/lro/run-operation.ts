import { concat, concatMap, defer, distinctUntilChanged, of, startWith, throwError, type Observable } from 'rxjs';
import type * as t from 'io-ts';
import { toIoDecoder, type Decoder } from '../core/codecs/decoder.js';
import type { HttpResponse } from '../http/transport.js';
import type { RequestSpec } from '../http/request-spec.js';
import type { RequestContext } from '../core/errors/graph-lro-error.js';
import { OperationFailedError } from '../core/errors/operation-failed-error.js';
import { DecodeError } from '../core/errors/decode-error.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import { decodeJson, decodeOrThrow, tryParseJson } from '../core/codecs/decode.js';
import { parseRetryAfter } from '../core/policy/retry-after.js';
import { apiUrl } from '../core/url/api-root.js';
import { resolveLocation } from '../core/url/location.js';
import { pollOperationStatus, type PolledStatus } from '../rx/poll-operation-status.js';
import { failWhen } from '../rx/fail-when.js';
import { aborted } from '../rx/aborted.js';
import { OperationCancelledError } from '../core/errors/operation-cancelled-error.js';
import { operationEvents } from './operators/operation-events.js';
import { operationTimeout } from './operators/operation-timeout.js';
import type { OperationEvent } from './operation-event.js';
import type { OperationOptions, StatusModel } from './operation-types.js';
import type { KindDefaults, OperationKind, PreparedOperation } from './operation-kind.js';
import type { OperationHandle } from './operation-handle.js';
import { StatusRead } from './read-status.js';
import { retryer } from '../rx/retryer.js';
import { readResult } from './read-result.js';
import { traced, tracedSend } from './instrumentation.js';
import type { OperationRuntime } from './operation-runtime.js';
import { OperationSignal } from '../http/operation-signal.js';
export type { OperationRuntime } from './operation-runtime.js';

/** An operation's bound when neither the call nor its kind gives one: 1 hour. */
export const DEFAULT_OPERATION_TIMEOUT_MS = 3_600_000;

/**
 * The policies one operation runs under: the client's, then its kind's
 * (Teams asks for 30 s between polls), then the call's own.
 */
export function mergePolicies(runtime: OperationRuntime, options: OperationOptions = {}, defaults: KindDefaults = {}): OperationRuntime {
  if (!options.poll && !options.retry && !defaults.poll && !defaults.retry) return runtime;
  return {
    ...runtime,
    poll: { ...runtime.poll, ...defaults.poll, ...options.poll },
    retry: { ...runtime.retry, ...defaults.retry, ...options.retry },
  };
}

/** What following an operation needs besides its kind: where it is, and what this call (or its handle) holds. */
interface Followed {
  readonly location: string;
  readonly params: Readonly<Record<string, string>>;
  readonly pollHeaders: Readonly<Record<string, string>>;
  readonly resultOptions: Readonly<Record<string, unknown>>;
}

/**
 * Starts an operation of `kind` and follows it: a synchronous answer is the
 * result at once; a `202` (or a `201` whose body is a job still running) is
 * `accepted`, then a `status` event per change, then `succeeded` with the
 * result. Cold, cancellable, always bounded.
 */
export function runOperation<A extends readonly unknown[], S, T>(
  base: OperationRuntime,
  kind: OperationKind<A, S, T>,
  prepared: PreparedOperation,
  options: OperationOptions = {},
): Observable<OperationEvent<T>> {
  if (base.operationSignals) return withOperationSignal(base, (runtime) => runOperation(runtime, kind, prepared, options));
  const { instrumentation } = base;
  if (!instrumentation) return startOperation(base, kind, prepared, options);
  return traced(kind.name, instrumentation, (trace) => startOperation(trace ? { ...base, send: tracedSend(base.send, trace) } : base, kind, prepared, options));
}

function startOperation<A extends readonly unknown[], S, T>(
  base: OperationRuntime,
  kind: OperationKind<A, S, T>,
  prepared: PreparedOperation,
  options: OperationOptions,
): Observable<OperationEvent<T>> {
  const runtime = mergePolicies(base, options, kind.defaults);
  const { start: request } = prepared;
  const start: RequestSpec = {
    method: request.method,
    url: apiUrl(runtime.apiRoot, request.url),
    headers: { prefer: 'respond-async', ...request.headers },
    ...(request.body !== undefined ? { body: request.body } : {}),
    auth: 'token',
    idempotent: kind.idempotent || options.idempotent === true,
    retry: runtime.retry,
    ...(request.notApplied ? { notApplied: request.notApplied } : {}),
  };
  const events = runtime.send(start).pipe(concatMap((response) => answered(runtime, kind, prepared, start, response)));
  return bounded(events, runtime, options, kind.defaults);
}

/** What the start's answer leads to: the result now, or an operation to follow. */
function answered<A extends readonly unknown[], S, T>(
  runtime: OperationRuntime,
  kind: OperationKind<A, S, T>,
  prepared: PreparedOperation,
  start: RequestSpec,
  response: HttpResponse,
): Observable<OperationEvent<T>> {
  const context: RequestContext = { method: start.method, url: start.url, status: response.status };
  const params = prepared.params ?? {};
  const pollHeaders = prepared.pollHeaders ?? {};
  const resultOptions = prepared.resultOptions ?? {};
  if (response.status === 202) {
    // Most families name the status URL in Location; OneNote and Viva Engage in Operation-Location.
    const location = resolveLocation(response.headers['location'] || response.headers['operation-location'], start.url, runtime.apiRoot, context);
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], runtime.scheduler.now());
    return follow(runtime, kind, { location, params, pollHeaders, resultOptions }, retryAfterMs, undefined);
  }
  const job = jobOf(runtime, kind, start, response, context);
  if (job) return follow(runtime, kind, { location: job.location, params, pollHeaders, resultOptions }, undefined, job.status);
  return of({ type: 'succeeded', result: syncResult(kind, response, context) });
}

/**
 * A synchronous answer that is a job resource still running (a `201
 * Created` of an export job that says `notStarted`), as the kind's job rule
 * and status model read it: where to poll it, and its first status. Its
 * `Location`, else where the kind says, else its `@odata.id`, else its
 * entity set (OData's `@odata.context`) plus its `id`, else the collection
 * it was posted to plus its `id`. A body with no status word, an unknown
 * word, or a word that means done is no job: it is the result.
 */
function jobOf<A extends readonly unknown[], S, T>(
  runtime: OperationRuntime,
  kind: OperationKind<A, S, T>,
  start: RequestSpec,
  response: HttpResponse,
  context: RequestContext,
): { readonly location: string; readonly status: S } | undefined {
  const rule = kind.job;
  if (!rule || !(rule.statuses ?? [201]).includes(response.status)) return undefined;
  const body = response.body.trim() === '' ? undefined : tryParseJson(response.body);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const document = body as Readonly<Record<string, unknown>>;
  const model = kind.status;
  let status: S;
  try {
    status = decodeOrThrow(toIoDecoder(model.codec, 'status'), document, context);
    const state = model.state(status);
    const word = model.describe(status).status;
    // A word the model does not know never makes an answer a job: only its own words do.
    if (model.words && !model.words[state].includes(word)) return undefined;
    if (state !== 'running' && rule.ended !== 'follow') return undefined;
    if (rule.is && !rule.is(document, response.status)) return undefined;
  } catch {
    return undefined;
  }
  const id = typeof document['id'] === 'string' && document['id'] !== '' ? encodeURIComponent(document['id']) : undefined;
  const odataId = typeof document['@odata.id'] === 'string' && document['@odata.id'] !== '' ? document['@odata.id'] : undefined;
  const entitySet = id === undefined ? undefined : entitySetOf(document['@odata.context']);
  const collection = start.url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const raw =
    response.headers['location'] ||
    rule.location?.(document, start.url) ||
    odataId ||
    (entitySet !== undefined ? `/${entitySet}/${id}` : undefined) ||
    (id !== undefined ? `${collection}/${id}` : undefined);
  if (!raw) throw new ProtocolError(context, { reason: 'the job is still running but names neither a Location, an @odata.id nor an id to poll' });
  return { location: resolveLocation(raw, start.url, runtime.apiRoot, context), status };
}

/** The entity set an OData `@odata.context` names for a single entity (`…$metadata#deviceManagement/reports/exportJobs/$entity`). */
function entitySetOf(context: unknown): string | undefined {
  if (typeof context !== 'string') return undefined;
  const match = /\$metadata#([A-Za-z0-9_./]+?)\/\$entity$/.exec(context);
  const path = match?.[1];
  return path && !path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..') ? path : undefined;
}

/**
 * The result of a synchronous answer, as the kind reads one: decoded with
 * its sync codec or its result's; a kind whose result is its final status,
 * mapped, reads the answer as that status (a job that had already failed is
 * an `OperationFailedError`).
 */
function syncResult<A extends readonly unknown[], S, T>(kind: OperationKind<A, S, T>, response: HttpResponse, context: RequestContext): T {
  if (kind.sync === 'refuse') throw new ProtocolError(context, { reason: `a ${kind.name} must answer 202 Accepted` });
  const { result } = kind;
  if (kind.sync === undefined && result.read === 'status' && result.map) {
    const model = guardedModel(kind.status, context);
    const status = decodeJson(model.codec, response.body, context);
    if (model.state(status) === 'failed') throw new OperationFailedError(context, { operationStatus: model.describe(status).status, error: model.error?.(status) });
    return result.map(status);
  }
  const codec: Decoder<unknown> | undefined = kind.sync?.codec ?? (result.read === 'resource' ? result.codec : result.read === 'status' ? JSON_OBJECT : undefined);
  if (codec === undefined || response.body.trim() === '') return undefined as T;
  return decodeJson(toIoDecoder(codec, 'result'), response.body, context) as T;
}

/** Any JSON object: what a synchronous answer of a kind whose result is its final document reads as. */
const JSON_OBJECT = (u: unknown): Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) throw new Error('expected a JSON object');
  return u as Readonly<Record<string, unknown>>;
};

/** An accepted operation: `accepted` with its handle, then its statuses and its result. */
function follow<A extends readonly unknown[], S, T>(
  runtime: OperationRuntime,
  kind: OperationKind<A, S, T>,
  followed: Followed,
  retryAfterMs: number | undefined,
  initial: S | undefined,
): Observable<OperationEvent<T>> {
  const handle = handleOf(kind, runtime.apiRoot, followed);
  return followStatuses(runtime, kind, followed, retryAfterMs, initial).pipe(startWith<OperationEvent<T>>({ type: 'accepted', location: followed.location, handle }));
}

/** What an `accepted` event's handle records: the kind, the status URL, the API root and the params; never a secret. */
function handleOf(kind: Pick<OperationKind<never, unknown, unknown>, 'name' | 'model'>, apiRoot: string, followed: Followed): OperationHandle {
  const keys = Object.keys(followed.params);
  return { version: 2, kind: kind.name, location: followed.location, apiRoot, ...(keys.length > 0 ? { params: followed.params } : {}), ...(kind.model ? { model: kind.model } : {}) };
}

/** Follows an accepted operation from its handle: the tail of {@link runOperation}, and `resume`. */
export function followOperation<A extends readonly unknown[], S, T>(
  base: OperationRuntime,
  kind: OperationKind<A, S, T>,
  handle: OperationHandle,
  options: OperationOptions = {},
): Observable<OperationEvent<T>> {
  if (base.operationSignals) return withOperationSignal(base, (runtime) => followOperation(runtime, kind, handle, options));
  const { instrumentation } = base;
  if (instrumentation) {
    return traced(kind.name, instrumentation, (trace) =>
      followOperation({ ...base, instrumentation: undefined, ...(trace ? { send: tracedSend(base.send, trace) } : {}) }, kind, handle, options),
    );
  }
  const runtime = mergePolicies(base, options, kind.defaults);
  const followed: Followed = { location: handle.location, params: handle.params ?? {}, pollHeaders: {}, resultOptions: {} };
  const events = defer(() => followStatuses(runtime, kind, followed, undefined, undefined).pipe(startWith<OperationEvent<T>>({ type: 'accepted', location: handle.location, handle })));
  return bounded(events, runtime, options, kind.defaults);
}

/** One operation on a transport that aborts through a signal: its requests share one, made at subscription. */
function withOperationSignal<T>(base: OperationRuntime, run: (runtime: OperationRuntime) => Observable<OperationEvent<T>>): Observable<OperationEvent<T>> {
  return defer(() => {
    const operationSignal = new OperationSignal();
    return run({ ...base, operationSignals: false, send: (spec) => base.send({ ...spec, operationSignal }) });
  });
}

/**
 * Every operation is bounded: by `timeoutMs` when the call gives one, else
 * by its kind's default; and cancelled by its `signal`, when it has one.
 */
function bounded<T>(events: Observable<OperationEvent<T>>, runtime: OperationRuntime, options: OperationOptions, defaults: KindDefaults | undefined): Observable<OperationEvent<T>> {
  const timeoutMs = options.timeoutMs ?? defaults?.timeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
  const timed = events.pipe(operationTimeout<T>({ timeoutMs, scheduler: runtime.scheduler }));
  const { signal } = options;
  return signal ? timed.pipe(failWhen(aborted(signal, (reason) => new OperationCancelledError({}, { message: 'the operation was cancelled by its AbortSignal', reason })))) : timed;
}

function followStatuses<A extends readonly unknown[], S, T>(
  runtime: OperationRuntime,
  kind: OperationKind<A, S, T>,
  followed: Followed,
  retryAfterMs: number | undefined,
  initial: S | undefined,
): Observable<OperationEvent<T>> {
  const { location } = followed;
  if (kind.trustedOnly && !runtime.isTrusted(location)) {
    return throwError(() => new ProtocolError({ method: 'GET', url: location }, { reason: `a ${kind.name} operation's status URL must be on an origin trusted with the token (Graph's); it is not polled` }));
  }
  const model = guardedModel(kind.status, { method: 'GET', url: location });
  // A call's own poll headers (a session id) go only where the token may: a monitor elsewhere is told nothing of the session.
  const trusted = runtime.isTrusted(location);
  const pollHeaders = trusted && Object.keys(followed.pollHeaders).length > 0 ? { ...kind.pollHeaders, ...followed.pollHeaders } : (kind.pollHeaders ?? {});
  // One status read for every poll of this operation (its request, its decode): a poll makes only its retry machine.
  const read = new StatusRead(runtime, location, pollHeaders, kind.pollAuth ?? 'token', model.codec);
  const fetchStatus = (): Observable<PolledStatus<S>> => retryer(read);
  const accepted = retryAfterMs === undefined ? { location } : { location, retryAfterMs };
  const polled = of(accepted).pipe(
    pollOperationStatus<S>({
      fetchStatus,
      isTerminal: (s) => model.state(s) !== 'running',
      policy: runtime.poll,
      scheduler: runtime.scheduler,
      ...(runtime.poll.strategy ? { plan: runtime.poll.strategy.plan(kind.name, runtime.poll, runtime.scheduler) } : {}),
    }),
  );
  // A job's first status came with the 201: reported before the first poll (the only one, when it has ended).
  const statuses = initial === undefined ? polled : model.state(initial) === 'running' ? concat(of(initial), polled) : of(initial);
  return statuses.pipe(
    // "Poll again until you don't get the same response": report changes only.
    distinctUntilChanged((a, b) => sameReport(model.describe(a), model.describe(b))),
    operationEvents<S, T>({
      describe: model.describe,
      isSucceeded: (s) => model.state(s) === 'succeeded',
      isFailed: (s) => model.state(s) === 'failed',
      toError: (s) => new OperationFailedError({ method: 'GET', url: location }, { operationStatus: model.describe(s).status, error: model.error?.(s) }),
      fetchResult: (s) => readResult(runtime, kind.result, s, { location, params: followed.params, headers: trusted ? followed.pollHeaders : {}, options: followed.resultOptions }),
      ...(model.partial ? { isPartial: model.partial } : {}),
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
  const failure = (what: string, detail: string) => new DecodeError(context, { path: '$', problems: [`$: the status model's ${what} ${detail}`] });
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
    ...(model.partial ? { partial: (s: S) => call('partial', () => model.partial!(s)) === true } : {}),
  };
}

function sameReport(a: { status: string; percentageComplete?: number }, b: { status: string; percentageComplete?: number }) {
  return a.status === b.status && a.percentageComplete === b.percentageComplete;
}
