import { HTTP_INTERCEPTORS } from '@angular/common/http';
import type { Provider } from '@angular/core';
import { MSAL_INSTANCE, MSAL_INTERCEPTOR_CONFIG, MsalBroadcastService, MsalService, type MsalInterceptorConfiguration } from '@azure/msal-angular';
import { InteractionType, PublicClientApplication, type Configuration } from '@azure/msal-browser';
import { GraphMsalInterceptor } from './graph-msal.interceptor';
import { SIMULATOR_LOGIN_HOST, SimulatorNavigationClient, simulatorNetworkClient } from './simulator-sign-in';

/** What the app asks Graph for: the workbook and copy operations need Files.ReadWrite. */
export const GRAPH_SCOPES = ['Files.ReadWrite'];

/**
 * MSAL Angular for an app calling Graph at `graphBaseUrl`: sign-in by
 * redirect, a token for every Graph request from MsalInterceptor (through
 * the app's HttpClient, which is what rx-graph-lro sends with). Against the
 * simulator (any Graph that is not graph.microsoft.com), MSAL signs in at
 * the simulator instead of Microsoft Entra ID.
 */
export function msalProviders(graphBaseUrl: string, clientId: string): Provider[] {
  const graph = new URL(graphBaseUrl);
  const simulator = graph.hostname !== 'graph.microsoft.com';
  const configuration: Configuration = {
    auth: {
      clientId,
      authority: simulator ? `https://${SIMULATOR_LOGIN_HOST}/organizations` : 'https://login.microsoftonline.com/organizations',
      // Only for the simulator: its authority is not a Microsoft cloud, so MSAL must not look it up in one.
      ...(simulator ? { knownAuthorities: [SIMULATOR_LOGIN_HOST] } : {}),
      redirectUri: `${location.origin}/`,
    },
    cache: { cacheLocation: 'sessionStorage' },
    ...(simulator ? { system: { networkClient: simulatorNetworkClient(graph.origin), navigationClient: new SimulatorNavigationClient(graph.origin) } } : {}),
  };
  const interceptor: MsalInterceptorConfiguration = {
    interactionType: InteractionType.Redirect,
    // Every Graph call gets a token for these scopes; nothing else does (a copy's monitor is on another host).
    protectedResourceMap: new Map([[`${graph.origin}${graph.pathname.replace(/\/$/, '')}/*`, GRAPH_SCOPES]]),
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
