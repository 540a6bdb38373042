import { of } from 'rxjs';
import type { HttpMethod } from 'rx-graph-lro/http';
import { DECODER_SHAPES, isDecoder } from '../core/codecs/decoder.js';
import type { Decoder } from 'rx-graph-lro';
import { ProtocolError } from '../core/errors/protocol-error.js';
import { checkBoolean, checkFunction, checkHeaders, checkObject, checkOneOf, describeValue } from '../core/policy/validation.js';
import type { OperationKind, ResultRule } from '../lro/operation-kind.js';
import type { StatusModel } from 'rx-graph-lro';
import { longRunningOperationStatus, type LongRunningOperationStatus } from './models/long-running-operation.js';
import { censusJobLocation, isCensusJob } from './census.js';
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from './shared/prefer.js';

/**
 * Any Graph operation that answers `202 Accepted` + `Location`: how to start
 * it, how to read its status, and where its result is. `graph.operation(spec)`
 * runs it with the same retries, polling, cancellation and typed errors as
 * the built-in ones, which are themselves specs.
 *
 * @example
 * ```ts
 * // Cloning a team: 202 + Location: /teams('…')/operations('…') → teamsAsyncOperation
 * const TeamsAsyncOperation = t.type({ status: t.string, targetResourceId: t.union([t.string, t.null]) });
 * graph.operation({
 *   kind: 'teams.clone',
 *   request: { method: 'POST', url: `/teams/${teamId}/clone`, body: { displayName, partsToClone: 'apps,tabs' } },
 *   status: {
 *     codec: TeamsAsyncOperation,
 *     describe: (s) => ({ status: s.status }),
 *     state: (s) => (s.status === 'succeeded' ? 'succeeded' : s.status === 'failed' ? 'failed' : 'running'),
 *   },
 *   resultFromStatus: (s) => s.targetResourceId,
 * }).pipe(result());
 * ```
 * @public
 */
export interface OperationSpec<S, T> {
  /** A name for the operation, recorded in resume handles. @defaultValue 'custom' */
  readonly kind?: string;
  /** The request that starts the operation. */
  readonly request: {
    readonly method: HttpMethod;
    /** Absolute, or a path under the API root (`/teams/{id}/clone`). */
    readonly url: string;
    readonly body?: unknown;
    readonly headers?: Readonly<Record<string, string>>;
    /** Safe to repeat after a 504 or network failure. @defaultValue false */
    readonly idempotent?: boolean;
  };
  /**
   * How to read the status document. Without one, the document is read as
   * any of Graph's long-running families writes it (`LongRunningOperationStatus`):
   * the status word in any case and spelling, progress from any of the three
   * fields, the result from `resourceLocation`/`targetResourceLocation`, else
   * the final status document itself.
   * @defaultValue the model of Graph's long-running operation families
   */
  readonly status?: StatusModel<S>;
  /** Whether polls carry the token when the status URL is on a trusted origin. @defaultValue 'token' */
  readonly pollAuth?: 'token' | 'none';
  /** Headers every poll sends. @defaultValue none */
  readonly pollHeaders?: Readonly<Record<string, string>>;
  /** Where a succeeded status's result is: a URL to GET and decode with `resultCodec`. @defaultValue no URL */
  readonly resultUrl?: (status: S) => string | undefined;
  /**
   * Decodes the result: the GET of `resultUrl`, or the body of a synchronous
   * 200/201. An io-ts codec, a Standard Schema validator (zod, valibot,
   * arktype) or a function that returns the result or throws.
   * @defaultValue none (without a status model: the JSON as it is)
   */
  readonly resultCodec?: Decoder<T>;
  /** The result when there is no URL to fetch (taken from the status, or `undefined`). @defaultValue none: no URL is a ProtocolError */
  readonly resultFromStatus?: (status: S) => T;
}

const SPEC_KEYS = ['kind', 'request', 'status', 'pollAuth', 'pollHeaders', 'resultUrl', 'resultCodec', 'resultFromStatus'] as const;
const REQUEST_KEYS = ['method', 'url', 'body', 'headers', 'idempotent'] as const;
const METHODS = ['GET', 'POST', 'DELETE', 'PATCH', 'PUT'] as const;

/**
 * Checks a spec before its start request can be sent, naming the missing or
 * wrong field: a malformed spec must not start server-side work and then
 * fail on its first status.
 */
export function checkOperationSpec(spec: unknown): void {
  const checked = checkObject('operation spec', spec, SPEC_KEYS, false)!;
  if (checked['kind'] !== undefined && (typeof checked['kind'] !== 'string' || checked['kind'] === '')) {
    throw new TypeError(`operation spec.kind must be a non-empty string, not ${describeValue(checked['kind'])}`);
  }
  const request = checkObject('operation spec.request', checked['request'], REQUEST_KEYS, false)!;
  checkOneOf('operation spec.request.method', request['method'], METHODS, false);
  if (typeof request['url'] !== 'string' || request['url'].trim() === '') {
    throw new TypeError(`operation spec.request.url must be an absolute URL or a path under the API root, not ${describeValue(request['url'])}`);
  }
  checkHeaders('operation spec.request.headers', request['headers']);
  checkBoolean('operation spec.request.idempotent', request['idempotent']);
  const status = checkObject('operation spec.status', checked['status'], ['codec', 'describe', 'state', 'error']);
  if (status) {
    if (!isDecoder(status['codec'])) {
      throw new TypeError(`operation spec.status.codec must be ${DECODER_SHAPES}, not ${describeValue(status['codec'])}`);
    }
    checkFunction('operation spec.status.describe', status['describe'], false);
    checkFunction('operation spec.status.state', status['state'], false);
    checkFunction('operation spec.status.error', status['error']);
  }
  checkOneOf('operation spec.pollAuth', checked['pollAuth'], ['token', 'none']);
  checkHeaders('operation spec.pollHeaders', checked['pollHeaders']);
  checkFunction('operation spec.resultUrl', checked['resultUrl']);
  checkFunction('operation spec.resultFromStatus', checked['resultFromStatus']);
  const resultCodec = checked['resultCodec'];
  if (resultCodec !== undefined && !isDecoder(resultCodec)) {
    throw new TypeError(`operation spec.resultCodec must be ${DECODER_SHAPES}, not ${describeValue(resultCodec)}`);
  }
  if (checked['resultUrl'] !== undefined && resultCodec === undefined) {
    throw new TypeError('operation spec names a resultUrl but no resultCodec to decode what it returns');
  }
}

/**
 * A spec as a kind, so that the engine runs it as it runs the built-in
 * ones. A spec with no status model of its own follows any of Graph's
 * asynchronous resources: read by `longRunningOperationStatus`, ending with
 * the JSON at `resourceLocation`/`targetResourceLocation` when the status
 * names one (on a trusted origin), else the final status document; if it
 * gives nothing else either, its handles resume without the spec.
 */
export function kindOfSpec<S, T>(spec: OperationSpec<S, T>): OperationKind<readonly [], S, T> {
  const name = spec.kind ?? 'custom';
  const follow = spec.status ? followOf(spec as OperationSpec<S, T> & { status: StatusModel<S> }) : defaultFollow(spec as unknown as OperationSpec<LongRunningOperationStatus, T>);
  return {
    name,
    prepare: () => ({
      start: {
        method: spec.request.method,
        url: spec.request.url,
        ...(spec.request.body !== undefined ? { body: spec.request.body } : {}),
        ...(spec.request.headers ? { headers: spec.request.headers } : {}),
      },
    }),
    idempotent: spec.request.idempotent ?? false,
    pollAuth: spec.pollAuth ?? 'token',
    ...(spec.pollHeaders ? { pollHeaders: spec.pollHeaders } : {}),
    ...(follow as Pick<OperationKind<readonly [], S, T>, 'status' | 'result' | 'sync' | 'model' | 'job' | 'pollHeaders'>),
  };
}

/** How a spec with its own status model is followed: its result URL and codec, or its result from the status. */
function followOf<S, T>(spec: OperationSpec<S, T> & { readonly status: StatusModel<S> }): Pick<OperationKind<readonly [], S, T>, 'status' | 'result' | 'sync'> {
  const { resultUrl, resultCodec, resultFromStatus } = spec;
  const result: ResultRule<S, T> =
    resultUrl && resultCodec
      ? {
          read: 'custom',
          fetch: (status, context) => {
            const url = resultUrl(status);
            if (url !== undefined && url !== '') return context.get(url, resultCodec, spec.pollHeaders);
            if (resultFromStatus) return of(resultFromStatus(status));
            throw new ProtocolError({}, { reason: 'the operation succeeded without a result location' });
          },
        }
      : resultFromStatus
        ? { read: 'status', map: resultFromStatus }
        : { read: 'custom', fetch: () => { throw new ProtocolError({}, { reason: 'the operation succeeded without a result location' }); } };
  // A synchronous answer is the result only when the spec says how to decode it.
  return { status: spec.status, result, sync: { codec: resultCodec ?? (() => undefined as T) } };
}

/** How a spec without a status model is followed: Graph's long-running operation model, its result where it says, else the document. */
function defaultFollow<T>(spec: OperationSpec<LongRunningOperationStatus, T>): Pick<OperationKind<readonly [], LongRunningOperationStatus, T>, 'status' | 'result' | 'sync' | 'model' | 'job' | 'pollHeaders'> {
  const codec = (spec.resultCodec ?? JSON_VALUE) as Decoder<T>;
  const plain = spec.resultCodec === undefined && spec.resultUrl === undefined && spec.resultFromStatus === undefined && spec.pollHeaders === undefined && spec.pollAuth === undefined;
  return {
    status: longRunningOperationStatus,
    // Without it a restore session's `failed` and a snapshot job's `partiallySuccessful` arrive as `unknownFutureValue`.
    ...(spec.pollHeaders === undefined ? { pollHeaders: INCLUDE_UNKNOWN_ENUM_MEMBERS } : {}),
    result: {
      read: 'custom',
      fetch: (status, context) => (status.resourceLocation !== undefined ? context.get(status.resourceLocation, codec, spec.pollHeaders) : of(status.document as T)),
    },
    sync: { codec },
    // Graph's own census of job resources: a 201 that says it is running is followed, a 200 only when it names a job.
    job: { statuses: [200, 201], is: (body, status) => isCensusJob(body, status), location: (body) => censusJobLocation(body) },
    ...(plain ? { model: 'default' as const } : {}),
  };
}

/** The JSON as it is. */
const JSON_VALUE: Decoder<unknown> = (u) => u;

/** The kind a handle marked `model: 'default'` resumes as: Graph's default reading, under the handle's kind name. */
export function defaultKind(name: string): OperationKind<readonly [], LongRunningOperationStatus, unknown> {
  return kindOfSpec({ kind: name, request: { method: 'GET', url: '/' } });
}
