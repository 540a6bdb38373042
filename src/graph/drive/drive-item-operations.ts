import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import type { GraphResource } from '../shared/graph-resource.js';
import type { DriveItemAddress } from '../shared/drive-item-ref.js';
import type { DriveItem } from './drive-item.js';
import { copyDriveItem, type CopyRequest } from './copy-drive-item.js';
import { assignSensitivityLabel, type AssignSensitivityLabelRequest } from './assign-sensitivity-label.js';

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
  /**
   * `POST {item}/assignSensitivityLabel`: watched on a SharePoint monitor
   * without the token, as a copy is; a 423 Locked answer is retried; ends
   * with the item as Graph now has it.
   */
  assignSensitivityLabel(request: AssignSensitivityLabelRequest, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
}

/** `graph.driveItem(ref)`: the drive kinds of one item. */
export function createDriveItem(run: RunKind, address: DriveItemAddress): DriveItemOperations {
  const { itemUrl } = address;
  return {
    itemUrl,
    copy: (request, options) => {
      checkOperationOptions('copy options', options);
      return run(copyDriveItem, [itemUrl, request], options);
    },
    assignSensitivityLabel: (request, options) => {
      checkOperationOptions('assignSensitivityLabel options', options);
      return run(assignSensitivityLabel, [itemUrl, request], options);
    },
  };
}
