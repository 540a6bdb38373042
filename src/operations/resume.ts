import * as t from 'io-ts';
import { throwError, type Observable } from 'rxjs';
import { decodeOrThrow } from '../codecs/decode.js';
import { ProtocolError } from '../errors/protocol-error.js';
import type { OperationEvent } from './operation-event.js';
import type { OperationHandle } from './operation-handle.js';
import { followOperation, type FollowDefinition, type OperationOptions, type OperationRuntime } from './runOperation.js';
import { followOf, type OperationSpec } from './operation-spec.js';
import { addTableRowSpec, createSessionSpec, deleteTableRowSpec } from './workbook.js';
import { copyFollow } from './drive-item-copy.js';
import { refusalReason } from '../auth/origins.js';

const OperationHandleCodec = t.intersection([
  t.type({ version: t.literal(1), kind: t.string, location: t.string, apiRoot: t.string }),
  t.partial({ drive: t.string }),
]);

function builtInFollow(handle: OperationHandle): FollowDefinition<unknown, unknown> | undefined {
  // Only the follow half of these specs is used: the start request is never sent again.
  const nowhere = handle.apiRoot;
  switch (handle.kind) {
    case 'workbook.createSession':
      return followOf(createSessionSpec(nowhere, true)) as FollowDefinition<unknown, unknown>;
    case 'workbook.addTableRow':
      return followOf(addTableRowSpec(nowhere, 'table', [])) as FollowDefinition<unknown, unknown>;
    case 'workbook.deleteTableRow':
      return followOf(deleteTableRowSpec(nowhere, 'table', 0)) as FollowDefinition<unknown, unknown>;
    case 'driveItem.copy':
      return handle.drive ? (copyFollow(handle.drive) as FollowDefinition<unknown, unknown>) : undefined;
    default:
      return undefined;
  }
}

export function resumeOperation<S, T>(
  runtime: OperationRuntime,
  raw: unknown,
  spec: OperationSpec<S, T> | undefined,
  options: OperationOptions | undefined,
): Observable<OperationEvent<T>> {
  let handle: OperationHandle;
  try {
    handle = decodeOrThrow(OperationHandleCodec, raw, {});
  } catch (error) {
    return throwError(() => error);
  }
  const location = parseUrl(handle.location);
  if (!location) return throwError(() => new ProtocolError({}, 'the handle location is not an absolute URL'));
  const refusal = refusalReason(location);
  if (refusal) return throwError(() => new ProtocolError({ url: handle.location }, refusal));
  // A handle comes back from storage: it may name only drives on the client's own Graph origin.
  if (handle.drive !== undefined && !sameOrigin(handle.drive, runtime.apiRoot)) {
    return throwError(() => new ProtocolError({ url: handle.location }, 'the handle names a drive that is not on this client\'s Graph origin'));
  }
  const follow = spec ? followOf(spec) : builtInFollow(handle);
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
