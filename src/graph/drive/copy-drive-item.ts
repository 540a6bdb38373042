import { ProtocolError } from '../../core/errors/protocol-error.js';
import { checkObject, checkOneOf, describeValue, isPlainObject } from '../../core/policy/validation.js';
import { operationKind } from '../../lro/operation-kind.js';
import { DEFAULT_OPERATION_TIMEOUTS } from '../default-timeouts.js';
import { isDrivePath, parseDriveItemRef, pathUnderRoot } from '../shared/drive-item-ref.js';
import { DriveItemCodec } from './drive-item.js';
import { copyMonitorStatus, isJob, type CopyMonitorBody } from './monitor-status.js';

/**
 * What `copy` sends: where the copy goes and its name (both optional, as in
 * Graph: without them the copy lands beside the original with a new name).
 *
 * @public
 */
export interface CopyRequest {
  /** The destination folder: `{ driveId, id }` or `{ path }`. @defaultValue the source's folder */
  readonly parentReference?: { readonly driveId?: string; readonly id?: string; readonly path?: string };
  /** The new item's name. @defaultValue Graph's */
  readonly name?: string;
  /** What to do when the name is taken: sent as `@microsoft.graph.conflictBehavior`. @defaultValue Graph's (fail) */
  readonly conflictBehavior?: 'fail' | 'replace' | 'rename';
}

const COPY_REQUEST_KEYS = ['parentReference', 'name', 'conflictBehavior'] as const;
const CONFLICT_BEHAVIORS = ['fail', 'replace', 'rename'] as const;

/** A copy request checked before anything is sent: a string, a typo or a bad enum is a TypeError/RangeError. */
function checkCopyRequest(request: unknown): CopyRequest {
  const checked = checkObject('copy request', request, COPY_REQUEST_KEYS) as CopyRequest | undefined;
  if (!checked) return {};
  const parent = checked.parentReference as unknown;
  if (parent !== undefined) {
    if (!isPlainObject(parent)) throw new TypeError(`copy request.parentReference must be an object ({ driveId, id } or { path }), not ${describeValue(parent)}`);
    for (const key of ['driveId', 'id', 'path'] as const) {
      const value = parent[key];
      if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
        throw new TypeError(`copy request.parentReference.${key} must be a non-empty string, not ${describeValue(value)}`);
      }
    }
    const driveId = parent['driveId'] as string | undefined;
    if (driveId !== undefined && /^\.{1,2}$|[\\/\u0000-\u001f]/.test(driveId)) {
      throw new TypeError(`copy request.parentReference.driveId is not a drive id: ${describeValue(driveId)}`);
    }
  }
  if (checked.name !== undefined && (typeof checked.name !== 'string' || checked.name.trim() === '')) {
    throw new TypeError(`copy request.name must be a non-empty string, not ${describeValue(checked.name)}`);
  }
  checkOneOf('copy request.conflictBehavior', checked.conflictBehavior, CONFLICT_BEHAVIORS);
  return checked;
}

/** An item id a monitor named: one opaque path segment, never one that could move the request. */
function isItemId(id: string): boolean {
  return id !== '' && id !== '.' && id !== '..' && !/[/\\?#%\u0000-\u001f]/.test(id);
}

/**
 * The new item's id, as the monitor tells it: its `resourceId`, or the
 * `items/{id}` that ends its `resourceLocation`, or the `id` of an item
 * body it answers with. Only the id is taken from a URL the monitor names:
 * where to read it is ours to decide.
 */
function newItemId(body: CopyMonitorBody): string | undefined {
  if (!isJob(body)) return body.id;
  if (body.resourceId) return body.resourceId;
  if (!body.resourceLocation) return undefined;
  const match = /\/items\/([^/?#]+)\/?(?:[?#].*)?$/.exec(body.resourceLocation) ?? /\/items\('([^']+)'\)\/?$/.exec(body.resourceLocation);
  if (!match) return '';
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return '';
  }
}

/**
 * `driveItem.copy`: `POST {item}/copy`. Graph answers 202 with a monitor
 * URL, often on another origin, polled without the token (it needs none).
 * The monitor is believed only about the status, the progress, the error
 * and the new item's id; the item itself is read from Graph, with the
 * token, under the destination drive (the handle's `drive`). Completion is
 * read from the body only (a monitor may answer 202 even when done). A copy
 * is not repeated after a 504: it may have started.
 */
export const copyDriveItem = operationKind({
  name: 'driveItem.copy',
  prepare: ([ref, raw]: readonly [ref: string, request?: CopyRequest], apiRoot) => {
    const address = parseDriveItemRef(apiRoot, ref);
    const request = checkCopyRequest(raw);
    const driveId = request.parentReference?.driveId;
    const drive = driveId ? `/drives/${encodeURIComponent(driveId)}` : pathUnderRoot(apiRoot, address.driveUrl);
    const query = request.conflictBehavior ? `?@microsoft.graph.conflictBehavior=${encodeURIComponent(request.conflictBehavior)}` : '';
    const body = {
      ...(request.parentReference ? { parentReference: request.parentReference } : {}),
      ...(request.name !== undefined ? { name: request.name } : {}),
    };
    return { start: { method: 'POST', url: `${address.itemUrl}/copy${query}`, body }, params: { drive } };
  },
  params: ['drive'],
  // A handle comes back from storage: its drive must be a drive, or the token-bearing read of the new item could be a read of anything.
  checkParams: (params) => (isDrivePath(params['drive']!) ? undefined : "the handle's drive is not a drive path (/me/drive, /drives/{id}, /users|sites|groups/{id}/drive)"),
  idempotent: false,
  callOptions: { at: 2 },
  status: copyMonitorStatus,
  pollAuth: 'none',
  result: {
    read: 'resource',
    codec: DriveItemCodec,
    path: (body, params) => {
      const id = newItemId(body);
      if (id === undefined) throw new ProtocolError({}, { reason: 'the copy completed without a resourceId or resourceLocation' });
      if (!isItemId(id)) throw new ProtocolError({}, { reason: `the monitor named the new item with something that is not an item id: ${describeValue(id)}` });
      return `${params['drive']}/items/${encodeURIComponent(id)}`;
    },
  },
  sync: 'refuse',
  defaults: { timeoutMs: DEFAULT_OPERATION_TIMEOUTS.copy },
});
