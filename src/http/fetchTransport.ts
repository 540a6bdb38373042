import { Observable } from 'rxjs';
import crossFetch from 'cross-fetch';
import type { HttpRequest, HttpResponse, HttpTransport } from './transport.js';

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
  headers: { forEach(callback: (value: string, key: string) => void): void };
  text(): Promise<string>;
}>;

/**
 * A transport over `fetch`: one request per subscription, aborted through an
 * `AbortController` when unsubscribed before the body has been read.
 * A rejection (no HTTP answer) errors with the fetch's own error; the
 * request executor turns it into a `NetworkError`.
 *
 * @param fetchImpl - the fetch to use. @defaultValue cross-fetch
 * @example
 * ```ts
 * createGraphClient({ token, transport: fetchTransport(globalThis.fetch) });
 * ```
 * @public
 */
export function fetchTransport(fetchImpl: FetchLike = crossFetch as unknown as FetchLike): HttpTransport {
  return (request: HttpRequest) =>
    new Observable<HttpResponse>((subscriber) => {
      const controller = new AbortController();
      let settled = false;
      const init = {
        method: request.method,
        headers: { ...request.headers },
        signal: controller.signal,
        redirect: request.redirect ?? 'follow',
        ...(request.body !== undefined ? { body: request.body } : {}),
      } as const;
      fetchImpl(request.url, init)
        .then(async (response) => {
          const body = await response.text();
          const headers: Record<string, string> = {};
          response.headers.forEach((value, key) => {
            headers[key.toLowerCase()] = value;
          });
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
