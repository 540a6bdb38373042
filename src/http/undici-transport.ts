import { Observable, type Subscriber, type Unsubscribable } from 'rxjs';
import { AsyncResource } from 'node:async_hooks';
import { constants as zlibConstants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Dispatcher } from 'undici';
import type { HttpMethod, HttpRequest, HttpResponse } from './transport.js';
import type { UndiciTransport, UndiciTransportOptions } from './undici-options.js';
import { decodeUtf8, MAX_BODY_BYTES, RESPONSE_HEADERS } from './response-body.js';
import { refusalReason } from '../core/url/origins.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import { RequestTimeoutError } from '../core/errors/request-timeout-error.js';
import { ResponseTooLargeError } from '../core/errors/response-too-large-error.js';
export type { UndiciTransport, UndiciTransportOptions } from './undici-options.js';

// This module is Node's only: dist/browser replaces it with
// undici-transport.browser.ts (scripts/build.mjs), so browser bundles never
// see undici or node:zlib.

/** undici 7, the version this transport is written for, runs on Node 20.18.1 and later (it needs the global `File`). */
const NODE_FLOOR = [20, 18, 1] as const;

/** Redirects followed for a token-less request (`redirect: 'follow'`), as the request executor follows token-bearing ones. */
const MAX_REDIRECTS = 5;

/** {@link UndiciTransportOptions.keepAliveTimeout}'s default. */
const KEEP_ALIVE_MS = 30_000;

/** undici's timeouts take a 32-bit millisecond count; 0 would mean none. */
const MAX_TIMEOUT_MS = 2_147_483_647;

type UndiciModule = typeof import('undici');
type Decoder = ReturnType<typeof createGunzip>;

// undici is loaded on first use, not imported: importing it throws on Node
// before 20.18.1 (which this package still supports, with fetch), and the
// core entry should not pay for loading it unless it is used.
let undiciModule: UndiciModule | undefined;
let loadingUndici: Promise<UndiciModule> | undefined;
function loadUndici(): Promise<UndiciModule> {
  return (loadingUndici ??= import('undici').then((loaded) => {
    // Node's ESM loader may expose a CommonJS package's exports as `default` only.
    const module = ((loaded as { Agent?: unknown }).Agent ? loaded : (loaded as unknown as { default: UndiciModule }).default) as UndiciModule;
    undiciModule = module;
    return module;
  }));
}

/**
 * A transport over undici's dispatcher (Node's own HTTP client library), not
 * fetch: one keep-alive `Agent` per transport, each request sent with
 * `dispatch()` and read in its callbacks, with no `AbortController`, no
 * stream and no timer of its own per request.
 *
 * - **Cancellation.** Unsubscribing aborts the request through the handle
 *   undici gives each request; nothing is emitted afterwards. A
 *   {@link HttpRequest.signal} aborts it too.
 * - **Bound.** A request's {@link HttpRequest.timeoutMs} goes to undici's
 *   `headersTimeout` (from the request written to the headers) and
 *   `bodyTimeout` (the longest wait between body chunks), and every chunk is
 *   checked against the deadline, so a body that trickles is cut too: past
 *   it, a `RequestTimeoutError`. A request whose body stops arriving is cut
 *   by `bodyTimeout`, so at the latest twice `timeoutMs` after it was sent
 *   (plus connecting, which the agent bounds at 10 s). undici's timeouts
 *   tick every half second, so they fire up to about a second late: a bound
 *   for seconds, not milliseconds. Hence `boundsRequests: true`.
 * - **Body size.** Bytes are counted as they arrive, after decompression;
 *   past `maxBodyBytes` (or a `Content-Length` above it) the request is
 *   aborted: `ResponseTooLargeError`. The body is decoded as UTF-8 once.
 * - **Compression.** It asks for `accept-encoding: identity` unless the
 *   request names an encoding itself: the library's bodies are small JSON
 *   documents, where inflating costs more CPU than it saves in bytes. A body
 *   that comes compressed all the same (gzip, deflate, br) is inflated as it
 *   streams, its inflated bytes counted against the limit.
 * - **Redirects.** `redirect: 'manual'` returns the 3xx as the response (the
 *   request executor follows token-bearing requests hop by hop). `follow`
 *   (token-less requests) follows at most 5 hops here, only to `https` (or
 *   plain `http` on loopback), turning 303 (and 301/302 after a POST) into a
 *   GET without a body; it never adds an `Authorization` header, and drops
 *   any on a hop to another origin.
 * - **Headers.** Only those the library reads (`location`,
 *   `operation-location`, `retry-after`, `content-length`,
 *   `content-encoding`), lower-case.
 * - **Failures.** No answer errors with undici's own error (the executor
 *   makes it a `NetworkError`).
 *
 * Node only (20.18.1 and later, as undici 7): elsewhere it throws at once,
 * and browser bundles get a stub that says so; use {@link fetchTransport}
 * there. Idle connections do not keep Node running; `close()` ends them.
 *
 * @param options - connections, keep-alive, body limit, or a dispatcher of your own
 * @example
 * ```ts
 * const transport = undiciTransport();
 * const graph = createGraphClient({ token, transport });
 * // …
 * await transport.close();
 * ```
 * @public
 */
export function undiciTransport(options: UndiciTransportOptions = {}): UndiciTransport {
  const settings = checkedSettings(options);
  const holder = new AgentHolder(options);
  const transport = (request: HttpRequest) =>
    new Observable<HttpResponse>((subscriber) => {
      const exchange = new Exchange(request, subscriber, settings);
      const dispatcher = holder.ready();
      if (dispatcher) exchange.send(dispatcher);
      else
        holder.whenReady().then(
          (loaded) => exchange.send(loaded),
          (error: unknown) => exchange.fail(error),
        );
      return exchange;
    });
  return Object.assign(transport, { boundsRequests: true as const, close: () => holder.close() });
}

interface Settings {
  readonly maxBodyBytes: number;
  readonly now: () => number;
}

function checkedSettings(options: UndiciTransportOptions): Settings {
  if (options === null || typeof options !== 'object') throw new TypeError('undiciTransport: options must be an object');
  const [major = 0, minor = 0, patch = 0] = (globalThis.process?.versions?.node ?? '0').split('.').map(Number);
  const [floorMajor, floorMinor, floorPatch] = NODE_FLOOR;
  if (major < floorMajor || (major === floorMajor && (minor < floorMinor || (minor === floorMinor && patch < floorPatch)))) {
    throw new Error(`undiciTransport needs Node ${NODE_FLOOR.join('.')} or later (undici 7), not ${globalThis.process?.version ?? 'this runtime'}: use fetchTransport() here`);
  }
  const { connections, keepAliveTimeout, maxBodyBytes = MAX_BODY_BYTES, dispatcher, now } = options;
  if (dispatcher !== undefined && (typeof dispatcher !== 'object' || dispatcher === null || typeof dispatcher.dispatch !== 'function')) {
    throw new TypeError('undiciTransport: dispatcher must be an undici Dispatcher (an Agent, a Pool, …)');
  }
  if (dispatcher !== undefined && (connections !== undefined || keepAliveTimeout !== undefined)) {
    throw new TypeError('undiciTransport: connections and keepAliveTimeout configure the transport’s own Agent: set them on your dispatcher instead');
  }
  if (connections !== undefined && !(Number.isInteger(connections) && connections > 0)) {
    throw new RangeError(`undiciTransport: connections must be a positive integer, not ${String(connections)}`);
  }
  if (keepAliveTimeout !== undefined && !(Number.isFinite(keepAliveTimeout) && keepAliveTimeout > 0)) {
    throw new RangeError(`undiciTransport: keepAliveTimeout must be a positive number of milliseconds, not ${String(keepAliveTimeout)}`);
  }
  if (!(Number.isFinite(maxBodyBytes) && maxBodyBytes > 0)) {
    throw new RangeError(`undiciTransport: maxBodyBytes must be a positive number of bytes, not ${String(maxBodyBytes)}`);
  }
  if (now !== undefined && typeof now !== 'function') throw new TypeError('undiciTransport: now must be a function returning milliseconds');
  return { maxBodyBytes, now: now ?? (() => performance.now()) };
}

/** The dispatcher, made at the first request: the caller's, or a keep-alive `Agent` of the transport's own. */
class AgentHolder {
  private dispatcher: Dispatcher | undefined;
  private readonly own: boolean;
  private closed = false;

  constructor(private readonly options: UndiciTransportOptions) {
    this.dispatcher = options.dispatcher;
    this.own = options.dispatcher === undefined;
    // Loading starts now, so that the first request rarely waits for it.
    if (this.own && !undiciModule) loadUndici().catch(() => undefined);
  }

  /** The dispatcher when it can be had without waiting. */
  ready(): Dispatcher | undefined {
    if (this.closed) return undefined;
    if (!this.dispatcher && undiciModule) this.dispatcher = this.makeAgent(undiciModule);
    return this.dispatcher;
  }

  whenReady(): Promise<Dispatcher> {
    if (this.closed) return Promise.reject(new Error('undiciTransport: the transport was closed'));
    return loadUndici().then(() => this.ready() ?? Promise.reject(new Error('undiciTransport: the transport was closed')));
  }

  close(): Promise<void> {
    this.closed = true;
    const { dispatcher } = this;
    if (!this.own || !dispatcher) return Promise.resolve();
    return dispatcher.close();
  }

  private makeAgent(undici: UndiciModule): Dispatcher {
    const { connections, keepAliveTimeout = KEEP_ALIVE_MS } = this.options;
    return new undici.Agent({
      keepAliveTimeout,
      // A server's Keep-Alive hint is honoured up to this: never longer than asked for.
      keepAliveMaxTimeout: keepAliveTimeout,
      ...(connections !== undefined ? { connections } : {}),
    });
  }
}

/** The error handed to undici when this side aborts (never emitted: the subscriber is told its own reason, or nothing). */
const ABORTED = new Error('the request was aborted by rx-graph-lro');

/**
 * One request, from send to the last body byte, redirect hops included: the
 * Observable's teardown and undici's handler in one object, so a request
 * allocates no closures.
 */
class Exchange implements Dispatcher.DispatchHandler, Unsubscribable {
  private readonly startedAt: number;
  private method: HttpMethod;
  private url: string;
  private headers: Readonly<Record<string, string>>;
  private body: string | undefined;
  private hops = 0;
  private dispatcher: Dispatcher | undefined;
  /** Settled: emitted, failed or unsubscribed. Nothing is emitted after. */
  private done = false;
  private controller: Dispatcher.DispatchController | undefined;
  private status = 0;
  private responseHeaders: Record<string, string> | undefined;
  /** Set while the answer is a redirect this exchange follows: its body is read and dropped. */
  private redirectTo: string | undefined;
  private chunks: Uint8Array[] = [];
  private bytes = 0;
  private decoder: Decoder | undefined;
  /** `deflate` names either zlib's format or raw deflate: told apart at the first byte, as browsers do. */
  private deflatePending = false;

  /**
   * The subscriber's asynchronous context: undici calls back in the context
   * of whoever opened the connection (another caller's, on a kept-alive
   * socket), so the answer is told in this one, as fetch's promises would.
   * An `AsyncResource` is the cheapest capture (about 0.06 µs).
   */
  private readonly caller = new AsyncResource('rx-graph-lro.undici');

  constructor(
    private readonly request: HttpRequest,
    private readonly subscriber: Subscriber<HttpResponse>,
    private readonly settings: Settings,
  ) {
    this.startedAt = settings.now();
    this.method = request.method;
    this.url = request.url;
    this.headers = request.headers['accept-encoding'] === undefined ? { ...request.headers, 'accept-encoding': 'identity' } : request.headers;
    this.body = request.body;
  }

  send(dispatcher: Dispatcher): void {
    if (this.done) return;
    // Every redirect hop goes through the same dispatcher.
    this.dispatcher = dispatcher;
    const { signal, timeoutMs } = this.request;
    if (signal && this.hops === 0) {
      if (signal.aborted) return this.onSignal();
      signal.addEventListener('abort', this);
    }
    let target: { origin: string; path: string };
    try {
      target = splitUrl(this.url);
    } catch (error) {
      return this.fail(error);
    }
    const bound = timeoutMs === undefined ? undefined : Math.min(MAX_TIMEOUT_MS, Math.max(1, Math.ceil(timeoutMs - (this.settings.now() - this.startedAt))));
    try {
      dispatcher.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: this.method,
          headers: this.headers,
          ...(this.body !== undefined ? { body: this.body } : {}),
          ...(bound !== undefined ? { headersTimeout: bound, bodyTimeout: bound } : {}),
        },
        this,
      );
    } catch (error) {
      // undici refuses some requests at once (a header value it will not send, a closed agent).
      this.fail(error);
    }
  }

  // ---- undici's handler ----

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Unsubscribed while connecting: the request is dropped before it is written.
    if (this.done) return controller.abort(ABORTED);
    this.controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: Record<string, string | string[] | undefined>): void {
    if (this.done || status < 200) return;
    if (this.pastDeadline()) return;
    this.status = status;
    const location = headers['location'];
    if (this.request.redirect !== 'manual' && isRedirect(status) && location !== undefined) {
      this.redirectTo = typeof location === 'string' ? location : location.join(', ');
      return;
    }
    const picked: Record<string, string> = {};
    for (const name of RESPONSE_HEADERS) {
      const value = headers[name];
      if (value !== undefined) picked[name] = typeof value === 'string' ? value : value.join(', ');
    }
    this.responseHeaders = picked;
    const declared = picked['content-length'];
    if (declared !== undefined && Number(declared) > this.settings.maxBodyBytes) return this.tooLarge();
    const coding = picked['content-encoding']?.trim().toLowerCase();
    if (coding && coding !== 'identity') this.startDecoding(coding);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.done) return;
    if (this.pastDeadline()) return;
    // Counted as it arrives, compressed or not: a compressed body never holds more than the limit either.
    this.bytes += chunk.byteLength;
    if (this.bytes > this.settings.maxBodyBytes) return this.tooLarge();
    // A followed redirect's body is dropped (counted all the same, so an endless one is cut).
    if (this.redirectTo !== undefined) return;
    if (this.deflatePending) this.startDeflate(chunk);
    if (this.decoder) {
      this.decoder.write(chunk);
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.done) return;
    this.controller = undefined;
    if (this.redirectTo !== undefined) return this.follow(this.redirectTo);
    if (this.deflatePending) this.startDeflate(undefined);
    if (this.decoder) {
      this.decoder.end();
      return;
    }
    this.emit(decodeUtf8(this.chunks, this.bytes));
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.done) return;
    const code = (error as { code?: unknown }).code;
    if (this.request.timeoutMs !== undefined && (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')) return this.timedOut();
    this.fail(error);
  }

  // ---- the request's signal (an EventListener object, so listening allocates nothing) ----

  handleEvent(): void {
    this.onSignal();
  }

  private onSignal(): void {
    if (this.done) return;
    const reason: unknown = this.request.signal?.reason;
    this.abort();
    this.caller.runInAsyncScope(this.subscriber.error, this.subscriber, reason ?? new Error('the request was aborted'));
  }

  // ---- teardown ----

  unsubscribe(): void {
    if (this.done) return;
    this.abort();
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.abort();
    this.caller.runInAsyncScope(this.subscriber.error, this.subscriber, error);
  }

  /** Settles without a word: the socket is cut if the request is on one, a decoder is dropped, the signal forgotten. */
  private abort(): void {
    this.done = true;
    this.request.signal?.removeEventListener('abort', this);
    this.decoder?.destroy();
    this.decoder = undefined;
    const { controller } = this;
    this.controller = undefined;
    controller?.abort(ABORTED);
  }

  private emit(body: string): void {
    this.done = true;
    this.request.signal?.removeEventListener('abort', this);
    this.caller.runInAsyncScope(this.answer, this, body);
  }

  private answer(body: string): void {
    this.subscriber.next({ status: this.status, headers: this.responseHeaders ?? {}, body });
    this.subscriber.complete();
  }

  private pastDeadline(): boolean {
    const { timeoutMs } = this.request;
    if (timeoutMs === undefined || this.settings.now() - this.startedAt <= timeoutMs) return false;
    this.timedOut();
    return true;
  }

  private timedOut(): void {
    this.fail(new RequestTimeoutError({ method: this.request.method, url: this.request.url }, { timeoutMs: this.request.timeoutMs ?? 0 }));
  }

  private tooLarge(): void {
    this.fail(new ResponseTooLargeError({ method: this.method, url: this.url, status: this.status }, { limitBytes: this.settings.maxBodyBytes }));
  }

  // ---- compressed bodies ----

  private startDecoding(coding: string): void {
    if (coding === 'gzip' || coding === 'x-gzip') this.useDecoder(createGunzip(LENIENT));
    else if (coding === 'br') this.useDecoder(createBrotliDecompress());
    else if (coding === 'deflate') this.deflatePending = true;
    // Any other coding is passed through as it came, as fetch does.
  }

  private startDeflate(first: Uint8Array | undefined): void {
    this.deflatePending = false;
    // zlib's format starts with a CMF byte whose low nibble is 8 (deflate); anything else is raw deflate.
    this.useDecoder(first === undefined || (first[0]! & 0x0f) === 0x08 ? createInflate(LENIENT) : createInflateRaw(LENIENT));
  }

  private useDecoder(decoder: Decoder): void {
    this.decoder = decoder;
    let inflated = 0;
    decoder.on('data', (chunk: Buffer) => {
      if (this.done) return;
      inflated += chunk.byteLength;
      if (inflated > this.settings.maxBodyBytes) return this.tooLarge();
      this.chunks.push(chunk);
    });
    decoder.on('error', (error: Error) => this.fail(error));
    decoder.on('end', () => {
      if (this.done) return;
      this.decoder = undefined;
      this.emit(decodeUtf8(this.chunks, inflated));
    });
  }

  // ---- redirects (token-less requests only) ----

  private follow(location: string): void {
    const context = { method: this.method, url: this.url, status: this.status };
    if (this.hops >= MAX_REDIRECTS) return this.fail(new ProtocolError(context, { reason: 'too many redirects' }));
    let next: URL;
    try {
      next = new URL(location, this.url);
    } catch {
      return this.fail(new ProtocolError(context, { reason: 'a redirect to something that is not a URL' }));
    }
    const refusal = refusalReason(next);
    if (refusal) return this.fail(new ProtocolError(context, { reason: refusal }));
    const crossOrigin = next.origin !== new URL(this.url).origin;
    // 303, and 301/302 after a POST, turn into a GET without the body (as browsers do).
    const toGet = this.status === 303 || (this.method === 'POST' && this.status < 303);
    if (crossOrigin || toGet) {
      const headers: Record<string, string> = {};
      for (const name in this.headers) {
        if (crossOrigin && name === 'authorization') continue;
        if (toGet && name === 'content-type') continue;
        headers[name] = this.headers[name]!;
      }
      this.headers = headers;
    }
    if (toGet) {
      this.method = 'GET';
      this.body = undefined;
    }
    this.url = next.href;
    this.hops++;
    this.redirectTo = undefined;
    this.status = 0;
    this.bytes = 0;
    this.send(this.dispatcher!);
  }
}

/** As browsers inflate: a body cut short after its last complete block still yields what arrived. */
const LENIENT = { flush: zlibConstants.Z_SYNC_FLUSH, finishFlush: zlibConstants.Z_SYNC_FLUSH };

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * An absolute URL as undici's `origin` and `path`. Graph's URLs are plain
 * ASCII with a path: those are cut where the path starts, without parsing;
 * anything else (no path, a fragment, credentials, characters to escape)
 * goes through `URL`, which escapes as fetch would.
 */
export function splitUrl(url: string): { origin: string; path: string } {
  const plain = PLAIN_URL.exec(url);
  if (plain) return { origin: plain[1]!, path: plain[2]! };
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

/** `http(s)://host[:port]/path?query`, printable ASCII, no credentials, no fragment. */
const PLAIN_URL = /^(https?:\/\/[\w.\-:[\]]+)(\/[\x21\x22\x24-\x7e]*)$/;
