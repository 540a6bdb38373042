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
  /** The report exported, such as `Devices`. */
  readonly reportName?: string;
  /** `unknown`, `notStarted`, `inProgress`, `completed`, `failed`. */
  readonly status: string;
  /** The export's file format (`csv`, `json`, …). */
  readonly format?: string;
  /** The download URL (a SAS URL to a zip), once completed. */
  readonly url?: string | null;
  /** Until when `url` can be downloaded (ISO 8601). */
  readonly expirationDateTime?: string;
  /** When the export was asked for (ISO 8601). */
  readonly requestDateTime?: string;
  /** Every other property, as Graph sent it. */
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
