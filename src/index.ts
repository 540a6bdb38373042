// The public API of rx-graph-lro: what a user needs, nothing of the engine.

// Client
export { createGraphClient } from './client.js';
export type { GraphClient, GraphClientOptions } from './client.js';

// Any other operation, described by a spec
export type { OperationSpec } from './graph/custom-operation.js';
export type { Decoder, StandardSchemaV1, StandardSchemaV1Result } from './core/codecs/decoder.js';

// The engine's terms: options, status models, handles
export type { OperationOptions, StatusModel, OperationState, StatusWords } from './lro/operation-types.js';
export type { OperationHandle } from './lro/operation-handle.js';

// What operations emit, and how to consume it
export type { OperationEvent, OperationAccepted, OperationStatusChanged, OperationSucceeded } from './lro/operation-event.js';
export { result } from './lro/operators/result.js';
export { progress } from './lro/operators/progress.js';
export { operationSnapshots } from './lro/operators/operation-snapshots.js';
export type { OperationSnapshot, OperationRunning, OperationDone } from './lro/operators/operation-snapshots.js';
export { pollUntilDone } from './lro/poll-until-done.js';
export type { PollUntilDoneOptions } from './lro/poll-until-done.js';
export { toPromise } from './lro/to-promise.js';
export type { ToPromiseOptions } from './lro/to-promise.js';

// Policies
export { DEFAULT_POLL_POLICY } from './core/policy/poll-policy.js';
export { adaptivePolling } from './core/policy/poll-strategy.js';
export type { AdaptivePolling, AdaptivePollingOptions, AdaptivePollingState } from './core/policy/poll-strategy.js';
export type { PollPolicy, PollStrategy, PollPlan } from './core/policy/poll-policy.js';
export { DEFAULT_RETRY_POLICY } from './core/policy/retry-policy.js';
export type { RetryPolicy } from './core/policy/retry-policy.js';

// Request budget, batching and auth
export type { RequestBudgetOptions, RequestLimiter } from './http/request-budget.js';
export type { BatchOptions } from './http/interceptors/batch.js';
export type { TokenSource, TokenRequest, TokenCredentialLike } from './auth/token-source.js';

// Graph's error chains, as errors carry them
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
