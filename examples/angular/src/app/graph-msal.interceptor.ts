import { Injectable } from '@angular/core';
import type { HttpEvent, HttpHandler, HttpRequest } from '@angular/common/http';
import { MsalInterceptor } from '@azure/msal-angular';
import type { Observable } from 'rxjs';
import { GRAPH_LRO_NO_TOKEN } from 'rx-graph-lro/angular';

/**
 * MSAL Angular's MsalInterceptor, which attaches a token to every request
 * whose URL is in its protectedResourceMap, except requests rx-graph-lro
 * marks GRAPH_LRO_NO_TOKEN: a copy's monitor URL, which is pre-authenticated
 * and must never carry the user's Graph token, even if a map entry is broad
 * enough to match it.
 */
@Injectable()
export class GraphMsalInterceptor extends MsalInterceptor {
  override intercept(req: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return req.context.get(GRAPH_LRO_NO_TOKEN) ? next.handle(req) : super.intercept(req, next);
  }
}
