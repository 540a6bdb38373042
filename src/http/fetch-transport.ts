import { Observable } from 'rxjs';
import type { FetchLike, HttpRequest, HttpResponse, HttpTransport } from './transport.js';
import { ResponseTooLargeError } from '../core/errors/response-too-large-error.js';
import { decodeUtf8, MAX_BODY_BYTES, RESPONSE_HEADERS } from './response-body.js';
import { readBodyChunks } from './body-stream.js';
export { MAX_BODY_BYTES, RESPONSE_HEADERS } from './response-body.js';
export type { FetchLike } from './transport.js';
// cross-fetch in Node; dist/browser (the `browser` export condition) replaces this module with the browser's fetch.
import { DEFAULT_FETCH_RELEASES_SIGNALS, defaultFetch } from './default-fetch.js';

/**
 * A transport over `fetch`: one request per subscription, aborted through an
 * `AbortController` when unsubscribed before the body has been read. Over
 * cross-fetch in Node (the default fetch), an operation's requests share one
 * (`sharesOperationSignal`: the library gives each request its operation's
 * signal, and aborts a request through it); Node's own fetch and browsers'
 * keep every request's abort listener on a signal until the request is
 * collected, so there each request has its own. Its
 * responses carry the headers the library reads: `location`,
 * `operation-location`, `retry-after`, `content-length` and `content-encoding`. The body is read as a stream and its
 * bytes counted as they arrive: past `maxBodyBytes` the request is aborted
 * and the response is a `ResponseTooLargeError`, whether or not the server
 * sent a `Content-Length`. (A body that trickles forever is bounded by the
 * client's `requestTimeoutMs`.)
 * A rejection (no HTTP answer) errors with the fetch's own error; the
 * request executor turns it into a `NetworkError`.
 *
 * @param fetchImpl - the fetch to use. @defaultValue cross-fetch in Node, the browser's fetch in browser bundles
 * @param maxBodyBytes - largest body read; larger is a `ResponseTooLargeError`. @defaultValue 16 MiB
 * @example
 * ```ts
 * createGraphClient({ token, transport: fetchTransport(globalThis.fetch) });
 * ```
 * @public
 */
export function fetchTransport(fetchImpl: FetchLike = defaultFetch, maxBodyBytes = MAX_BODY_BYTES): HttpTransport {
  const transport = (request: HttpRequest) =>
    new Observable<HttpResponse>((subscriber) => {
      // The operation's signal when the library gives one (it aborts through it); else one of this request's own.
      const controller = request.signal ? undefined : new AbortController();
      let settled = false;
      const init = {
        method: request.method,
        headers: request.headers as Record<string, string>,
        signal: request.signal ?? controller!.signal,
        redirect: request.redirect ?? 'follow',
        ...(request.body !== undefined ? { body: request.body } : {}),
      } as const;
      fetchImpl(request.url, init)
        .then(async (response) => {
          const headers: Record<string, string> = {};
          for (const name of RESPONSE_HEADERS) {
            const value = response.headers.get(name);
            if (value !== null) headers[name] = value;
          }
          // Settled before aborting: the abort makes the stream error, and that error must not win.
          const tooLarge = () => {
            const error = new ResponseTooLargeError({ method: request.method, url: request.url, status: response.status }, { limitBytes: maxBodyBytes });
            settled = true;
            if (!subscriber.closed) subscriber.error(error);
            // The rest of the body is not read: the request is aborted (on the operation's signal, the library aborts it).
            controller?.abort();
            return error;
          };
          const declared = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
          if (declared !== undefined && declared > maxBodyBytes) throw tooLarge();
          // A declared length within the limit, on a body that is not compressed, is
          // enforced by the HTTP parser itself: the whole body can be read at once,
          // which costs far less than counting chunks. Anything else (chunked, or a
          // compressed body that could inflate past the limit) is counted as it streams.
          const bounded = declared !== undefined && Number.isFinite(declared) && !headers['content-encoding'];
          const body = bounded ? await response.text() : await readBody(response, maxBodyBytes, tooLarge);
          settled = true;
          subscriber.next({ status: response.status, headers, body });
          subscriber.complete();
        })
        .catch((error: unknown) => {
          settled = true;
          // After unsubscribe the rejection is our own abort: nobody listens.
          if (!subscriber.closed) subscriber.error(error);
        });
      return () => {
        // On the operation's signal, the library aborts it.
        if (!settled) controller?.abort();
      };
    });
  // Only over cross-fetch in Node, which lets go of a request's listener when it ends (see DEFAULT_FETCH_RELEASES_SIGNALS).
  return fetchImpl === defaultFetch && DEFAULT_FETCH_RELEASES_SIGNALS ? Object.assign(transport, { sharesOperationSignal: true as const }) : transport;
}

/**
 * The body as text, counting bytes as they arrive and failing with
 * `tooLarge()` the moment they pass `maxBytes`, so a body without
 * `Content-Length` is never buffered past the limit.
 */
async function readBody(response: Awaited<ReturnType<FetchLike>>, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const read = await readBodyChunks(response.body, maxBytes, tooLarge);
  if (read) return decodeUtf8(read.chunks, read.bytes);
  const text = await response.text();
  // No stream to count: characters are a lower bound on bytes.
  if (text.length > maxBytes) throw tooLarge();
  return text;
}
