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
export type { DriveItemOperations, CopyRequest } from './graph/drive/drive-item-copy.js';
export type { AssignSensitivityLabelRequest } from './graph/drive/drive-item-label.js';
export type { TeamsOperations, CloneTeamRequest } from './graph/families/teams.js';
export type { OnenoteOperations, CopyNotebookRequest, CopySectionRequest } from './graph/families/onenote.js';
export type { SiteOperations } from './graph/families/sites.js';
export type { ExternalConnectionOperations, ExternalConnectionSchema } from './graph/families/external-connections.js';
export type { EdiscoveryCaseOperations } from './graph/families/ediscovery.js';
export type { EngageOperations } from './graph/families/engage.js';
export type { GraphResource } from './graph/families/family-operation.js';
export type { OperationSpec } from './lro/operation-spec.js';
export type { Decoder, StandardSchemaV1, StandardSchemaV1Result } from './core/codecs/decoder.js';

// Each family's status model, for specs that want exact types
export { teamsAsyncOperationStatus } from './graph/families/teams-async-operation.js';
export type { TeamsAsyncOperation } from './graph/families/teams-async-operation.js';
export { richLongRunningOperationStatus } from './graph/families/rich-long-running-operation.js';
export type { RichLongRunningOperation } from './graph/families/rich-long-running-operation.js';
export { onenoteOperationStatus } from './graph/families/onenote-operation.js';
export type { OnenoteOperation } from './graph/families/onenote-operation.js';
export { connectionOperationStatus } from './graph/families/connection-operation.js';
export type { ConnectionOperation } from './graph/families/connection-operation.js';
export { caseOperationStatus } from './graph/families/case-operation.js';
export type { CaseOperation } from './graph/families/case-operation.js';
export type { OperationOptions, StatusModel, OperationState } from './lro/run-operation.js';
export { longRunningOperationStatus } from './lro/long-running-operation.js';
export type { LongRunningOperationStatus } from './lro/long-running-operation.js';
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
export { DEFAULT_OPERATION_TIMEOUTS } from './core/policy/operation-timeout-policy.js';

// Transport and auth (for tests and custom fetches)
export { fetchTransport } from './http/fetch-transport.js';
// Node only: the browser build swaps in a stub (scripts/build.mjs), so browser bundles never see undici.
export { undiciTransport } from './http/undici-transport.js';
export type { UndiciTransport, UndiciTransportOptions } from './http/undici-options.js';
export type { FetchLike, HttpTransport, HttpRequest, HttpResponse, HttpMethod } from './http/transport.js';
export type { RequestBudgetOptions, RequestLimiter } from './http/request-budget.js';
export type { BatchOptions } from './http/batching-send.js';
export type { TokenSource, TokenRequest, TokenCredentialLike } from './auth/token-source.js';

// Payloads (types only: the codecs are the library's business)
export type {
  WorkbookOperation,
  WorkbookOperationStatus,
  WorkbookSessionInfo,
  WorkbookTableRow,
  AsyncJobStatus,
  AsyncJobStatusValue,
  DriveItem,
  WorkbookOperationError,
} from './core/codecs/payloads.js';
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
