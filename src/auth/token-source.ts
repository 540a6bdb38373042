import { defer, from, isObservable, of, take, throwIfEmpty, map, catchError, throwError, type Observable } from 'rxjs';
import { AuthenticationError } from '../core/errors/authentication-error.js';

/**
 * What a token function is told: the scopes to ask for, and whether the
 * last token was refused (a 401) so a cached one must not be returned.
 *
 * @public
 */
export interface TokenRequest {
  /** The scopes to ask for (the client's `scopes`). */
  readonly scopes: readonly string[];
  /** True after a 401: a cached token must not be returned. */
  readonly forceRefresh: boolean;
}

/**
 * Azure's `TokenCredential` shape (`@azure/identity`), so any credential
 * from that family can be passed as it is.
 *
 * @public
 */
export interface TokenCredentialLike {
  /** A token for `scopes`, as `@azure/identity`'s credentials give one (`null`: none). */
  getToken(scopes: string | string[], options?: Record<string, unknown>): Promise<{ token: string } | null>;
}

/**
 * Where tokens come from: a fixed string; a function returning a string, a
 * Promise or an Observable of one; an `Observable<string>` whose first value
 * is taken per request (a `BehaviorSubject` holding the current token, as
 * Angular apps keep one); or an Azure `TokenCredential`. The source is asked
 * once per request (it should cache), and once more, with `forceRefresh`,
 * after a 401 (an Observable source cannot be told; it is simply read again).
 * A source that never answers fails the request with `AuthenticationError`
 * after the client's `requestTimeoutMs`.
 *
 * @example
 * ```ts
 * createGraphClient({ token: async ({ scopes, forceRefresh }) => myAuth.get(scopes, forceRefresh) });
 * createGraphClient({ token: currentToken$ }); // a BehaviorSubject<string>
 * ```
 * @public
 */
export type TokenSource =
  | string
  | ((request: TokenRequest) => string | Promise<string> | Observable<string>)
  | Observable<string>
  | TokenCredentialLike;

/**
 * Where a client's tokens come from, as the request path reads it: one of
 * four kinds, each needing its own handling, instead of flags.
 */
export type TokenProvider =
  /** A fixed string: used as it is; a 401 cannot be helped by asking again. */
  | { readonly kind: 'fixed'; readonly token: string }
  /**
   * Code that gives tokens (a function, an Observable, a credential): asked
   * once per request, in the caller's asynchronous context (it may read
   * whose request it is), and once more with `forceRefresh` after a 401.
   * The Observable takes the first token and checks it.
   */
  | { readonly kind: 'source'; token(forceRefresh: boolean): Observable<string> }
  /** No usable token (none configured, an empty or unusable string): a request that needs one fails with an `AuthenticationError` saying why. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** The transport attaches tokens (an Angular `HttpClient` interceptor): the library attaches none, and marks the requests that must go without. */
  | { readonly kind: 'transport' };

export function toTokenProvider(source: TokenSource | undefined, scopes: readonly string[]): TokenProvider {
  if (source === undefined) return { kind: 'refused', reason: 'no token source was configured' };
  if (typeof source === 'string') {
    const fixed = bareToken(source);
    if (!fixed) return { kind: 'refused', reason: 'the token is empty' };
    const unusable = headerUnsafe(fixed);
    return unusable ? { kind: 'refused', reason: unusable } : { kind: 'fixed', token: fixed };
  }
  const obtain = (forceRefresh: boolean): Observable<unknown> =>
    defer(() => {
      if (isObservable(source)) return source;
      if (typeof source === 'function') {
        const value = source({ scopes, forceRefresh });
        return isObservable(value) || isPromiseLike(value) ? from(value) : of(value);
      }
      return from(source.getToken([...scopes])).pipe(map((accessToken) => accessToken?.token));
    });
  return {
    kind: 'source',
    token: (forceRefresh) =>
      obtain(forceRefresh).pipe(
        take(1),
        throwIfEmpty(() => new AuthenticationError({}, { reason: 'the token source completed without a token' })),
        catchError((error: unknown) =>
          throwError(() =>
            error instanceof AuthenticationError ? error : new AuthenticationError({}, { reason: 'the token source failed', cause: error }),
          ),
        ),
        map((value) => {
          const token = typeof value === 'string' ? bareToken(value) : '';
          if (!token) throw new AuthenticationError({}, { reason: 'the token source gave no token' });
          const unusable = headerUnsafe(token);
          if (unusable) throw new AuthenticationError({}, { reason: unusable });
          return token;
        }),
      ),
  };
}

/** The token without a `Bearer ` prefix a source may have added, which would otherwise be sent twice. */
function bareToken(value: string): string {
  return value.trim().replace(/^bearer\s+/i, '');
}

/**
 * Why a token cannot go into an `Authorization` header (control characters,
 * spaces, non-ASCII), or `undefined`. Checked here so the fetch
 * implementation never refuses it with a message that quotes the value.
 */
function headerUnsafe(token: string): string | undefined {
  return /^[\x21-\x7e]+$/.test(token) ? undefined : 'the token has characters that cannot go into an HTTP header (it is not shown here)';
}

function isPromiseLike(value: unknown): value is PromiseLike<string> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
