import { HTTP_INTERCEPTORS } from '@angular/common/http';
import type { Provider } from '@angular/core';
import { MSAL_INSTANCE, MSAL_INTERCEPTOR_CONFIG, MsalBroadcastService, MsalService, type MsalInterceptorConfiguration } from '@azure/msal-angular';
import { InteractionType, PublicClientApplication, type Configuration } from '@azure/msal-browser';
import { GraphMsalInterceptor } from './graph-msal.interceptor';

/** What the app asks Graph for: the workbook and copy operations need Files.ReadWrite. */
export const GRAPH_SCOPES = ['Files.ReadWrite'];

/**
 * MSAL Angular for an app calling Graph at `graphBaseUrl`: MSAL Browser
 * configured with `configuration`, and MsalInterceptor (as
 * GraphMsalInterceptor) attaching a token for GRAPH_SCOPES to every request
 * under `graphBaseUrl` that goes through the app's HttpClient, which is what
 * rx-graph-lro sends with. Nothing else gets a token: a copy's monitor is on
 * another host.
 */
export function msalProviders(graphBaseUrl: string, configuration: Configuration): Provider[] {
  const interceptor: MsalInterceptorConfiguration = {
    interactionType: InteractionType.Redirect,
    protectedResourceMap: new Map([[`${graphBaseUrl.replace(/\/$/, '')}/*`, GRAPH_SCOPES]]),
    strictMatching: true,
  };
  return [
    { provide: MSAL_INSTANCE, useFactory: () => new PublicClientApplication(configuration) },
    { provide: MSAL_INTERCEPTOR_CONFIG, useValue: interceptor },
    { provide: HTTP_INTERCEPTORS, useClass: GraphMsalInterceptor, multi: true },
    MsalService,
    MsalBroadcastService,
  ];
}
