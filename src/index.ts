// Client
export { createGraphClient } from './client.js';
export type { GraphClient, GraphClientOptions } from './client.js';

// Operations
export type { Workbook, CreateSessionOptions, TableRowOptions, WorkbookOptions, WorkbookSession, ManagedSessionOptions } from './graph/workbook/workbook-types.js';
export type { DriveItemOperations, CopyRequest } from './graph/drive/drive-item-copy.js';
export type { OperationSpec } from './lro/operation-spec.js';
export type { OperationHandle } from './lro/operation-handle.js';
export type {
  OperationEvent,
  OperationAccepted,
  OperationStatusChanged,
  OperationSucceeded,
} from './lro/operation-event.js';
export type { OperationOptions, StatusModel, OperationState } from './lro/run-operation.js';

// Operators
export { result } from './lro/operators/result.js';
export { progress } from './lro/operators/progress.js';
export { retryTransient } from './rx/retry-transient.js';
export type { RetryTransientConfig } from './rx/retry-transient.js';
export { pollOperationStatus } from './rx/poll-operation-status.js';
export type { PollOperationStatusConfig, AcceptedOperation, PolledStatus } from './rx/poll-operation-status.js';
export { throwOnOperationFailure } from './lro/operators/throw-on-operation-failure.js';
export type { ThrowOnOperationFailureConfig } from './lro/operators/throw-on-operation-failure.js';
export { resolveOperationResult } from './lro/operators/resolve-operation-result.js';
export type { ResolveOperationResultConfig } from './lro/operators/resolve-operation-result.js';
export { operationTimeout } from './lro/operators/operation-timeout.js';
export type { OperationTimeoutConfig } from './lro/operators/operation-timeout.js';

// Policies
export { DEFAULT_POLL_POLICY } from './core/policy/poll-policy.js';
export type { PollPolicy } from './core/policy/poll-policy.js';
export { DEFAULT_RETRY_POLICY } from './core/policy/retry-policy.js';
export { DEFAULT_OPERATION_TIMEOUTS } from './core/policy/operation-timeout-policy.js';
export type { RetryPolicy } from './core/policy/retry-policy.js';

// Transport and auth
export { fetchTransport } from './http/fetch-transport.js';
export type { FetchLike } from './http/fetch-transport.js';
export type { HttpTransport, HttpRequest, HttpResponse, HttpMethod } from './http/transport.js';
export type { TokenSource, TokenRequest, TokenCredentialLike } from './auth/token-source.js';

// Payloads
export { WorkbookOperation, WorkbookOperationStatus } from './core/codecs/workbook-operation.js';
export { WorkbookOperationError } from './core/codecs/workbook-operation-error.js';
export { WorkbookSessionInfo } from './core/codecs/workbook-session-info.js';
export { GraphErrorBody, GraphErrorDetail } from './core/codecs/graph-error-body.js';
export { AsyncJobStatus, AsyncJobStatusValue } from './core/codecs/async-job-status.js';
export { WorkbookTableRow } from './core/codecs/workbook-table-row.js';
export { DriveItem } from './core/codecs/drive-item.js';

// Errors
export { GraphLroError } from './core/errors/graph-lro-error.js';
export type { RequestContext } from './core/errors/graph-lro-error.js';
export { GraphHttpError } from './core/errors/graph-http-error.js';
export { NetworkError } from './core/errors/network-error.js';
export { DecodeError } from './core/errors/decode-error.js';
export { ProtocolError } from './core/errors/protocol-error.js';
export { OperationFailedError } from './core/errors/operation-failed-error.js';
export { OperationTimeoutError } from './core/errors/operation-timeout-error.js';
export { AuthenticationError } from './core/errors/authentication-error.js';
export { SessionExpiredError } from './core/errors/session-expired-error.js';
export { SessionInvalidError } from './core/errors/session-invalid-error.js';
export { RequestTimeoutError } from './core/errors/request-timeout-error.js';
export { ResponseTooLargeError } from './core/errors/response-too-large-error.js';
