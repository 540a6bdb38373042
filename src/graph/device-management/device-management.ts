import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import { exportIntuneReport, type ExportReportRequest } from './export-report.js';
import { reportDownload, type DownloadFile, type DownloadOptions } from './download-report.js';

/**
 * Intune's long-running operations.
 *
 * @example
 * ```ts
 * const zip = await lastValueFrom(
 *   graph.deviceManagement.exportReport({ reportName: 'Devices', format: 'csv' }).pipe(
 *     result(), // the download URL
 *     switchMap((url) => graph.deviceManagement.downloadReport(url)), // the zip's bytes, fetched without the Graph token
 *   ),
 * );
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
  /**
   * The file an export made (a zip), as its bytes: one `GET` of the
   * download URL `exportReport` ended with, **without the Graph token**
   * (the URL carries its own signature) and without following redirects,
   * over the client's `fetch` (Node's or the browser's own when it has
   * none; not its transport). Cold: nothing is sent until it is subscribed. Retried as
   * every `GET` is (429, 503, 504, a failed connection, each attempt past
   * `timeoutMs`), by the client's retry policy; bounded by `maxBytes`
   * (`ResponseTooLargeError`, the download aborted at the limit).
   * Unsubscribing aborts it. Errors name the URL without its query, which
   * holds the signature.
   *
   * The URL is checked when called: `https`, or plain `http` on loopback
   * only (a `TypeError` otherwise); so are the options (`RangeError`).
   */
  downloadReport(url: string, options?: DownloadOptions): Observable<Uint8Array>;
}

/** `graph.deviceManagement`: the Intune kinds. */
export function createDeviceManagement(run: RunKind, download: DownloadFile): DeviceManagementOperations {
  return {
    downloadReport: (url, options) => download(reportDownload(url, options)),
    exportReport: (request, options) => {
      checkOperationOptions('exportReport options', options);
      return run(exportIntuneReport, [request], options);
    },
  };
}
