import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import { exportIntuneReport, type ExportReportRequest } from './export-report.js';

/**
 * Intune's long-running operations.
 *
 * @example
 * ```ts
 * const url = await toPromise(graph.deviceManagement.exportReport({ reportName: 'Devices', format: 'csv' }));
 * const zip = await fetch(url); // a SAS URL on blob storage: no Graph token
 * ```
 * @public
 */
export interface DeviceManagementOperations {
  /**
   * `POST /deviceManagement/reports/exportJobs`: `201 Created` with the
   * export job, polled until `completed`; ends with its download URL (a SAS
   * URL to a zip, valid until the job's `expirationDateTime`), which needs
   * no Graph token.
   */
  exportReport(request: ExportReportRequest, options?: OperationOptions): Observable<OperationEvent<string>>;
}

/** `graph.deviceManagement`: the Intune kinds. */
export function createDeviceManagement(run: RunKind): DeviceManagementOperations {
  return {
    exportReport: (request, options) => {
      checkOperationOptions('exportReport options', options);
      return run(exportIntuneReport, [request], options);
    },
  };
}
