import { map, type Observable } from 'rxjs';
import type * as t from 'io-ts';
import { decodeJson, isUnparsableBody } from '../core/codecs/decode.js';
import { GraphHttpError } from '../core/errors/graph-http-error.js';
import { retryTransient } from '../rx/retry-transient.js';
import type { OperationRuntime } from './operation-runtime.js';

/**
 * How many times a result GET answered 404 right after `succeeded` is
 * repeated: Graph is eventually consistent, and the new resource may not be
 * readable for a moment. Bounded, with the retry policy's backoff.
 */
export const RESULT_NOT_FOUND_RETRIES = 3;

/**
 * GETs a result and decodes it: with the token (if the origin is trusted)
 * unless `auth` is `none` (a URL named by a document from an untrusted origin).
 */
export function fetchResult<A>(
  runtime: OperationRuntime,
  url: string,
  codec: t.Decoder<unknown, A>,
  headers: Readonly<Record<string, string>> = {},
  auth: 'token' | 'none' = 'token',
): Observable<A> {
  return runtime.send({ method: 'GET', url, headers, auth, idempotent: true, retry: runtime.retry }).pipe(
    map((response) => decodeJson(codec, response.body, { method: 'GET', url, status: response.status })),
    // A result not readable yet (404 right after succeeded), or a body cut off on the way: read it again, briefly.
    retryTransient({
      policy: { ...runtime.retry, maxRetries: RESULT_NOT_FOUND_RETRIES },
      scheduler: runtime.scheduler,
      isRetryable: (error) => (error instanceof GraphHttpError && error.status === 404) || isUnparsableBody(error),
      retryAfterMs: () => undefined,
    }),
  );
}
