import * as t from 'io-ts';
import { throwError, type Observable } from 'rxjs';
import { decodeOrThrow } from '../core/codecs/decode.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import type { OperationEvent } from './operation-event.js';
import type { OperationHandle } from './operation-handle.js';
import { followOperation, type FollowDefinition, type OperationOptions, type OperationRuntime } from './run-operation.js';
import { followOf, type OperationSpec } from './operation-spec.js';
import { refusalReason } from '../core/url/origins.js';

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

/** How to follow one kind of operation from its handle alone; `undefined` when the handle lacks what it needs. */
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
  // A handle comes back from storage: it may name only drives on the client's own Graph origin.
  if (handle.params?.['drive'] !== undefined && !sameOrigin(handle.params['drive'], runtime.apiRoot)) {
    return throwError(() => new ProtocolError({ url: handle.location }, 'the handle names a drive that is not on this client\'s Graph origin'));
  }
  const follow = spec ? followOf(spec) : registry.get(handle.kind)?.(handle);
  if (!follow) {
    return throwError(() => new ProtocolError({ url: handle.location }, `cannot resume a '${handle.kind}' operation without its spec`));
  }
  return followOperation(runtime, follow as FollowDefinition<unknown, T>, handle, options);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function sameOrigin(url: string, apiRoot: string): boolean {
  const a = parseUrl(url);
  const b = parseUrl(apiRoot);
  return a !== undefined && b !== undefined && a.origin === b.origin;
}
