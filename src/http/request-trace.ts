/**
 * What an observer of the library is told about one HTTP request attempt.
 * URLs never carry their query string or fragment (a copy monitor's
 * `tempAuth` lives there), and nothing carries a header, a token or a
 * session id.
 *
 * @public
 */
export interface RequestAttemptInfo {
  /** The HTTP method. */
  readonly method: string;
  /** The URL without query string or fragment. */
  readonly url: string;
  /** 0 for the first attempt, 1 for the first retry, … */
  readonly attempt: number;
}

/**
 * How an attempt ended: an HTTP status, or an error (typed name and code).
 *
 * @public
 */
export interface RequestAttemptOutcome {
  /** The HTTP status, when an answer arrived. */
  readonly status?: number;
  /** The error's name (`GraphHttpError`, `NetworkError`, …), when it failed. */
  readonly error?: string;
  /** Graph's error code, when there was one. */
  readonly code?: string;
  /** The wait before the next attempt, when it is retried. */
  readonly retryInMs?: number;
  /** The server's `Retry-After`, in ms, when it sent one. */
  readonly retryAfterMs?: number;
}

/** One attempt being observed. @public */
export interface AttemptTrace {
  /** The attempt ended (answered, failed, or was cancelled: `cancelled` is true). */
  end(outcome: RequestAttemptOutcome & { readonly cancelled?: boolean }): void;
}

/** What the request executor reports each attempt to (an operation's trace). @public */
export interface RequestTracer {
  attempt(info: RequestAttemptInfo): AttemptTrace;
}

/** A URL as it may be shown: no query string (a monitor's `tempAuth`), no fragment. */
export function redactUrl(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}
