import * as t from 'io-ts';
import { throwError, type Observable } from 'rxjs';
import { decodeOrThrow } from '../core/codecs/decode.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import { isApiPath } from '../core/url/api-path.js';
import { refusalReason } from '../core/url/origins.js';
import type { OperationEvent } from './operation-event.js';
import type { OperationHandle } from './operation-handle.js';
import type { AnyOperationKind, OperationKind } from './operation-kind.js';
import type { OperationOptions } from './operation-types.js';
import { followOperation, type OperationRuntime } from './run-operation.js';

const HandleV1 = t.type({ version: t.literal(1), kind: t.string, location: t.string, apiRoot: t.string });
const HandleV2 = t.intersection([
  t.type({ version: t.literal(2), kind: t.string, location: t.string, apiRoot: t.string }),
  t.partial({ params: t.record(t.string, t.string), model: t.literal('default') }),
]);
const AnyHandle = t.union([HandleV2, HandleV1]);

/**
 * A stored handle of either version, as the current one. Version 1 kept a
 * kind's params beside its fields (a copy's `drive`); they become `params`.
 * Both versions once kept them as absolute URLs: one under this client's
 * own API root is taken as the path it names, anything else stays as it is
 * and is refused below.
 */
function readHandle(raw: unknown, apiRoot: string): OperationHandle {
  const decoded = decodeOrThrow(AnyHandle, raw, {});
  const handle: OperationHandle =
    decoded.version === 2
      ? decoded
      : { version: 2, kind: decoded.kind, location: decoded.location, apiRoot: decoded.apiRoot, ...paramsOfVersion1(raw as Record<string, unknown>) };
  if (!handle.params) return handle;
  const root = apiRoot.replace(/\/+$/, '');
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(handle.params)) params[name] = value.startsWith(`${root}/`) ? value.slice(root.length) : value;
  return { ...handle, params };
}

/** A version 1 handle's params: every other string it holds. */
function paramsOfVersion1(raw: Record<string, unknown>): { params?: Readonly<Record<string, string>> } {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!['version', 'kind', 'location', 'apiRoot'].includes(name) && typeof value === 'string') params[name] = value;
  }
  return Object.keys(params).length > 0 ? { params } : {};
}

/** The kind a handle names, as the client knows it (its table, or the spec the caller gave); `undefined` when unknown. */
export type KindOf = (handle: OperationHandle) => AnyOperationKind | undefined;

/**
 * Follows an accepted operation from its handle (possibly written by
 * another process, and read back from storage an attacker may have
 * written). Before anything is sent, the handle must decode, its status URL
 * must be one the library talks to, its kind must be known (or a spec
 * given), and every param must be a path under the API root: no scheme, no
 * query or fragment, no dot segment in any encoding, no backslash, so that
 * nothing a handle says can aim a token-bearing request elsewhere.
 */
export function resumeOperation<T>(
  runtime: OperationRuntime,
  kindOf: KindOf,
  raw: unknown,
  options: OperationOptions | undefined,
): Observable<OperationEvent<T>> {
  let handle: OperationHandle;
  try {
    handle = readHandle(raw, runtime.apiRoot);
  } catch (error) {
    return throwError(() => error);
  }
  const context = { url: handle.location };
  const location = parseUrl(handle.location);
  if (!location) return throwError(() => new ProtocolError({}, { reason: 'the handle location is not an absolute URL' }));
  const refusal = refusalReason(location);
  if (refusal) return throwError(() => new ProtocolError(context, { reason: refusal }));
  const params = handle.params ?? {};
  const notPath = Object.keys(params).find((name) => !isApiPath(params[name]!));
  if (notPath !== undefined) {
    return throwError(() => new ProtocolError(context, { reason: `the handle's ${JSON.stringify(notPath.slice(0, 40))} is not a path under this client's API root, as the library writes it` }));
  }
  const kind = kindOf(handle) as OperationKind<never, unknown, T> | undefined;
  if (!kind) return throwError(() => new ProtocolError(context, { reason: `cannot resume a '${handle.kind}' operation without its spec` }));
  const missing = (kind.params ?? []).find((name) => params[name] === undefined);
  if (missing !== undefined) return throwError(() => new ProtocolError(context, { reason: `the handle of a '${handle.kind}' operation lacks its ${missing}` }));
  // What the kind itself knows of its handles: the shape of its params and of its status URL.
  const wrong = kind.checkParams?.(params);
  if (wrong !== undefined) return throwError(() => new ProtocolError(context, { reason: wrong }));
  if (kind.statusPath && (kind.pollAuth ?? 'token') === 'token' && !kind.statusPath.test(location.pathname)) {
    return throwError(() => new ProtocolError(context, { reason: `the handle's status URL is not where a '${handle.kind}' operation's status is; it is not polled with the token` }));
  }
  return followOperation(runtime, kind, handle, options);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
