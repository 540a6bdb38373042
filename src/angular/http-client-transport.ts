import { HttpClient, HttpContext, HttpContextToken, HttpErrorResponse, HttpHeaders, type HttpResponse as NgHttpResponse } from '@angular/common/http';
import { catchError, map, of, throwError, type Observable } from 'rxjs';
import { withoutTempAuth } from '../core/errors/graph-lro-error.js';
import type { HttpResponse, HttpTransport } from 'rx-graph-lro/http';

/**
 * Set (true) on every request that must not carry a token: a drive monitor
 * on another host, anything on an origin the client does not trust with one.
 * An interceptor that attaches tokens should leave these alone; MSAL
 * Angular's `MsalInterceptor` already does for hosts outside its
 * `protectedResourceMap`.
 *
 * @example
 * ```ts
 * export const tokenInterceptor: HttpInterceptorFn = (req, next) =>
 *   req.context.get(GRAPH_LRO_NO_TOKEN) ? next(req) : next(req.clone({ setHeaders: { authorization: `Bearer ${token()}` } }));
 * ```
 * @public
 */
export const GRAPH_LRO_NO_TOKEN = new HttpContextToken<boolean>(() => false);

/**
 * A transport that sends every request through Angular's `HttpClient`, so
 * the app's interceptors apply. Unsubscribing aborts the request, as
 * HttpClient does. Any HTTP status is an answer for the library to judge:
 * one that ends as a `GraphHttpError` has the `HttpErrorResponse` as its
 * `cause`. A request that got no answer at all (`status 0`) fails, and
 * becomes a `NetworkError` whose `cause` is the `HttpErrorResponse`. Either
 * cause is a copy whose URL has a monitor's `tempauth` value redacted, as
 * the library's own errors do.
 *
 * @example
 * ```ts
 * const graph = createGraphClient({ authorization: 'transport', transport: httpClientTransport(inject(HttpClient)) });
 * ```
 * @public
 */
export function httpClientTransport(http: HttpClient): HttpTransport {
  return (request) => {
    const context = new HttpContext().set(GRAPH_LRO_NO_TOKEN, request.withoutToken === true);
    return http
      .request(request.method, request.url, {
        body: request.body ?? null,
        headers: new HttpHeaders(request.headers as Record<string, string>),
        observe: 'response',
        responseType: 'text',
        context,
      })
      .pipe(
        map((response: NgHttpResponse<string>) => toResponse(response.status, response.headers, response.body ?? '')),
        catchError((error: unknown): Observable<HttpResponse> => {
          if (!(error instanceof HttpErrorResponse)) return throwError(() => error);
          const cause = redacted(error);
          if (error.status > 0) {
            const body = typeof error.error === 'string' ? error.error : error.error == null ? '' : JSON.stringify(error.error);
            return of({ ...toResponse(error.status, error.headers, body), cause });
          }
          return throwError(() => cause);
        }),
      );
  };
}

/** The same failure, its URL (and so its message) without a monitor's temporary credential. */
function redacted(error: HttpErrorResponse): HttpErrorResponse {
  if (error.url === null || withoutTempAuth(error.url) === error.url) return error;
  return new HttpErrorResponse({ error: error.error, headers: error.headers, status: error.status, statusText: error.statusText, url: withoutTempAuth(error.url) });
}

function toResponse(status: number, headers: HttpHeaders, body: string): HttpResponse {
  const lower: Record<string, string> = {};
  for (const name of headers.keys()) {
    const value = headers.get(name);
    if (value !== null) lower[name.toLowerCase()] = value;
  }
  return { status, headers: lower, body };
}
