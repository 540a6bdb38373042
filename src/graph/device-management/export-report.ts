import { ProtocolError } from '../../core/errors/protocol-error.js';
import { checkObject, checkOneOf, describeValue } from '../../core/policy/validation.js';
import { operationKind } from '../../lro/operation-kind.js';
import { deviceManagementExportJobStatus, type DeviceManagementExportJob } from '../models/device-management-export-job.js';
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from '../shared/prefer.js';
import { statusPathIn } from '../shared/status-path.js';

/**
 * What an Intune report export asks for (Graph's `deviceManagementExportJob`).
 *
 * @public
 */
export interface ExportReportRequest {
  /** The report, e.g. `Devices`, `DeviceCompliance`, `DetectedAppsAggregate`. */
  readonly reportName: string;
  /** An OData filter on the report's columns. @defaultValue none */
  readonly filter?: string;
  /** The columns. @defaultValue the report's */
  readonly select?: readonly string[];
  /** The export's file format. @defaultValue Graph's (`csv`) */
  readonly format?: 'csv' | 'pdf' | 'json';
  /** How localizable values are written: each in a column beside its raw value, or in its place. @defaultValue Graph's */
  readonly localizationType?: 'localizedValuesAsAdditionalColumn' | 'replaceLocalizableValues';
  /** Export this cached snapshot of the report rather than the live data. @defaultValue none */
  readonly snapshotId?: string;
}

const FORMATS = ['csv', 'pdf', 'json'] as const;
const LOCALIZATION = ['localizedValuesAsAdditionalColumn', 'replaceLocalizableValues'] as const;

function checkRequest(request: unknown): Record<string, unknown> {
  const checked = checkObject('exportReport request', request, ['reportName', 'filter', 'select', 'format', 'localizationType', 'snapshotId'], false)!;
  if (typeof checked['reportName'] !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(checked['reportName'])) {
    throw new TypeError(`exportReport request.reportName must be a report name such as 'Devices', not ${describeValue(checked['reportName'])}`);
  }
  for (const key of ['filter', 'snapshotId'] as const) {
    if (checked[key] !== undefined && typeof checked[key] !== 'string') throw new TypeError(`exportReport request.${key} must be a string, not ${describeValue(checked[key])}`);
  }
  const select = checked['select'];
  if (select !== undefined && (!Array.isArray(select) || !select.every((c) => typeof c === 'string' && c !== ''))) {
    throw new TypeError(`exportReport request.select must be an array of column names, not ${describeValue(select)}`);
  }
  checkOneOf('exportReport request.format', checked['format'], FORMATS);
  checkOneOf('exportReport request.localizationType', checked['localizationType'], LOCALIZATION);
  return { ...checked, reportName: checked['reportName'] };
}

/**
 * `deviceManagement.exportReport`: `POST /deviceManagement/reports/exportJobs`.
 * Graph answers `201 Created` with the export job; it is polled at
 * `exportJobs/{id}` until `completed`, and ends with the job's download
 * `url` (a SAS URL to a zip, valid until the job's `expirationDateTime`;
 * download it without the Graph token).
 */
export const exportIntuneReport = operationKind({
  name: 'deviceManagement.exportReport',
  prepare: ([request]: readonly [request: ExportReportRequest]) => ({
    start: { method: 'POST', url: '/deviceManagement/reports/exportJobs', body: checkRequest(request) },
  }),
  idempotent: false,
  callOptions: { at: 1 },
  status: deviceManagementExportJobStatus,
  statusPath: statusPathIn('deviceManagement/reports/exportJobs'),
  pollHeaders: INCLUDE_UNKNOWN_ENUM_MEMBERS,
  job: {},
  result: {
    read: 'status',
    map: (job: DeviceManagementExportJob) => {
      if (typeof job.url !== 'string' || job.url === '') throw new ProtocolError({}, { reason: 'the export completed without a download url' });
      return job.url;
    },
  },
  sync: 'refuse',
});
