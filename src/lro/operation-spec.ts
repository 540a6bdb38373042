import { of, throwError } from 'rxjs';
import * as t from 'io-ts';
import type { HttpMethod } from '../http/transport.js';
import { decodeJson } from '../core/codecs/decode.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import type { FollowDefinition, OperationDefinition, OperationRuntime, StatusModel } from './run-operation.js';
import { resolveLocation } from '../core/url/location.js';
import { fetchResult } from './fetch-result.js';
import { apiUrl } from '../core/url/api-root.js';
import { longRunningOperationStatus, type LongRunningOperationStatus } from './long-running-operation.js';
import { DECODER_SHAPES, isDecoder, toIoDecoder, type Decoder } from '../core/codecs/decoder.js';
import { checkBoolean, checkFunction, checkHeaders, checkObject, checkOneOf, describeValue } from '../core/policy/validation.js';

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

/** The half of a spec that follows an accepted operation: all `resume` needs. */
export type FollowSpec<S, T> = Pick<OperationSpec<S, T>, 'status' | 'pollAuth' | 'pollHeaders' | 'resultUrl' | 'resultCodec' | 'resultFromStatus'>;

/** The follow half of a spec: also what `resume` needs. */
/**
 * A spec with no status model follows any of Graph's long-running families:
 * its status is read by `longRunningOperationStatus`, its result is the JSON
 * at `resourceLocation`/`targetResourceLocation` when the status names one,
 * else the final status document. What the spec gives itself is kept.
 */
function withFamilyDefaults<S, T>(spec: FollowSpec<S, T>): FollowSpec<S, T> & { readonly status: StatusModel<S> } {
  if (spec.status) return spec as FollowSpec<S, T> & { readonly status: StatusModel<S> };
  const generic: FollowSpec<LongRunningOperationStatus, unknown> = {
    ...(spec as FollowSpec<unknown, unknown>),
    status: longRunningOperationStatus,
    resultUrl: (s) => s.resourceLocation,
    resultCodec: (spec.resultCodec as Decoder<unknown> | undefined) ?? t.unknown,
    resultFromStatus: (s) => s.document,
  };
  return generic as unknown as FollowSpec<S, T> & { readonly status: StatusModel<S> };
}

/**
 * How far a spec's operation trusts where it is told to go. `trustedOnly`:
 * it lives on Graph itself (the workbook's operations), so its status URL and
 * the result URL a status names must both be on origins trusted with the
 * token; otherwise (custom specs) a status from an untrusted origin may name
 * a result, which is then read without the token.
 */
export interface FollowTrust {
  readonly trustedOnly?: boolean;
}

export function followOf<S, T>(given: FollowSpec<S, T>, trust: FollowTrust = {}): FollowDefinition<S, T> {
  const spec = withFamilyDefaults(given);
  return {
    status: spec.status,
    pollAuth: spec.pollAuth ?? 'token',
    ...(spec.pollHeaders ? { pollHeaders: spec.pollHeaders } : {}),
    ...(trust.trustedOnly ? { trustedOnly: true } : {}),
    fetchResult: (status, location, runtime) => {
      const context = { method: 'GET', url: location };
      const raw = spec.resultUrl?.(status);
      if (raw !== undefined && raw !== '') {
        if (!spec.resultCodec) return throwError(() => new ProtocolError(context, 'the spec names a result URL but no resultCodec'));
        let url: string;
        try {
          url = resolveLocation(raw, location, runtime.apiRoot, context);
        } catch (error) {
          return throwError(() => error);
        }
        if (trust.trustedOnly && !(runtime.isTrusted(location) && runtime.isTrusted(url))) {
          return throwError(() => new ProtocolError(context, 'the result URL is not on an origin trusted with the token; it is not read'));
        }
        // A status document from an origin not trusted with the token cannot aim a token-bearing request.
        return fetchResult(runtime, url, toIoDecoder(spec.resultCodec, 'result'), spec.pollHeaders, runtime.isTrusted(location) ? 'token' : 'none');
      }
      if (spec.resultFromStatus) return of(spec.resultFromStatus(status));
      return throwError(() => new ProtocolError(context, 'the operation succeeded without a result location'));
    },
  };
}

export function definitionOf<S, T>(runtime: OperationRuntime, spec: OperationSpec<S, T>, trust: FollowTrust = {}): OperationDefinition<S, T> {
  const url = apiUrl(runtime.apiRoot, spec.request.url);
  return {
    start: {
      method: spec.request.method,
      url,
      headers: { prefer: 'respond-async', ...spec.request.headers },
      ...(spec.request.body !== undefined ? { body: spec.request.body } : {}),
      auth: 'token',
      idempotent: spec.request.idempotent ?? false,
    },
    handle: { kind: spec.kind ?? 'custom' },
    syncResult: (response, context) => {
      // Without a status model, a synchronous answer's JSON body is the result (some families answer 200 when done at once).
      const codec = spec.resultCodec ?? (spec.status ? undefined : (t.unknown as t.Decoder<unknown, T>));
      if (codec && response.body.trim() !== '') return decodeJson(toIoDecoder(codec, 'result'), response.body, context);
      return undefined as T;
    },
    follow: followOf(spec, trust),
  };
}
