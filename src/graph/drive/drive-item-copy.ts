import { throwError, type Observable } from 'rxjs';
import { DriveItem } from '../../core/codecs/drive-item.js';
import type { DriveItem as DriveItemPayload } from '../../core/codecs/payloads.js';
import type { OperationEvent } from '../../lro/operation-event.js';
import { runOperation, type FollowDefinition, type OperationOptions, type OperationRuntime } from '../../lro/run-operation.js';
import { fetchResult } from '../../lro/fetch-result.js';
import { ProtocolError } from '../../core/errors/protocol-error.js';
import { isDrivePath, type DriveItemAddress } from './drive-item-ref.js';
import type { Resumer } from '../../lro/resume.js';
import { apiUrl } from '../../core/url/api-root.js';
import { copyMonitorStatus, isJob, type CopyMonitorBody } from './monitor-status.js';
import { assignSensitivityLabel, type AssignSensitivityLabelRequest } from './drive-item-label.js';
import type { GraphResource } from '../families/family-operation.js';
import { checkObject, checkOneOf, checkOperationOptions, describeValue, isPlainObject } from '../../core/policy/validation.js';

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

/**
 * One drive item's long-running actions.
 *
 * @example
 * ```ts
 * graph.driveItem('/me/drive/items/01FOLDER').copy({ name: 'Copy of LargeFolder1' }).pipe(progress())
 *   .subscribe((p) => bar.update(p));
 * ```
 * @public
 */
export interface DriveItemOperations {
  /** Absolute URL of the drive item. */
  readonly itemUrl: string;
  /**
   * `POST {item}/copy`. Graph answers 202 with a monitor URL, often on
   * another origin; it is polled without the token (it needs none).
   * `status` events carry `percentageComplete` as it rises; on `completed`
   * the new item is read, with the token, from the destination drive.
   * Completion is read from the body only (the monitor may answer 202 even
   * when done). A copy is not repeated after a 504: it may have started.
   */
  copy(request?: CopyRequest, options?: OperationOptions): Observable<OperationEvent<DriveItemPayload>>;
  /**
   * `POST {item}/assignSensitivityLabel`: watched on a SharePoint monitor
   * without the token, as a copy is; a 423 Locked answer is retried; ends
   * with the item as Graph now has it.
   */
  assignSensitivityLabel(request: AssignSensitivityLabelRequest, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
}

/** The kind a copy's handle records. */
export const COPY_KIND = 'driveItem.copy';

/**
 * Resumes a copy from its handle: the drive it recorded says where to read
 * the new item. A handle comes back from storage, so the drive must be one
 * (`/me/drive`, `/drives/{id}`, `/users|sites|groups/{id}/drive`): anything
 * else could turn the token-bearing read of the new item into a read of
 * any Graph resource, and is a `ProtocolError` before anything is sent.
 */
export const copyResumers: Readonly<Record<string, Resumer>> = {
  [COPY_KIND]: (handle) => {
    const drive = handle.params?.['drive'];
    if (drive === undefined) return undefined;
    if (!isDrivePath(drive)) {
      throw new ProtocolError({ url: handle.location }, "the handle's drive is not a drive path (/me/drive, /drives/{id}, /users|sites|groups/{id}/drive)");
    }
    return copyFollow(drive) as FollowDefinition<unknown, unknown>;
  },
};

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
 * The follow half of a copy. The monitor is not Graph (it is usually another
 * origin, and is polled without the token), so it is believed only about the
 * status, the progress, the error, and the new item's id — from
 * `resourceId`, or the `items/{id}` that ends its `resourceLocation`, or the
 * `id` of an item body it answers with. The item itself is always read from
 * Graph, with the token, under the destination drive: a monitor cannot aim
 * a token-bearing request at another Graph path, nor stand in for Graph's
 * answer with an item of its own. `drive` is a path under the API root
 * (`/me/drive`, `/drives/{id}`), checked by whoever gives it.
 */
export function copyFollow(drive: string): FollowDefinition<CopyMonitorBody, DriveItem> {
  return {
    status: copyMonitorStatus,
    pollAuth: 'none',
    fetchResult: (body, location, runtime) => {
      const context = { method: 'GET', url: location };
      const id = newItemId(body);
      if (id === undefined) return throwError(() => new ProtocolError(context, 'the copy completed without a resourceId or resourceLocation'));
      if (!isItemId(id)) return throwError(() => new ProtocolError(context, `the monitor named the new item with something that is not an item id: ${describeValue(id)}`));
      return fetchResult(runtime, apiUrl(runtime.apiRoot, `${drive}/items/${encodeURIComponent(id)}`), DriveItem) as Observable<DriveItem>;
    },
  };
}

function newItemId(body: CopyMonitorBody): string | undefined {
  if (!isJob(body)) return (body as DriveItem).id;
  if (body.resourceId) return body.resourceId;
  if (!body.resourceLocation) return undefined;
  // Only the id is taken from a URL the monitor names; where to read it is ours to decide.
  const match = /\/items\/([^/?#]+)\/?(?:[?#].*)?$/.exec(body.resourceLocation) ?? /\/items\('([^']+)'\)\/?$/.exec(body.resourceLocation);
  if (!match) return '';
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return '';
  }
}

export function createDriveItem(runtime: OperationRuntime, address: DriveItemAddress): DriveItemOperations {
  const { itemUrl } = address;
  return {
    itemUrl,
    assignSensitivityLabel: (request, options) => assignSensitivityLabel(runtime, itemUrl, request, options),
    copy: (raw, options) => {
      const request = checkCopyRequest(raw);
      checkOperationOptions('copy options', options);
      // A path under the API root, as the handle records it (never an absolute URL, which a tampered handle could aim anywhere).
      const destination = request.parentReference?.driveId ? `/drives/${encodeURIComponent(request.parentReference.driveId)}` : address.drivePath;
      const query = request.conflictBehavior ? `?@microsoft.graph.conflictBehavior=${encodeURIComponent(request.conflictBehavior)}` : '';
      const body = {
        ...(request.parentReference ? { parentReference: request.parentReference } : {}),
        ...(request.name !== undefined ? { name: request.name } : {}),
      };
      return runOperation(
        runtime,
        {
          start: { method: 'POST', url: `${itemUrl}/copy${query}`, body, auth: 'token', idempotent: false },
          handle: { kind: COPY_KIND, params: { drive: destination } },
          syncResult: () => {
            throw new ProtocolError({ method: 'POST', url: `${itemUrl}/copy` }, 'a copy must answer 202 Accepted');
          },
          follow: copyFollow(destination),
        },
        options,
      );
    },
  };
}
