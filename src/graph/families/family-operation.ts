import * as t from 'io-ts';
import { of, throwError, type Observable } from 'rxjs';
import { decodeJson } from '../../core/codecs/decode.js';
import { ProtocolError } from '../../core/errors/protocol-error.js';
import { apiUrl } from '../../core/url/api-root.js';
import { resolveLocation } from '../../core/url/location.js';
import { describeValue } from '../../core/policy/validation.js';
import type { HttpMethod } from '../../http/transport.js';
import { fetchResult } from '../../lro/fetch-result.js';
import type { OperationEvent } from '../../lro/operation-event.js';
import type { OperationHandle } from '../../lro/operation-handle.js';
import type { Resumer } from '../../lro/resume.js';
import {
  runOperation,
  type FamilyPolicies,
  type FollowDefinition,
  type OperationOptions,
  type OperationRuntime,
  type StatusModel,
} from '../../lro/run-operation.js';

/**
 * A resource Graph returns at the end of an operation (a team, a notebook,
 * a content type, a schema), as JSON: every property as sent.
 *
 * @public
 */
export type GraphResource = Readonly<Record<string, unknown>>;

/** Any JSON object. */
export const GraphResourceCodec: t.Decoder<unknown, GraphResource> = t.UnknownRecord;

/** One of Graph's long-running operation families: how its statuses read and how it wants to be polled. */
export interface Family<S> extends FamilyPolicies {
  readonly name: string;
  readonly status: StatusModel<S>;
  /** Headers every poll sends (`Prefer: include-unknown-enum-members` where Graph hides newer enum values). */
  readonly pollHeaders?: Readonly<Record<string, string>>;
  /** Whether polls carry the token (monitors on SharePoint: `none`). @defaultValue 'token' */
  readonly pollAuth?: 'token' | 'none';
  /** Where a succeeded status says its resource is. */
  readonly resourceLocation?: (status: S) => string | undefined;
}

/**
 * How one kind of operation ends, from the `params` its handle records
 * (each a path under the API root, never an absolute URL):
 * - `resource`: GET the resource the status names (else the path `fallback`
 *   gives), decoded as JSON;
 * - `status`: the final status document is the result.
 */
export type FamilyEnding<S> =
  | { readonly read: 'resource'; readonly fallback?: (status: S, params: Readonly<Record<string, string>>) => string | undefined; readonly fixed?: boolean }
  | { readonly read: 'status' };

/** One kind of operation of a family: what its handle is called and how it ends. */
export interface FamilyKind<S> {
  readonly kind: string;
  readonly family: Family<S>;
  readonly ending: FamilyEnding<S>;
  /** The handle params it needs to finish (checked on resume). @defaultValue none */
  readonly params?: readonly string[];
}

/** The follow half of a family operation: polls, policies, and how it ends. */
export function familyFollow<S>(kind: FamilyKind<S>, params: Readonly<Record<string, string>>): FollowDefinition<S, unknown> {
  const { family, ending } = kind;
  return {
    status: family.status,
    pollAuth: family.pollAuth ?? 'token',
    ...(family.pollHeaders ? { pollHeaders: family.pollHeaders } : {}),
    ...(family.poll ? { poll: family.poll } : {}),
    ...(family.retry ? { retry: family.retry } : {}),
    fetchResult: (status, location, runtime) => {
      if (ending.read === 'status') return of(status);
      const context = { method: 'GET', url: location };
      const named = ending.fixed ? undefined : family.resourceLocation?.(status);
      const fallback = ending.fallback?.(status, params);
      let url: string;
      try {
        if (named !== undefined && named !== '') {
          url = resolveLocation(named, location, runtime.apiRoot, context);
        } else if (fallback !== undefined) {
          url = apiUrl(runtime.apiRoot, fallback);
        } else {
          return throwError(() => new ProtocolError(context, 'the operation succeeded without naming its resource'));
        }
      } catch (error) {
        return throwError(() => error);
      }
      // A location named by a status from an origin not trusted with the token is read without it; our own paths are Graph's.
      const auth = named !== undefined && named !== '' && !runtime.isTrusted(location) ? 'none' : 'token';
      return fetchResult(runtime, url, GraphResourceCodec, {}, auth);
    },
  };
}

/** How to start one family operation. */
export interface FamilyStart {
  readonly method: HttpMethod;
  /** A path under the API root. */
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Statuses that mean nothing was applied (Teams' 404 for a new group, a locked file's 423): sent again under the retry policy. */
  readonly notApplied?: readonly number[];
  readonly idempotent?: boolean;
}

/** Starts a family operation: `202` is followed; a synchronous `200`/`201` body is the result, as JSON. */
export function runFamilyOperation<S, T>(
  runtime: OperationRuntime,
  kind: FamilyKind<S>,
  params: Readonly<Record<string, string>>,
  start: FamilyStart,
  options: OperationOptions | undefined,
): Observable<OperationEvent<T>> {
  const url = apiUrl(runtime.apiRoot, start.url);
  return runOperation(
    runtime,
    {
      start: {
        method: start.method,
        url,
        headers: { prefer: 'respond-async', ...start.headers },
        ...(start.body !== undefined ? { body: start.body } : {}),
        auth: 'token',
        idempotent: start.idempotent ?? false,
        ...(start.notApplied ? { notApplied: start.notApplied } : {}),
      },
      handle: { kind: kind.kind, ...(Object.keys(params).length > 0 ? { params } : {}) },
      syncResult: (response, context) => (response.body.trim() === '' ? undefined : decodeJson(GraphResourceCodec, response.body, context)) as T,
      follow: familyFollow(kind, params) as FollowDefinition<S, T>,
    },
    options,
  );
}

/**
 * Resumers for a family's kinds. A handle comes back from storage, so its
 * params must be what the library wrote: paths under the API root, with no
 * dot segments, query or scheme, which cannot aim a token-bearing read
 * anywhere else (`graph.resume` checks them, with `isApiPath`, before any
 * resumer runs).
 */
export function familyResumers(kinds: readonly FamilyKind<never>[]): Record<string, Resumer> {
  const resumers: Record<string, Resumer> = {};
  for (const kind of kinds) {
    resumers[kind.kind] = (handle: OperationHandle) => {
      const params = handle.params ?? {};
      // Every param is an API path by now: graph.resume refuses any other handle before it gets here.
      if ((kind.params ?? []).some((name) => params[name] === undefined)) return undefined;
      return familyFollow(kind as unknown as FamilyKind<unknown>, params) as FollowDefinition<unknown, unknown>;
    };
  }
  return resumers;
}

/** An id that becomes one path segment: a non-empty string, encoded. */
export function idSegment(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || /[\u0000-\u001f]/.test(value)) {
    throw new TypeError(`${name} must be a non-empty id string, not ${describeValue(value)}`);
  }
  if (value === '.' || value === '..') throw new TypeError(`${name} is not an id: ${describeValue(value)}`);
  return encodeURIComponent(value);
}
