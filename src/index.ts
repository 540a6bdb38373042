// Client
export { createGraphClient } from './client.js';
export type { GraphClient, GraphClientOptions } from './client.js';

// Operations
export type { Workbook, CreateSessionOptions, TableRowOptions, WorkbookOptions, WorkbookSession, ManagedSessionOptions } from './operations/workbook-types.js';
export type { DriveItemOperations, CopyRequest } from './operations/drive-item-copy.js';
export type { OperationSpec } from './operations/operation-spec.js';
export type { OperationHandle } from './operations/operation-handle.js';
export type {
  OperationEvent,
  OperationAccepted,
  OperationStatusChanged,
  OperationSucceeded,
} from './operations/operation-event.js';
export type { OperationOptions, StatusModel, OperationState } from './operations/runOperation.js';

// Operators
export { result } from './operators/result.js';
export { progress } from './operators/progress.js';
export { retryTransient } from './operators/retryTransient.js';
export type { RetryTransientConfig } from './operators/retryTransient.js';
export { pollOperationStatus } from './operators/pollOperationStatus.js';
export type { PollOperationStatusConfig, AcceptedOperation, PolledStatus } from './operators/pollOperationStatus.js';
export { throwOnOperationFailure } from './operators/throwOnOperationFailure.js';
export type { ThrowOnOperationFailureConfig } from './operators/throwOnOperationFailure.js';
export { resolveOperationResult } from './operators/resolveOperationResult.js';
export type { ResolveOperationResultConfig } from './operators/resolveOperationResult.js';
export { operationTimeout } from './operators/operationTimeout.js';
export type { OperationTimeoutConfig } from './operators/operationTimeout.js';

// Policies
export { DEFAULT_POLL_POLICY } from './policy/poll-policy.js';
export type { PollPolicy } from './policy/poll-policy.js';
export { DEFAULT_RETRY_POLICY } from './policy/retry-policy.js';
export { DEFAULT_OPERATION_TIMEOUTS } from './policy/operation-timeout.js';
export type { RetryPolicy } from './policy/retry-policy.js';

// Transport and auth
export { fetchTransport } from './http/fetchTransport.js';
export type { FetchLike } from './http/fetchTransport.js';
export type { HttpTransport, HttpRequest, HttpResponse, HttpMethod } from './http/transport.js';
export type { TokenSource, TokenRequest, TokenCredentialLike } from './auth/tokenSource.js';

// Payloads
export { WorkbookOperation, WorkbookOperationStatus } from './codecs/workbook-operation.js';
export { WorkbookOperationError } from './codecs/workbook-operation-error.js';
export { WorkbookSessionInfo } from './codecs/workbook-session-info.js';
export { GraphErrorBody, GraphErrorDetail } from './codecs/graph-error-body.js';
export { AsyncJobStatus, AsyncJobStatusValue } from './codecs/async-job-status.js';
export { WorkbookTableRow } from './codecs/workbook-table-row.js';
export { DriveItem } from './codecs/drive-item.js';

// Errors
export { GraphLroError } from './errors/graph-lro-error.js';
export type { RequestContext } from './errors/graph-lro-error.js';
export { GraphHttpError } from './errors/graph-http-error.js';
export { NetworkError } from './errors/network-error.js';
export { DecodeError } from './errors/decode-error.js';
export { ProtocolError } from './errors/protocol-error.js';
export { OperationFailedError } from './errors/operation-failed-error.js';
export { OperationTimeoutError } from './errors/operation-timeout-error.js';
export { AuthenticationError } from './errors/authentication-error.js';
export { SessionExpiredError } from './errors/session-expired-error.js';
export { SessionInvalidError } from './errors/session-invalid-error.js';
export { RequestTimeoutError } from './errors/request-timeout-error.js';
export { ResponseTooLargeError } from './errors/response-too-large-error.js';
