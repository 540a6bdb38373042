import type { HttpInterceptorFn } from '@angular/common/http';
import { GRAPH_LRO_NO_TOKEN } from 'rx-graph-lro/angular';

/**
 * Attaches a token to requests for protected resources, the way MSAL
 * Angular's MsalInterceptor does with its protectedResourceMap (URL prefix →
 * scopes): here a fixed token for the simulator. Requests rx-graph-lro marks
 * GRAPH_LRO_NO_TOKEN (a drive monitor on another host) are left bare.
 */
export function graphTokenInterceptor(protectedResourceMap: ReadonlyMap<string, readonly string[]>, token: () => string): HttpInterceptorFn {
  return (req, next) => {
    const protectedResource = [...protectedResourceMap.keys()].some((prefix) => req.url.startsWith(prefix));
    if (!protectedResource || req.context.get(GRAPH_LRO_NO_TOKEN)) return next(req);
    return next(req.clone({ setHeaders: { authorization: `Bearer ${token()}` } }));
  };
}
