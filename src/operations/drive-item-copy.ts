import * as t from 'io-ts';
import { of, throwError, type Observable } from 'rxjs';
import { AsyncJobStatus } from '../codecs/async-job-status.js';
import { DriveItem } from '../codecs/drive-item.js';
import type { OperationEvent } from './operation-event.js';
import { runOperation, type FollowDefinition, type OperationOptions, type OperationRuntime, type StatusModel } from './runOperation.js';
import { fetchResult } from './fetchResult.js';
import { ProtocolError } from '../errors/protocol-error.js';
import { resolveLocation } from './location.js';

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
  copy(request?: CopyRequest, options?: OperationOptions): Observable<OperationEvent<DriveItem>>;
}

/** A monitor that redirected to the finished item answers with the item itself. */
const CopyMonitorBody = t.union([AsyncJobStatus, DriveItem]);
type CopyMonitorBody = t.TypeOf<typeof CopyMonitorBody>;

const isJob = (body: CopyMonitorBody): body is AsyncJobStatus => typeof (body as { status?: unknown }).status === 'string';

/**
 * asyncJobStatus values: `completed` succeeded; `failed` and `deleteFailed`
 * failed (both end the job); `notStarted`, `inProgress`, `updating`,
 * `waiting` and `deletePending` are still moving, and so is anything unknown.
 */
export const copyMonitorStatus: StatusModel<CopyMonitorBody> = {
  codec: CopyMonitorBody,
  describe: (body) =>
    isJob(body)
      ? body.percentageComplete === undefined
        ? { status: body.status }
        : { status: body.status, percentageComplete: body.percentageComplete }
      : { status: 'completed' },
  state: (body) => {
    if (!isJob(body)) return 'succeeded';
    if (body.status === 'completed') return 'succeeded';
    return body.status === 'failed' || body.status === 'deleteFailed' ? 'failed' : 'running';
  },
  error: (body) => (isJob(body) ? body.error : undefined),
};

/** The drive part of an item address: `…/drives/{d}`, `…/me/drive`, `…/users/{u}/drive`. */
export function driveOf(itemUrl: string): string {
  const at = itemUrl.search(/\/(items\/[^/]+|root:.*)$/);
  return at >= 0 ? itemUrl.slice(0, at) : itemUrl;
}

export function copyFollow(drive: string): FollowDefinition<CopyMonitorBody, DriveItem> {
  return {
    status: copyMonitorStatus,
    pollAuth: 'none',
    fetchResult: (body, location, runtime) => {
      if (!isJob(body)) return of(body as DriveItem);
      if (body.resourceId) return fetchResult(runtime, `${drive}/items/${encodeURIComponent(body.resourceId)}`, DriveItem) as Observable<DriveItem>;
      // Some monitors name the new item by URL instead; it gets the token only if its origin is trusted.
      if (body.resourceLocation) {
        try {
          const url = resolveLocation(body.resourceLocation, location, runtime.apiRoot, { method: 'GET', url: location });
          return fetchResult(runtime, url, DriveItem) as Observable<DriveItem>;
        } catch (error) {
          return throwError(() => error);
        }
      }
      return noResourceId(location);
    },
  };
}

function noResourceId(location: string): Observable<never> {
  return throwError(() => new ProtocolError({ method: 'GET', url: location }, 'the copy completed without a resourceId or resourceLocation'));
}

export function createDriveItem(runtime: OperationRuntime, itemUrl: string): DriveItemOperations {
  return {
    itemUrl,
    copy: (request = {}, options) => {
      const destination = request.parentReference?.driveId
        ? `${runtime.apiRoot}/drives/${encodeURIComponent(request.parentReference.driveId)}`
        : driveOf(itemUrl);
      const query = request.conflictBehavior ? `?@microsoft.graph.conflictBehavior=${request.conflictBehavior}` : '';
      const body = {
        ...(request.parentReference ? { parentReference: request.parentReference } : {}),
        ...(request.name !== undefined ? { name: request.name } : {}),
      };
      return runOperation(
        runtime,
        {
          start: { method: 'POST', url: `${itemUrl}/copy${query}`, body, auth: 'token', idempotent: false },
          handle: { kind: 'driveItem.copy', drive: destination },
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
