import { Observable, throwError, timeout, type SchedulerLike } from 'rxjs';
import { GraphHttpError } from '../core/errors/graph-http-error.js';
import { NetworkError } from '../core/errors/network-error.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import { RequestTimeoutError } from '../core/errors/request-timeout-error.js';
import { ResponseTooLargeError } from '../core/errors/response-too-large-error.js';
import { retryDelay, type RetryPolicy } from '../core/policy/retry-policy.js';
import { parseRetryAfter } from '../core/policy/retry-after.js';
import { redactedCause } from '../core/errors/redaction.js';
import { retryer } from '../rx/retryer.js';
import { joinChunks, readBodyChunks } from './body-stream.js';
import type { FetchLike } from './transport.js';

/** One file to download: where from, and its bounds. */
export interface FileDownload {
  /** The absolute URL, already checked (`https`, or `http` on loopback). */
  readonly url: string;
  /** Largest file read, in bytes. */
  readonly maxBytes: number;
  /** Bound on each attempt, from sending to the last byte. */
  readonly timeoutMs: number;
}

/** What a download runs with: the client's fetch, scheduler and retry policy. */
export interface DownloadRuntime {
  readonly fetch: FetchLike;
  readonly scheduler: SchedulerLike;
  readonly retry: RetryPolicy;
}

/** A fetch response that may also give its body whole as bytes. */
type FetchResponse = Awaited<ReturnType<FetchLike>> & { arrayBuffer?(): Promise<ArrayBuffer> };

/**
 * A file's bytes, as a cold Observable: a `GET` with no `Authorization`
 * header and no cookie (the URL carries its own signature, a SAS URL on
 * blob storage), retried as any `GET` is (429, 503, 504, a failed
 * connection), each attempt bounded by `timeoutMs` on the scheduler.
 * Unsubscribing aborts the request in flight. A redirect is not followed:
 * it would take the signature to another host.
 *
 * Errors name the URL without its query, which holds the signature.
 */
export function downloadBytes(runtime: DownloadRuntime, file: FileDownload): Observable<Uint8Array> {
  const context = { method: 'GET', url: withoutQuery(file.url) };
  // A fetch's own failure may quote the whole URL (cross-fetch's does: "request to https://…&sig=… failed"): it is kept as a cause without the query.
  const secrets = signatureSecrets(file.url);
  const attempt = () =>
    new Observable<Uint8Array>((subscriber) => {
      const controller = new AbortController();
      let settled = false;
      // Kept, so that the abort that follows it (the stream then errors too) cannot be what is reported.
      let tooLargeError: ResponseTooLargeError | undefined;
      const tooLarge = (status: number) => (tooLargeError ??= new ResponseTooLargeError({ ...context, status }, { limitBytes: file.maxBytes }));
      // A fetch that throws instead of rejecting fails the attempt as one that rejects does.
      new Promise<Awaited<ReturnType<FetchLike>>>((resolve) => resolve(runtime.fetch(file.url, { method: 'GET', headers: {}, signal: controller.signal, redirect: 'manual' })))
        .then(
          async (answer) => {
            const response = answer as FetchResponse;
            const status = response.status;
            if (status < 200 || status > 299) {
              const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), runtime.scheduler.now());
              throw (status >= 300 && status < 400) || status === 0
                ? new ProtocolError({ ...context, status }, { reason: 'the download answered with a redirect, which is not followed: it would take the URL\'s signature to another host' })
                : new GraphHttpError({ ...context, status }, retryAfterMs === undefined ? {} : { retryAfterMs });
            }
            const declared = Number(response.headers.get('content-length') ?? NaN);
            if (declared > file.maxBytes) throw tooLarge(status);
            const read = readBodyChunks(response.body, file.maxBytes, () => tooLarge(status));
            if (read) return joinChunks(await read);
            if (typeof response.arrayBuffer !== 'function') throw new ProtocolError(context, { reason: 'the fetch gives the body neither as a stream nor as an ArrayBuffer' });
            const bytes = new Uint8Array(await response.arrayBuffer());
            if (bytes.byteLength > file.maxBytes) throw tooLarge(status);
            return bytes;
          },
        )
        .then(
          (bytes) => {
            settled = true;
            subscriber.next(bytes);
            subscriber.complete();
          },
          (error: unknown) => {
            settled = true;
            // The rest of a body not read (too large, an error status) is not downloaded.
            controller.abort();
            if (subscriber.closed) return; // our own abort, after unsubscribe
            const failure = tooLargeError ?? error;
            subscriber.error(failure instanceof ProtocolError || failure instanceof GraphHttpError ? failure : new NetworkError(context, { cause: redactedCause(failure, secrets) }));
          },
        );
      return () => {
        if (!settled) controller.abort();
      };
    }).pipe(timeout({ first: file.timeoutMs, with: () => throwError(() => new RequestTimeoutError(context, { timeoutMs: file.timeoutMs })), scheduler: runtime.scheduler }));
  return retryer({
    scheduler: runtime.scheduler,
    attempt,
    delayMs: (error, retries) => {
      if (error instanceof GraphHttpError && error.status !== undefined) {
        return retryDelay({ kind: 'status', status: error.status, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) }, retries, { idempotent: true }, runtime.retry);
      }
      if (error instanceof NetworkError || error instanceof RequestTimeoutError) return retryDelay({ kind: 'network' }, retries, { idempotent: true }, runtime.retry);
      return undefined;
    },
  });
}

/**
 * What of a URL no error may show: its query as sent (a SAS URL's
 * `sv=…&sig=…`), and the signature alone, as sent and decoded, for a
 * failure that quotes it apart. Longest first, so the query goes whole.
 */
function signatureSecrets(url: string): string[] {
  const query = new URL(url).search.slice(1);
  const sent = /(?:^|&)sig=([^&]*)/i.exec(query)?.[1] ?? '';
  let decoded = sent;
  try {
    decoded = decodeURIComponent(sent.replace(/\+/g, ' '));
  } catch {
    // a malformed escape: the signature as sent is all there is to take out
  }
  return [query, sent, decoded].filter((secret) => secret !== '');
}

/** The URL without its query (a SAS URL's signature) or fragment: what errors may show. */
function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
