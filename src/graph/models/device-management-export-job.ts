import type { StatusModel } from 'rx-graph-lro';
import { documentStatusModel } from '../shared/document-status-model.js';

/**
 * Intune's `deviceManagementExportJob` (a report export,
 * `deviceManagement/reports/exportJobs`): created with `201` and polled until
 * `completed`, when `url` is where the export (a zip) can be downloaded,
 * without the Graph token, until `expirationDateTime`.
 *
 * @public
 */
export interface DeviceManagementExportJob {
  /** `<ReportName>_<guid>`. */
  readonly id: string;
  readonly reportName?: string;
  /** `unknown`, `notStarted`, `inProgress`, `completed`, `failed`. */
  readonly status: string;
  readonly format?: string;
  /** The download URL (a SAS URL to a zip), once completed. */
  readonly url?: string | null;
  readonly expirationDateTime?: string;
  readonly requestDateTime?: string;
  readonly [property: string]: unknown;
}

/**
 * The status model of `deviceManagementExportJob`.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: '/deviceManagement/reports/exportJobs', body: { reportName: 'Devices' } }, status: deviceManagementExportJobStatus, resultFromStatus: (s) => s.url });
 * ```
 * @public
 */
export const deviceManagementExportJobStatus: StatusModel<DeviceManagementExportJob> = documentStatusModel<DeviceManagementExportJob>('deviceManagementExportJob', {
  running: ['unknown', 'notStarted', 'inProgress'],
  succeeded: ['completed'],
  failed: ['failed'],
});
