import { Observable } from 'rxjs';
import type { HttpRequest, HttpResponse, HttpTransport } from './transport.js';
import { ProtocolError } from '../errors/protocol-error.js';
// cross-fetch in Node; dist/browser (the `browser` export condition) replaces this module with the browser's fetch.
import { defaultFetch } from './defaultFetch.js';

/**
 * Largest response body read, in bytes. Graph's status documents and results
 * are small; a larger body is refused with a `ProtocolError` rather than
 * held in memory.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

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
}>;

/**
 * The response headers the library reads. Copying only these (instead of
 * every header) is a measurable share of a poll's CPU with node-fetch,
 * whose `Headers.forEach` sorts and copies the whole list.
 */
export const RESPONSE_HEADERS: readonly string[] = ['location', 'retry-after', 'content-type', 'content-length'];

/**
 * A transport over `fetch`: one request per subscription, aborted through an
 * `AbortController` when unsubscribed before the body has been read. Its
 * responses carry the headers the library reads: `location`, `retry-after`,
 * `content-type` and `content-length`.
 * A rejection (no HTTP answer) errors with the fetch's own error; the
 * request executor turns it into a `NetworkError`.
 *
 * @param fetchImpl - the fetch to use. @defaultValue cross-fetch in Node, the browser's fetch in browser bundles
 * @param maxBodyBytes - largest body read; larger is a `ProtocolError`. @defaultValue 16 MiB
 * @example
 * ```ts
 * createGraphClient({ token, transport: fetchTransport(globalThis.fetch) });
 * ```
 * @public
 */
export function fetchTransport(fetchImpl: FetchLike = defaultFetch, maxBodyBytes = MAX_BODY_BYTES): HttpTransport {
  return (request: HttpRequest) =>
    new Observable<HttpResponse>((subscriber) => {
      const controller = new AbortController();
      let settled = false;
      const init = {
        method: request.method,
        headers: request.headers as Record<string, string>,
        signal: controller.signal,
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
          const tooLarge = () =>
            new ProtocolError({ method: request.method, url: request.url, status: response.status }, `the response body is larger than ${maxBodyBytes} bytes`);
          if (Number(headers['content-length'] ?? 0) > maxBodyBytes) {
            controller.abort();
            throw tooLarge();
          }
          const body = await response.text();
          // Characters, not bytes: a close enough bound for a body without Content-Length.
          if (body.length > maxBodyBytes) throw tooLarge();
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
        if (!settled) controller.abort();
      };
    });
}
