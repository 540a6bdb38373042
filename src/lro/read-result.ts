import { defer, of, throwError, type Observable } from 'rxjs';
import { toIoDecoder } from '../core/codecs/decoder.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import type { RequestContext } from '../core/errors/graph-lro-error.js';
import { apiUrl } from '../core/url/api-root.js';
import { resolveLocation } from '../core/url/location.js';
import { fetchResult } from './fetch-result.js';
import type { ResultRule } from './operation-kind.js';
import type { OperationRuntime } from './operation-runtime.js';

/** Where a succeeded operation was polled, what its handle holds, and the headers its result read may carry. */
export interface ResultSource {
  readonly location: string;
  readonly params: Readonly<Record<string, string>>;
  /** This call's own headers (a session id): given only when the status came from a trusted origin. */
  readonly headers: Readonly<Record<string, string>>;
  /** What this call asked of its result's reading. */
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * Reads a succeeded operation's result by its kind's rule. A status
 * document is believed about where the result is only when it came from an
 * origin trusted with the token: from anywhere else (a monitor on another
 * host), the URL it names is ignored and the result is read at the API path
 * the kind builds from the handle's params, or not at all. So a status from
 * an untrusted origin can neither aim a token-bearing request nor stand in
 * for Graph's answer.
 */
export function readResult<S, T>(runtime: OperationRuntime, rule: ResultRule<S, T>, status: S, source: ResultSource): Observable<T> {
  return defer(() => {
    switch (rule.read) {
      case 'none':
        return of(undefined as T);
      case 'status':
        return of(rule.map ? rule.map(status) : (status as unknown as T));
      case 'custom': {
        const context = { method: 'GET', url: source.location };
        const auth = runtime.isTrusted(source.location) ? 'token' : 'none';
        return inContext(context, () =>
          rule.fetch(status, {
            location: source.location,
            params: source.params,
            options: source.options,
            trusted: (url) => runtime.isTrusted(resolveLocation(url, source.location, runtime.apiRoot, context)),
            get: (url, codec, headers) => fetchResult(runtime, resolveLocation(url, source.location, runtime.apiRoot, context), toIoDecoder(codec, 'result'), headers, auth),
          }),
        );
      }
      case 'resource': {
        const context = { method: 'GET', url: source.location };
        const named = runtime.isTrusted(source.location) ? rule.named?.(status) : undefined;
        const url =
          named !== undefined && named !== ''
            ? resolveLocation(named, source.location, runtime.apiRoot, context)
            : pathUrl(runtime.apiRoot, inContext(context, () => rule.path?.(status, source.params)));
        if (url === undefined) return throwError(() => new ProtocolError(context, { reason: 'the operation succeeded without a result location' }));
        // A result lives on Graph: one named anywhere else could only forge it.
        if (!runtime.isTrusted(url)) return throwError(() => new ProtocolError(context, { reason: 'the result URL is not on an origin trusted with the token; it is not read' }));
        return fetchResult(runtime, url, toIoDecoder(rule.codec, 'result'), source.headers);
      }
    }
  });
}

/** A rule's own refusal (a `ProtocolError` without a request), told with the status URL it concerns. */
function inContext<R>(context: RequestContext, fn: () => R): R {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ProtocolError && error.url === undefined) throw new ProtocolError(context, { reason: error.message });
    throw error;
  }
}

function pathUrl(apiRoot: string, path: string | undefined): string | undefined {
  return path === undefined || path === '' ? undefined : apiUrl(apiRoot, path);
}
