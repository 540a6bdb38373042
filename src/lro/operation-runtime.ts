import type { SchedulerLike } from 'rxjs';
import type { PollPolicy } from '../core/policy/poll-policy.js';
import type { RetryPolicy } from '../core/policy/retry-policy.js';
import type { SendRequest } from '../http/request-spec.js';
import type { OperationSignal } from '../http/operation-signal.js';
import type { Instrumentation } from './instrumentation.js';

/** What every operation runs on; built once per client. */
export interface OperationRuntime {
  readonly send: SendRequest;
  readonly scheduler: SchedulerLike;
  readonly apiRoot: string;
  readonly poll: PollPolicy;
  readonly retry: RetryPolicy;
  /** Whether the token may go to this URL's origin: what a status document from there may be believed about. */
  readonly isTrusted: (url: string) => boolean;
  /** The transport aborts through a signal (fetch): each operation's requests share one ({@link OperationSignal}). */
  readonly operationSignals?: boolean;
  /** Observers of operations (onEvent, OpenTelemetry); none means none of that code runs. */
  readonly instrumentation?: Instrumentation;
}
