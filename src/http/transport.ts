import type { Observable } from 'rxjs';

/** HTTP methods the library sends. @public */
export type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT';

/**
 * One HTTP request as the transport sees it: the `Authorization` header is
 * already present or absent, decided by origin trust.
 *
 * @public
 */
export interface HttpRequest {
  /** The HTTP method. */
  readonly method: HttpMethod;
  /** Absolute URL. */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text, for POSTs that send a body. */
  readonly body?: string;
  /** `manual` when the library follows redirects itself (to decide the token per hop). @defaultValue 'follow' */
  readonly redirect?: 'follow' | 'manual';
  /**
   * True when this request must not carry a token: a monitor on another
   * host, a URL on an origin not trusted with the token. A transport whose
   * own layer attaches tokens (an Angular interceptor) must leave it bare.
   * @defaultValue false
   */
  readonly withoutToken?: boolean;
  /**
   * The bound on this request, in milliseconds, from the moment it is sent
   * to the last byte of its body. A transport that honours it (one whose
   * {@link HttpTransport.boundsRequests} is true) errors with a
   * `RequestTimeoutError` past it; other transports ignore it and the
   * request executor bounds the request with a timer of its own.
   * @defaultValue undefined (no bound from the transport)
   */
  readonly timeoutMs?: number;
  /**
   * The abort signal of the operation this request belongs to, given only
   * to a transport that says it uses one
   * ({@link HttpTransport.sharesOperationSignal}): fetch can send with it
   * instead of an `AbortController` of its own per request. The library
   * aborts it when it unsubscribes this request before its answer (the
   * operation was cancelled, the request timed out), and the operation's
   * next request gets a new one.
   * @defaultValue undefined
   */
  readonly signal?: AbortSignal;
}

/**
 * One HTTP response, body read to the end.
 *
 * @public
 */
export interface HttpResponse {
  /** The HTTP status code (any status is a response, not an error). */
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text ('' when empty). */
  readonly body: string;
  /**
   * What the transport itself made of this answer, when it treats a status
   * as a failure (Angular's `HttpErrorResponse`): a `GraphHttpError` built
   * from this response carries it as its `cause`. It must not hold a
   * credential (a token, a monitor URL's `tempauth`).
   * @defaultValue undefined
   */
  readonly cause?: unknown;
}

/**
 * Sends requests: a cold Observable per request that emits one response and
 * completes, and aborts the request when unsubscribed. Any status is a
 * response, not an error; only a failure to get an answer errors.
 *
 * The default is {@link undiciTransport} in Node (undici's dispatcher) and
 * {@link fetchTransport} over the browser's fetch in browser bundles;
 * `fetchTransport(fetch)` selects a fetch (cross-fetch, Node's own); tests
 * can give a function returning marble Observables to run the whole
 * pipeline in virtual time.
 *
 * @example
 * ```ts
 * const transport: HttpTransport = (req) => cold('--r|', { r: { status: 201, headers: {}, body: '{"id":"s","persistChanges":true}' } });
 * ```
 * @public
 */
export interface HttpTransport {
  /** One request: a cold Observable that sends it when subscribed, emits its response and completes. */
  (request: HttpRequest): Observable<HttpResponse>;
  /**
   * True when the transport itself bounds each request by its
   * {@link HttpRequest.timeoutMs} (from send to the last body byte) and
   * errors with a `RequestTimeoutError` past it, so that the request
   * executor need not keep a timer of its own per request.
   * @defaultValue undefined (the executor bounds every request)
   */
  readonly boundsRequests?: boolean;
  /**
   * True when the transport aborts a request through a signal (fetch) and
   * sends with {@link HttpRequest.signal} when it is given one: the library
   * then gives the requests of each operation one shared signal (one
   * `AbortController` per operation rather than per request), and aborts a
   * request through it when it unsubscribes that request early.
   * @defaultValue undefined (every request is aborted by unsubscribing it)
   */
  readonly sharesOperationSignal?: boolean;
}

/** The slice of WHATWG `fetch` the library uses. @public */
export type FetchLike = (
  input: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
    redirect: 'follow' | 'manual';
  },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /**
   * The body as a stream, read chunk by chunk so its size is counted as it
   * arrives: a WHATWG `ReadableStream` (browsers, Node's fetch) or a Node
   * stream (node-fetch, cross-fetch in Node). Without it, `text()` is read.
   */
  readonly body?: unknown;
}>;
