// The public API of rx-graph-lro: what a user needs, nothing of the engine.

// Client
export { createGraphClient } from './client.js';
export type { GraphClient, GraphClientOptions } from './client.js';

// Operations and what they take
export type {
  Workbook,
  WorkbookOptions,
  CreateSessionOptions,
  TableRowOptions,
  WorkbookSession,
  ManagedSessionOptions,
} from './graph/workbook/workbook-types.js';
export type { DriveItemOperations } from './graph/drive/drive-item-operations.js';
export type { CopyRequest } from './graph/drive/copy-drive-item.js';
export type { AssignSensitivityLabelRequest } from './graph/drive/assign-sensitivity-label.js';
export type { TeamsOperations } from './graph/teams/teams.js';
export type { CloneTeamRequest } from './graph/teams/clone-team.js';
export type { OnenoteOperations } from './graph/onenote/onenote.js';
export type { CopyNotebookRequest } from './graph/onenote/copy-notebook.js';
export type { CopySectionRequest } from './graph/onenote/copy-section.js';
export type { SiteOperations } from './graph/sites/sites.js';
export type { ExternalConnectionOperations } from './graph/search/external-connections.js';
export type { ExternalConnectionSchema } from './graph/search/update-schema.js';
export type { EdiscoveryCaseOperations } from './graph/ediscovery/ediscovery.js';
export type { EngageOperations } from './graph/engage/engage.js';
export type { GraphResource } from './graph/shared/graph-resource.js';
export type { OperationSpec } from './graph/custom-operation.js';
export type { Decoder, StandardSchemaV1, StandardSchemaV1Result } from './core/codecs/decoder.js';

// Each family's status model, for specs that want exact types
export { teamsAsyncOperationStatus } from './graph/teams/teams-async-operation.js';
export type { TeamsAsyncOperation } from './graph/teams/teams-async-operation.js';
export { richLongRunningOperationStatus } from './graph/models/rich-long-running-operation.js';
export type { RichLongRunningOperation } from './graph/models/rich-long-running-operation.js';
export { onenoteOperationStatus } from './graph/onenote/onenote-operation.js';
export type { OnenoteOperation } from './graph/onenote/onenote-operation.js';
export { connectionOperationStatus } from './graph/search/connection-operation.js';
export type { ConnectionOperation } from './graph/search/connection-operation.js';
export { caseOperationStatus } from './graph/ediscovery/case-operation.js';
export type { CaseOperation } from './graph/ediscovery/case-operation.js';
export type { OperationOptions, StatusModel, OperationState, StatusWords } from './lro/operation-types.js';
export { longRunningOperationStatus } from './graph/models/long-running-operation.js';
export type { LongRunningOperationStatus } from './graph/models/long-running-operation.js';
export type { OperationHandle } from './lro/operation-handle.js';

// What operations emit, and how to consume it
export type { OperationEvent, OperationAccepted, OperationStatusChanged, OperationSucceeded } from './lro/operation-event.js';
export { result } from './lro/operators/result.js';
export { progress } from './lro/operators/progress.js';
export { toPromise } from './lro/to-promise.js';
export type { ToPromiseOptions } from './lro/to-promise.js';

// Observability: the structured event hook, and what an instrumentation implements
export type {
  GraphLroEvent,
  GraphLroEventBase,
  GraphLroRequestEventBase,
  GraphLroEventError,
} from './lro/event-hook.js';
export type {
  Instrumentation,
  OperationTrace,
  OperationOutcome,
  TraceEvent,
  AttemptTrace,
  RequestAttemptInfo,
  RequestAttemptOutcome,
} from './lro/instrumentation.js';

// Policies
export { DEFAULT_POLL_POLICY } from './core/policy/poll-policy.js';
export { adaptivePolling } from './core/policy/poll-strategy.js';
export type { AdaptivePolling, AdaptivePollingOptions, AdaptivePollingState } from './core/policy/poll-strategy.js';
export type { PollPolicy, PollStrategy, PollPlan } from './core/policy/poll-policy.js';
export { DEFAULT_RETRY_POLICY } from './core/policy/retry-policy.js';
export type { RetryPolicy } from './core/policy/retry-policy.js';
export { DEFAULT_OPERATION_TIMEOUTS } from './graph/default-timeouts.js';

// Transport and auth (for tests and custom fetches)
export { fetchTransport } from './http/fetch-transport.js';
export type { FetchLike, HttpTransport, HttpRequest, HttpResponse, HttpMethod } from './http/transport.js';
export type { RequestBudgetOptions, RequestLimiter } from './http/request-budget.js';
export type { BatchOptions } from './http/batching-send.js';
export type { TokenSource, TokenRequest, TokenCredentialLike } from './auth/token-source.js';

// Payloads (types only: the codecs are the library's business)
export type { WorkbookOperation, WorkbookOperationStatus } from './graph/workbook/workbook-operation.js';
export type { WorkbookSessionInfo } from './graph/workbook/workbook-session-info.js';
export type { WorkbookTableRow } from './graph/workbook/workbook-table-row.js';
export type { AsyncJobStatus, AsyncJobStatusValue } from './graph/drive/async-job-status.js';
export type { DriveItem } from './graph/drive/drive-item.js';
export type { GraphErrorChain, GraphErrorDetail } from './core/errors/error-chain.js';

// Errors
export { isGraphLroError } from './core/errors/is-graph-lro-error.js';
export type { GraphLroErrors } from './core/errors/is-graph-lro-error.js';
export { GraphLroError } from './core/errors/graph-lro-error.js';
export type { RequestContext } from './core/errors/graph-lro-error.js';
export { GraphHttpError } from './core/errors/graph-http-error.js';
export { NetworkError } from './core/errors/network-error.js';
export { RequestTimeoutError } from './core/errors/request-timeout-error.js';
export { DecodeError } from './core/errors/decode-error.js';
export { ProtocolError } from './core/errors/protocol-error.js';
export { ResponseTooLargeError } from './core/errors/response-too-large-error.js';
export { OperationFailedError } from './core/errors/operation-failed-error.js';
export { OperationTimeoutError } from './core/errors/operation-timeout-error.js';
export { OperationCancelledError } from './core/errors/operation-cancelled-error.js';
export { AuthenticationError } from './core/errors/authentication-error.js';
export { SessionExpiredError } from './core/errors/session-expired-error.js';
export { SessionInvalidError } from './core/errors/session-invalid-error.js';
