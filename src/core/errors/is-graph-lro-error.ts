import { errorKinds, type GraphLroError } from './graph-lro-error.js';
import type { AuthenticationError } from './authentication-error.js';
import type { DecodeError } from './decode-error.js';
import type { GraphHttpError } from './graph-http-error.js';
import type { NetworkError } from './network-error.js';
import type { OperationCancelledError } from './operation-cancelled-error.js';
import type { OperationFailedError } from './operation-failed-error.js';
import type { OperationTimeoutError } from './operation-timeout-error.js';
import type { ProtocolError } from './protocol-error.js';
import type { RequestTimeoutError } from './request-timeout-error.js';
import type { ResponseTooLargeError } from './response-too-large-error.js';
import type { SessionExpiredError } from './session-expired-error.js';
import type { SessionInvalidError } from './session-invalid-error.js';

/**
 * Every rx-graph-lro error class, by its `name`.
 *
 * @public
 */
export interface GraphLroErrors {
  /** Any error of the library: the base class of all below. */
  GraphLroError: GraphLroError;
  /** A non-2xx answer, after the retries the policy allows. */
  GraphHttpError: GraphHttpError;
  /** No HTTP answer, after the retries (`RequestTimeoutError` included). */
  NetworkError: NetworkError;
  /** One request got no complete answer within `requestTimeoutMs`. */
  RequestTimeoutError: RequestTimeoutError;
  /** A body that is not JSON, or not the documented shape. */
  DecodeError: DecodeError;
  /** An answer that breaks the long-running operation protocol (`ResponseTooLargeError` included). */
  ProtocolError: ProtocolError;
  /** A body that grew past the size limit while it streamed. */
  ResponseTooLargeError: ResponseTooLargeError;
  /** The operation's status reached `failed`. */
  OperationFailedError: OperationFailedError;
  /** The operation's `timeoutMs` (or its kind's default bound) passed. */
  OperationTimeoutError: OperationTimeoutError;
  /** The operation was cancelled: its signal aborted, or its events ended early. */
  OperationCancelledError: OperationCancelledError;
  /** The token source failed, gave no usable token, or did not answer in time. */
  AuthenticationError: AuthenticationError;
  /** A managed workbook session expired. */
  SessionExpiredError: SessionExpiredError;
  /** A managed workbook session became unusable. */
  SessionInvalidError: SessionInvalidError;
}

/**
 * Whether `value` is an rx-graph-lro error (of the class `name`, or a
 * subclass of it, when given). Unlike `instanceof`, it works across the
 * package's ESM and CommonJS copies when both are loaded (the dual-package
 * hazard: an error thrown by one copy is not an instance of the other's class).
 *
 * @example
 * ```ts
 * catchError((e) => (isGraphLroError(e, 'GraphHttpError') && e.status === 404 ? of(undefined) : throwError(() => e)));
 * isGraphLroError(e, 'NetworkError'); // true for a RequestTimeoutError too: it is a NetworkError
 * ```
 * @public
 */
export function isGraphLroError(value: unknown): value is GraphLroError;
/**
 * Whether `value` is an rx-graph-lro error of the class `name` (or a subclass of it), narrowed to that class.
 *
 * @public
 */
export function isGraphLroError<K extends keyof GraphLroErrors>(value: unknown, name: K): value is GraphLroErrors[K];
export function isGraphLroError(value: unknown, name: keyof GraphLroErrors = 'GraphLroError'): boolean {
  return errorKinds(value)?.includes(name) ?? false;
}
