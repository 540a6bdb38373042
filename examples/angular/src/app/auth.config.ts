import { HTTP_INTERCEPTORS } from '@angular/common/http';
import type { Provider } from '@angular/core';
import { MSAL_INSTANCE, MSAL_INTERCEPTOR_CONFIG, MsalBroadcastService, MsalService, type MsalInterceptorConfiguration } from '@azure/msal-angular';
import { InteractionType, PublicClientApplication, type Configuration } from '@azure/msal-browser';
import { GraphMsalInterceptor } from './graph-msal.interceptor';
import { simulatorGraphUrl, withSimulatorSignIn } from './simulator-sign-in';

/** What the app asks Graph for: the workbook and copy operations need Files.ReadWrite. */
export const GRAPH_SCOPES = ['Files.ReadWrite'];

// The simulator, when the page was opened with ?graph=… (simulator-sign-in.ts); leave it out in your app.
const simulator = simulatorGraphUrl();

/** Where Graph is. */
export const GRAPH_BASE_URL = simulator ?? 'https://graph.microsoft.com/v1.0';

// Your app registration: a single-page application whose redirect URI is this page.
const msal: Configuration = {
  auth: { clientId: 'rx-graph-lro-angular-example', authority: 'https://login.microsoftonline.com/organizations', redirectUri: `${location.origin}/` },
  cache: { cacheLocation: 'sessionStorage' },
};

/**
 * MSAL Angular: MSAL Browser with the configuration above, and
 * MsalInterceptor (as GraphMsalInterceptor) attaching a token for
 * GRAPH_SCOPES to every request under GRAPH_BASE_URL that goes through the
 * app's HttpClient, which is what rx-graph-lro sends with. Nothing else gets
 * a token: a copy's monitor is on another host.
 */
export function msalProviders(): Provider[] {
  const interceptor: MsalInterceptorConfiguration = {
    interactionType: InteractionType.Redirect,
    protectedResourceMap: new Map([[`${GRAPH_BASE_URL}/*`, GRAPH_SCOPES]]),
    strictMatching: true,
  };
  return [
    { provide: MSAL_INSTANCE, useFactory: () => new PublicClientApplication(simulator ? withSimulatorSignIn(msal, simulator) : msal) },
    { provide: MSAL_INTERCEPTOR_CONFIG, useValue: interceptor },
    { provide: HTTP_INTERCEPTORS, useClass: GraphMsalInterceptor, multi: true },
    MsalService,
    MsalBroadcastService,
  ];
}
