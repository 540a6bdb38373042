import type { Observable } from 'rxjs';
import type * as t from 'io-ts';
import { decodeJson, isUnparsableBody } from '../core/codecs/decode.js';
import { backoffDelayMs } from '../core/policy/retry-policy.js';
import { GraphHttpError } from '../core/errors/graph-http-error.js';
import { retryer } from '../rx/retryer.js';
import type { OperationRuntime } from './operation-runtime.js';
import type { HttpResponse } from '../http/transport.js';

/**
 * How many times a result GET answered 404 right after `succeeded` is
 * repeated: Graph is eventually consistent, and the new resource may not be
 * readable for a moment. Bounded, with the retry policy's backoff.
 */
export const RESULT_NOT_FOUND_RETRIES = 3;

/**
 * GETs a result and decodes it: with the token (if the origin is trusted)
 * unless `auth` is `none` (a URL named by a document from an untrusted origin).
 * A result not readable yet (a 404 right after `succeeded`), or a body cut
 * off on the way, is read again, briefly, on the one retry state machine.
 */
export function fetchResult<A>(
  runtime: OperationRuntime,
  url: string,
  codec: t.Decoder<unknown, A>,
  headers: Readonly<Record<string, string>> = {},
  auth: 'token' | 'none' = 'token',
): Observable<A> {
  const { send, scheduler, retry } = runtime;
  const spec = { method: 'GET', url, headers, auth, idempotent: true, retry } as const;
  return retryer<HttpResponse, A>({
    scheduler,
    attempt: () => send(spec),
    delayMs: (error, rereads) =>
      rereads < RESULT_NOT_FOUND_RETRIES && ((error instanceof GraphHttpError && error.status === 404) || isUnparsableBody(error)) ? backoffDelayMs(rereads, retry) : undefined,
    project: (response) => decodeJson(codec, response.body, { method: 'GET', url, status: response.status }),
  });
}
