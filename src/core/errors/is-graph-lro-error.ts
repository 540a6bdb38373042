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
  GraphLroError: GraphLroError;
  GraphHttpError: GraphHttpError;
  NetworkError: NetworkError;
  RequestTimeoutError: RequestTimeoutError;
  DecodeError: DecodeError;
  ProtocolError: ProtocolError;
  ResponseTooLargeError: ResponseTooLargeError;
  OperationFailedError: OperationFailedError;
  OperationTimeoutError: OperationTimeoutError;
  OperationCancelledError: OperationCancelledError;
  AuthenticationError: AuthenticationError;
  SessionExpiredError: SessionExpiredError;
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
/** @public */
export function isGraphLroError<K extends keyof GraphLroErrors>(value: unknown, name: K): value is GraphLroErrors[K];
export function isGraphLroError(value: unknown, name: keyof GraphLroErrors = 'GraphLroError'): boolean {
  return errorKinds(value)?.includes(name) ?? false;
}
