import { inject, InjectionToken, makeEnvironmentProviders, type EnvironmentProviders, type Provider } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import { createGraphClient } from '../client.js';
import type { GraphClient, GraphClientOptions } from 'rx-graph-lro';
import type { HttpTransport } from 'rx-graph-lro/http';
import { httpClientTransport } from './http-client-transport.js';

/**
 * The app's Graph client: `inject(GRAPH_LRO)` (or {@link injectGraphLro}).
 *
 * @public
 */
export const GRAPH_LRO = new InjectionToken<GraphClient>('rx-graph-lro GraphClient');

/** Where a feature puts the transport it provides. */
const GRAPH_LRO_TRANSPORT = new InjectionToken<HttpTransport>('rx-graph-lro transport');

/**
 * A feature of {@link provideGraphLro}.
 *
 * @public
 */
export interface GraphLroFeature {
  /** Which feature this is: `httpClient` for {@link withHttpClient}. */
  readonly kind: 'httpClient';
  /** The providers the feature adds beside the client's. */
  readonly providers: Provider[];
}

/**
 * Sends every request through the app's `HttpClient` (so its interceptors
 * apply, MSAL Angular's `MsalInterceptor` included) and lets them attach the
 * tokens: the client attaches none, and marks the requests that must go
 * without one with `GRAPH_LRO_NO_TOKEN`. Needs `provideHttpClient()`.
 *
 * @example
 * ```ts
 * provideGraphLro({}, withHttpClient())
 * ```
 * @public
 */
export function withHttpClient(): GraphLroFeature {
  return { kind: 'httpClient', providers: [{ provide: GRAPH_LRO_TRANSPORT, useFactory: () => httpClientTransport(inject(HttpClient)) }] };
}

/**
 * Provides a Graph client to the app (environment providers: in
 * `bootstrapApplication` or a route's `providers`).
 *
 * @example
 * ```ts
 * bootstrapApplication(App, {
 *   providers: [
 *     provideZonelessChangeDetection(),
 *     provideHttpClient(withInterceptorsFromDi()),
 *     { provide: HTTP_INTERCEPTORS, useClass: MsalInterceptor, multi: true },
 *     provideGraphLro({ poll: { intervalMs: 1000 } }, withHttpClient()),
 *   ],
 * });
 * ```
 * @public
 */
export function provideGraphLro(options: GraphClientOptions = {}, ...features: GraphLroFeature[]): EnvironmentProviders {
  const viaHttpClient = features.some((feature) => feature.kind === 'httpClient');
  return makeEnvironmentProviders([
    ...features.flatMap((feature) => feature.providers),
    {
      provide: GRAPH_LRO,
      useFactory: () =>
        createGraphClient(viaHttpClient ? { ...options, authorization: 'transport', transport: inject(GRAPH_LRO_TRANSPORT) } : options),
    },
  ]);
}

/**
 * The app's Graph client, in an injection context.
 *
 * @example
 * ```ts
 * export class Reports { private readonly graph = injectGraphLro(); }
 * ```
 * @public
 */
export function injectGraphLro(): GraphClient {
  return inject(GRAPH_LRO);
}
