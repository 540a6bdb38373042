import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';
import { bootstrapApplication } from '@angular/platform-browser';
import type { Configuration } from '@azure/msal-browser';
import { provideGraphLro, withHttpClient } from 'rx-graph-lro/angular';
import { AppComponent } from './app/app.component';
import { msalProviders } from './app/auth.config';
import { withSimulatorSignIn } from './app/simulator-sign-in';

// Graph is graph.microsoft.com unless ?graph=… names a simulator on this
// machine (the tests), kept for the tab's session because the sign-in
// redirect comes back without it. Only loopback is accepted: a link must not
// be able to point the app, and MsalInterceptor's tokens, at another host.
const simulator = loopbackUrl(new URLSearchParams(location.search).get('graph') ?? sessionStorage.getItem('graph'));
if (simulator) sessionStorage.setItem('graph', simulator);
const graph = simulator ?? 'https://graph.microsoft.com/v1.0';

// Your app registration: a single-page application whose redirect URI is this page.
const msal: Configuration = {
  auth: { clientId: 'rx-graph-lro-angular-example', authority: 'https://login.microsoftonline.com/organizations', redirectUri: `${location.origin}/` },
  cache: { cacheLocation: 'sessionStorage' },
};

bootstrapApplication(AppComponent, {
  providers: [
    provideZonelessChangeDetection(),
    // MsalInterceptor is a class interceptor: withInterceptorsFromDi() lets HttpClient use it.
    provideHttpClient(withInterceptorsFromDi()),
    ...msalProviders(graph, simulator ? withSimulatorSignIn(msal, simulator) : msal),
    // rx-graph-lro sends through that HttpClient, so MsalInterceptor attaches the tokens.
    provideGraphLro({ baseUrl: graph, poll: { intervalMs: 300, backoffFactor: 1 } }, withHttpClient()),
  ],
}).catch((error: unknown) => console.error(error));

function loopbackUrl(candidate: string | null): string | undefined {
  if (!candidate || !URL.canParse(candidate)) return undefined;
  const { protocol, hostname } = new URL(candidate);
  return protocol === 'http:' && /^127(\.\d{1,3}){3}$/.test(hostname) ? candidate : undefined;
}
