import * as t from 'io-ts';
import { throwError, type Observable } from 'rxjs';
import { decodeOrThrow } from '../core/codecs/decode.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import type { OperationEvent } from './operation-event.js';
import type { OperationHandle } from './operation-handle.js';
import { followOperation, type FollowDefinition, type OperationOptions, type OperationRuntime } from './run-operation.js';
import { followOf, type OperationSpec } from './operation-spec.js';
import { refusalReason } from '../core/url/origins.js';
import { isApiPath } from '../core/url/api-path.js';

const HandleV1 = t.intersection([t.type({ version: t.literal(1), kind: t.string, location: t.string, apiRoot: t.string }), t.partial({ drive: t.string })]);
const HandleV2 = t.intersection([
  t.type({ version: t.literal(2), kind: t.string, location: t.string, apiRoot: t.string }),
  t.partial({ params: t.record(t.string, t.string) }),
]);
const AnyHandle = t.union([HandleV2, HandleV1]);

/** A stored handle of either version, as the current one. */
function readHandle(raw: unknown): OperationHandle {
  const handle = decodeOrThrow(AnyHandle, raw, {});
  if (handle.version === 2) return handle;
  const { drive, ...rest } = handle;
  return { ...rest, version: 2, ...(drive !== undefined ? { params: { drive } } : {}) };
}

/**
 * How to follow one kind of operation from its handle alone (whose params
 * are API paths by then); `undefined` when the handle lacks what it needs.
 * It may throw a `ProtocolError` for a param of the wrong shape.
 */
export type Resumer = (handle: OperationHandle) => FollowDefinition<unknown, unknown> | undefined;

/** Each built-in kind's resumer, by kind: every operation family registers its own. */
export type ResumeRegistry = ReadonlyMap<string, Resumer>;

export function resumeOperation<S, T>(
  runtime: OperationRuntime,
  registry: ResumeRegistry,
  raw: unknown,
  spec: OperationSpec<S, T> | undefined,
  options: OperationOptions | undefined,
): Observable<OperationEvent<T>> {
  let handle: OperationHandle;
  try {
    handle = readHandle(raw);
  } catch (error) {
    return throwError(() => error);
  }
  const location = parseUrl(handle.location);
  if (!location) return throwError(() => new ProtocolError({}, 'the handle location is not an absolute URL'));
  const refusal = refusalReason(location);
  if (refusal) return throwError(() => new ProtocolError({ url: handle.location }, refusal));
  let follow: FollowDefinition<unknown, unknown> | undefined;
  try {
    // A handle comes back from storage: its params must be what the library wrote, paths under the API root.
    handle = withApiPaths(handle, runtime.apiRoot);
    follow = spec ? (followOf(spec) as FollowDefinition<unknown, unknown>) : registry.get(handle.kind)?.(handle);
  } catch (error) {
    return throwError(() => error);
  }
  if (!follow) {
    return throwError(() => new ProtocolError({ url: handle.location }, `cannot resume a '${handle.kind}' operation without its spec`));
  }
  return followOperation(runtime, follow as FollowDefinition<unknown, T>, handle, options);
}

/**
 * The handle with every param as a path under the API root, or a
 * `ProtocolError` naming the first that is not one. Handles written before
 * params were paths (a copy's `drive`, versions 1 and 2) held an absolute
 * URL: one exactly under this client's API root is read as the path after
 * it; any other absolute URL is refused, as is a path that could move a
 * token-bearing request (see {@link isApiPath}).
 */
function withApiPaths(handle: OperationHandle, apiRoot: string): OperationHandle {
  if (handle.params === undefined) return handle;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(handle.params)) {
    const path = value.startsWith(`${apiRoot}/`) ? value.slice(apiRoot.length) : value;
    if (!isApiPath(path)) {
      throw new ProtocolError({ url: handle.location }, `the handle's ${JSON.stringify(name.slice(0, 40))} is not a path under this client's API root, as the library writes it`);
    }
    params[name] = path;
  }
  return { ...handle, params };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

