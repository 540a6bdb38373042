import type { Observable } from 'rxjs';
import type { HttpMethod, HttpResponse } from './transport.js';
import type { RequestTracer } from './request-trace.js';
import type { RetryPolicy } from '../core/policy/retry-policy.js';
import type { OperationSignal } from './operation-signal.js';

/**
 * One logical request, as the engine asks for it: before the token, the
 * redirects and the retries. The boundary between the engine (`lro/`) and
 * the request path (`http/`).
 */
export interface RequestSpec {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialized as JSON. */
  readonly body?: unknown;
  /** `token`: the bearer token goes along if the origin is trusted. `none`: never (drive monitors). */
  readonly auth: 'token' | 'none';
  /** Safe to repeat after a 504 or a network error (every GET; harmless POSTs). */
  readonly idempotent: boolean;
  /** Overrides of the client's retry policy for this request. */
  readonly retry?: RetryPolicy;
  /**
   * Statuses that, for this request, mean nothing was applied and it may be
   * sent again under the retry policy even when it is not idempotent (a
   * team created from a group Graph cannot see yet: 404; a locked file: 423).
   */
  readonly notApplied?: readonly number[];
  /** Told about each attempt (instrumentation); none unless configured. */
  readonly trace?: RequestTracer;
  /** How many Graph requests this one is, for the request budget (a `$batch` of n: n). @defaultValue 1 */
  readonly cost?: number;
  /** The operation's one abort signal, when the transport aborts through one (fetch): none otherwise. */
  readonly operationSignal?: OperationSignal;
}

/** Sends one logical request: a cold Observable of its one 2xx response, or a typed error. */
export type SendRequest = (spec: RequestSpec) => Observable<HttpResponse>;
