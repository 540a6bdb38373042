import { defer, from, isObservable, Observable, of, take, throwIfEmpty, map, catchError, throwError } from 'rxjs';
import { AuthenticationError } from '../core/errors/authentication-error.js';
import type { AsyncContext } from '../core/async-context.js';

/**
 * What a token function is told: the scopes to ask for, and whether the
 * last token was refused (a 401) so a cached one must not be returned.
 *
 * @public
 */
export interface TokenRequest {
  readonly scopes: readonly string[];
  readonly forceRefresh: boolean;
}

/**
 * Azure's `TokenCredential` shape (`@azure/identity`), so any credential
 * from that family can be passed as it is.
 *
 * @public
 */
export interface TokenCredentialLike {
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

/** A cold token getter; `refreshable` is false for a fixed string, where a repeat cannot help. */
export interface TokenProvider {
  readonly refreshable: boolean;
  /** The token itself when it is a fixed string, so requests need not subscribe for it. */
  readonly fixed?: string;
  /** Tokens are attached by the transport (an HttpClient interceptor): the library attaches none and only marks the requests that must go without. */
  readonly external?: boolean;
  /**
   * The source is code that may read the caller's asynchronous context
   * (whose token it gives): requests capture that context when they are
   * made and ask for their token inside it.
   */
  readonly contextual?: boolean;
  /** The token, asked for inside `context` when one is given. */
  token(forceRefresh: boolean, context?: AsyncContext): Observable<string>;
}

export function toTokenProvider(source: TokenSource | undefined, scopes: readonly string[]): TokenProvider {
  if (source === undefined) {
    return { refreshable: false, token: () => throwError(() => new AuthenticationError({}, { reason: 'no token source was configured' })) };
  }
  if (typeof source === 'string') {
    const fixed = bareToken(source);
    if (!fixed) return { refreshable: false, token: () => throwError(() => new AuthenticationError({}, { reason: 'the token is empty' })) };
    const unusable = headerUnsafe(fixed);
    if (unusable) return { refreshable: false, token: () => throwError(() => new AuthenticationError({}, { reason: unusable })) };
    return { refreshable: false, fixed, token: () => of(fixed) };
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
    refreshable: true,
    contextual: true,
    token: (forceRefresh, context) =>
      (context ? inContext(obtain(forceRefresh), context) : obtain(forceRefresh)).pipe(
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

/** `source`, subscribed to inside `context`: a source function (or msal's promise chain) runs, and reads its context, there. */
function inContext<T>(source: Observable<T>, context: AsyncContext): Observable<T> {
  return new Observable<T>((subscriber) => context(() => source.subscribe(subscriber)));
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
