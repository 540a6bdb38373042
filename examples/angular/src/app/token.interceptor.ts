import { InjectionToken, inject, type Signal } from '@angular/core';
import type { HttpInterceptorFn } from '@angular/common/http';
import { GRAPH_LRO_NO_TOKEN } from 'rx-graph-lro/angular';

/** Your app's access token for Graph, however it gets one. */
export const GRAPH_TOKEN = new InjectionToken<Signal<string>>('Graph access token');

/** Adds the token to every request of the client, except those it marks as not for a token (a drive monitor). */
export const tokenInterceptor: HttpInterceptorFn = (req, next) =>
  req.context.get(GRAPH_LRO_NO_TOKEN) ? next(req) : next(req.clone({ setHeaders: { authorization: `Bearer ${inject(GRAPH_TOKEN)()}` } }));
