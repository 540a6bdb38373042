import type { Dispatcher } from 'undici';
import type { HttpTransport } from './transport.js';

/**
 * Options of {@link undiciTransport}.
 *
 * @example
 * ```ts
 * const transport = undiciTransport({ connections: 64, keepAliveTimeout: 30_000 });
 * ```
 * @public
 */
export interface UndiciTransportOptions {
  /**
   * Most connections kept open to one origin; past it, requests wait for a
   * free connection. Ignored (a `TypeError`) with `dispatcher`.
   * @defaultValue unlimited: a new connection whenever every open one is busy
   */
  readonly connections?: number;
  /**
   * How long an idle connection is kept for the next request, in
   * milliseconds: long enough to carry an operation's polls (the default
   * back-off waits at most 10 s) without a new TLS handshake each. A
   * server's own `Keep-Alive: timeout` is honoured when shorter. Ignored (a
   * `TypeError`) with `dispatcher`.
   * @defaultValue 30000
   */
  readonly keepAliveTimeout?: number;
  /**
   * Largest response body read, in bytes, counted as it arrives (after
   * decompression); larger is a `ResponseTooLargeError`.
   * @defaultValue 16 MiB (`MAX_BODY_BYTES`)
   */
  readonly maxBodyBytes?: number;
  /**
   * An undici dispatcher of your own (an `Agent`, a `Pool`, a `ProxyAgent`,
   * a `MockAgent`) instead of the transport's own keep-alive `Agent`. It
   * stays yours: `close()` does not close it.
   * @defaultValue a keep-alive `Agent` made at the first request
   */
  readonly dispatcher?: Dispatcher;
  /**
   * The clock a request's bound is read from, in milliseconds (a body that
   * trickles is checked against it at every chunk). Sockets run in real
   * time, so only tests replace it.
   * @defaultValue `performance.now`
   */
  readonly now?: () => number;
}

/**
 * The transport {@link undiciTransport} returns: an {@link HttpTransport}
 * that bounds its requests itself, and can close its connections.
 *
 * @public
 */
export interface UndiciTransport extends HttpTransport {
  /** Always true: each request is bounded by its `timeoutMs` in the transport (undici's own timeouts and a deadline checked per body chunk). */
  readonly boundsRequests: true;
  /**
   * Closes the transport's own `Agent` once the requests in flight have
   * ended; requests sent afterwards error. Idle connections do not keep
   * Node running, so a short script need not call it; a test that checks
   * for open handles, or a server shutting down, should.
   *
   * @example
   * ```ts
   * afterAll(() => transport.close());
   * ```
   */
  close(): Promise<void>;
}
