// rx-graph-lro/graph: what the client's Graph shortcuts take and give, and the status
// model of every asynchronous resource of Graph v1.0, for specs that want exact types.

// The shortcuts, by area
export type { Workbook, WorkbookOptions, CreateSessionOptions, TableRowOptions, WorkbookSession, ManagedSessionOptions } from './workbook/workbook-types.js';
export type { DriveItemOperations } from './drive/drive-item-operations.js';
export type { CopyRequest } from './drive/copy-drive-item.js';
export type { AssignSensitivityLabelRequest } from './drive/assign-sensitivity-label.js';
export type { TeamsOperations } from './teams/teams.js';
export type { CloneTeamRequest } from './teams/clone-team.js';
export type { OnenoteOperations } from './onenote/onenote.js';
export type { CopyNotebookRequest } from './onenote/copy-notebook.js';
export type { CopySectionRequest } from './onenote/copy-section.js';
export type { SiteOperations } from './sites/sites.js';
export type { ExternalConnectionOperations } from './search/external-connections.js';
export type { ExternalConnectionSchema } from './search/update-schema.js';
export type { EdiscoveryCaseOperations } from './ediscovery/ediscovery.js';
export type { EngageOperations } from './engage/engage.js';
export type { DeviceManagementOperations } from './device-management/device-management.js';
export type { ExportReportRequest } from './device-management/export-report.js';
export type { DownloadOptions } from './device-management/download-report.js';
export type { SecurityOperations } from './security/security.js';
export type { AuditLogQueryRequest, AuditLogRecordsOptions, AuditLogRecord } from './security/query-audit-log.js';
export type { UserOperations } from './users/users.js';
export type { PrintOperations } from './print/print.js';
export type { CreatePrinterRequest } from './print/create-printer.js';
export type { BackupRestoreOperations } from './backup/backup-restore.js';
export { DEFAULT_OPERATION_TIMEOUTS } from './default-timeouts.js';

// What they end with
export type { GraphResource } from './shared/graph-resource.js';
export type { WorkbookSessionInfo } from './workbook/workbook-session-info.js';
export type { WorkbookTableRow } from './workbook/workbook-table-row.js';
export type { DriveItem } from './drive/drive-item.js';

// Status models, one per resource of the census (test/fixtures/graph-census.json)
export { longRunningOperationStatus } from './models/long-running-operation.js';
export type { LongRunningOperationStatus } from './models/long-running-operation.js';
export { workbookOperationStatus } from './workbook/workbook-operation.js';
export type { WorkbookOperation, WorkbookOperationStatus } from './workbook/workbook-operation.js';
export type { AsyncJobStatus, AsyncJobStatusValue } from './drive/async-job-status.js';
export { teamsAsyncOperationStatus } from './teams/teams-async-operation.js';
export type { TeamsAsyncOperation } from './teams/teams-async-operation.js';
export { richLongRunningOperationStatus } from './models/rich-long-running-operation.js';
export type { RichLongRunningOperation } from './models/rich-long-running-operation.js';
export { onenoteOperationStatus } from './onenote/onenote-operation.js';
export type { OnenoteOperation } from './onenote/onenote-operation.js';
export { connectionOperationStatus } from './search/connection-operation.js';
export type { ConnectionOperation } from './search/connection-operation.js';
export { caseOperationStatus } from './ediscovery/case-operation.js';
export type { CaseOperation } from './ediscovery/case-operation.js';
export { dataPolicyOperationStatus } from './models/data-policy-operation.js';
export type { DataPolicyOperation } from './models/data-policy-operation.js';
export { printOperationStatus } from './models/print-operation.js';
export type { PrintOperation } from './models/print-operation.js';
export { deviceManagementExportJobStatus } from './models/device-management-export-job.js';
export type { DeviceManagementExportJob } from './models/device-management-export-job.js';
export { auditLogQueryStatus } from './models/audit-log-query.js';
export type { AuditLogQuery } from './models/audit-log-query.js';
export { accessReviewHistoryDefinitionStatus } from './models/access-review-history-definition.js';
export { configurationSnapshotJobStatus } from './models/configuration-snapshot-job.js';
export { cloudPcDeviceImageStatus } from './models/cloud-pc-device-image.js';
export { browseSessionStatus } from './models/browse-session.js';
export { restoreSessionStatus } from './models/restore-session.js';
export type { RestoreSession } from './models/restore-session.js';
export { threatAssessmentRequestStatus } from './models/threat-assessment-request.js';
