/* eslint-disable @typescript-eslint/no-explicit-any */
import type { StatusModel } from 'rx-graph-lro';
import { longRunningOperationStatus } from './models/long-running-operation.js';
import { richLongRunningOperationStatus } from './models/rich-long-running-operation.js';
import { dataPolicyOperationStatus } from './models/data-policy-operation.js';
import { printOperationStatus } from './models/print-operation.js';
import { deviceManagementExportJobStatus } from './models/device-management-export-job.js';
import { auditLogQueryStatus } from './models/audit-log-query.js';
import { accessReviewHistoryDefinitionStatus } from './models/access-review-history-definition.js';
import { configurationSnapshotJobStatus } from './models/configuration-snapshot-job.js';
import { cloudPcDeviceImageStatus } from './models/cloud-pc-device-image.js';
import { browseSessionStatus } from './models/browse-session.js';
import { restoreSessionStatus } from './models/restore-session.js';
import { threatAssessmentRequestStatus } from './models/threat-assessment-request.js';
import { workbookOperationStatus } from './workbook/workbook-operation.js';
import { teamsAsyncOperationStatus } from './teams/teams-async-operation.js';
import { onenoteOperationStatus } from './onenote/onenote-operation.js';
import { connectionOperationStatus } from './search/connection-operation.js';
import { caseOperationStatus } from './ediscovery/case-operation.js';

/**
 * Graph v1.0's asynchronous resources (the census of its metadata,
 * test/fixtures/graph-census.json), each with the status model that reads
 * it, by entity type (without the `microsoft.graph.` namespace). A type not
 * here is read by the model of its base type.
 */
export const CENSUS_STATUS_MODELS: Readonly<Record<string, StatusModel<any>>> = {
  workbookOperation: workbookOperationStatus,
  teamsAsyncOperation: teamsAsyncOperationStatus,
  // operationStatus: OneNote's operations and the calls' commsOperation share the enum.
  operation: onenoteOperationStatus,
  commsOperation: onenoteOperationStatus,
  longRunningOperation: longRunningOperationStatus,
  richLongRunningOperation: richLongRunningOperationStatus,
  engagementAsyncOperation: richLongRunningOperationStatus,
  attackSimulationOperation: longRunningOperationStatus,
  'teamsAdministration.telephoneNumberLongRunningOperation': longRunningOperationStatus,
  delegatedAdminRelationshipOperation: longRunningOperationStatus,
  'partners.billing.operation': longRunningOperationStatus,
  'externalConnectors.connectionOperation': connectionOperationStatus,
  'security.caseOperation': caseOperationStatus,
  dataPolicyOperation: dataPolicyOperationStatus,
  printOperation: printOperationStatus,
  deviceManagementExportJob: deviceManagementExportJobStatus,
  'security.auditLogQuery': auditLogQueryStatus,
  accessReviewHistoryDefinition: accessReviewHistoryDefinitionStatus,
  configurationSnapshotJob: configurationSnapshotJobStatus,
  cloudPcDeviceImage: cloudPcDeviceImageStatus,
  browseSessionBase: browseSessionStatus,
  restoreSessionBase: restoreSessionStatus,
  threatAssessmentRequest: threatAssessmentRequestStatus,
};

/**
 * Where each job resource of the census lives (its entity set under the API
 * root), by entity type: the start answers with the job itself, and this is
 * where it is polled. Derived types are listed, as `@odata.type` names them.
 */
export const CENSUS_JOB_SETS: Readonly<Record<string, string>> = {
  deviceManagementExportJob: 'deviceManagement/reports/exportJobs',
  'security.auditLogQuery': 'security/auditLog/queries',
  accessReviewHistoryDefinition: 'identityGovernance/accessReviews/historyDefinitions',
  // createSnapshot is posted to configurationSnapshots, but its job lives here.
  configurationSnapshotJob: 'admin/configurationManagement/configurationSnapshotJobs',
  cloudPcDeviceImage: 'deviceManagement/virtualEndpoint/deviceImages',
  oneDriveForBusinessBrowseSession: 'solutions/backupRestore/oneDriveForBusinessBrowseSessions',
  sharePointBrowseSession: 'solutions/backupRestore/sharePointBrowseSessions',
  // activate is posted to …/restoreSessions/{id}/activate; every kind of session is read here.
  restoreSessionBase: 'solutions/backupRestore/restoreSessions',
  exchangeRestoreSession: 'solutions/backupRestore/restoreSessions',
  oneDriveForBusinessRestoreSession: 'solutions/backupRestore/restoreSessions',
  sharePointRestoreSession: 'solutions/backupRestore/restoreSessions',
  mailAssessmentRequest: 'informationProtection/threatAssessmentRequests',
  emailFileAssessmentRequest: 'informationProtection/threatAssessmentRequests',
  fileAssessmentRequest: 'informationProtection/threatAssessmentRequests',
  urlAssessmentRequest: 'informationProtection/threatAssessmentRequests',
};

/**
 * The census entity type a body names: with `@odata.type`
 * (`#microsoft.graph.sharePointRestoreSession` → `sharePointRestoreSession`),
 * else with the `@odata.context` of an action's answer, which names its
 * return type rather than an entity set (`createSnapshot`:
 * `…/$metadata#microsoft.graph.configurationSnapshotJob`).
 */
export function censusTypeOf(body: Readonly<Record<string, unknown>>): string | undefined {
  const type = body['@odata.type'];
  if (typeof type === 'string') return type.replace(/^#/, '').replace(/^microsoft\.graph\./, '');
  const context = body['@odata.context'];
  return typeof context === 'string' ? /\$metadata#microsoft\.graph\.([A-Za-z][A-Za-z0-9_.]*)$/.exec(context)?.[1] : undefined;
}

/** The entity sets of the census's jobs, as OData's `@odata.context` names them. */
const JOB_SETS = new Set(Object.values(CENSUS_JOB_SETS));

/**
 * Whether a synchronous answer is one of the census's job resources: a
 * `201 Created` with a running word is (the job the POST made); a `200` only
 * when it names a job type or set itself (`createSnapshot` and `activate`
 * answer `200` with their job, but so do a call's `commsOperation`, followed
 * only by notifications, and an unchanged delegated admin assignment, whose
 * `active` means done).
 */
export function isCensusJob(body: Readonly<Record<string, unknown>>, status: number): boolean {
  if (status === 201) return true;
  const type = censusTypeOf(body);
  if (type !== undefined && CENSUS_JOB_SETS[type] !== undefined) return true;
  const context = body['@odata.context'];
  const set = typeof context === 'string' ? /\$metadata#(.+?)\/\$entity$/.exec(context)?.[1] : undefined;
  return set !== undefined && JOB_SETS.has(set);
}

/** Where a census job is polled: its type's entity set plus its id, when its `@odata.type` names one. */
export function censusJobLocation(body: Readonly<Record<string, unknown>>): string | undefined {
  const type = censusTypeOf(body);
  const set = type === undefined ? undefined : CENSUS_JOB_SETS[type];
  const id = body['id'];
  return set !== undefined && typeof id === 'string' && id !== '' ? `/${set}/${encodeURIComponent(id)}` : undefined;
}
