import type { HttpResponse } from './transport.js';
import type { RequestContext } from '../core/errors/graph-lro-error.js';
import { GraphHttpError } from '../core/errors/graph-http-error.js';
import { GraphErrorBody } from '../core/codecs/graph-error-body.js';
import { innermostCode } from '../core/errors/error-chain.js';
import { tryParseJson } from '../core/codecs/decode.js';
import { parseRetryAfter } from '../core/policy/retry-after.js';

/** A non-2xx response as a `GraphHttpError`, with Graph's code and `Retry-After` when present. */
export function toHttpError(response: HttpResponse, context: RequestContext, nowMs: number): GraphHttpError {
  const decoded = GraphErrorBody.decode(tryParseJson(response.body));
  const graphError = decoded._tag === 'Right' ? decoded.right.error : undefined;
  const code = graphError ? (innermostCode(graphError) ?? graphError.code) : undefined;
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], nowMs);
  return new GraphHttpError(
    { method: context.method ?? 'GET', url: context.url ?? '', status: response.status, ...(code ? { code } : {}) },
    { ...(graphError ? { graphError } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...(response.cause !== undefined ? { cause: response.cause } : {}) },
  );
}
