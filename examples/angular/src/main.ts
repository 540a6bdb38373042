import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideGraphLro, withHttpClient } from 'rx-graph-lro/angular';
import { AppComponent } from './app/app.component';
import { msalProviders } from './app/auth.config';

// Graph is graph.microsoft.com unless ?graph=… names a simulator on this
// machine (the tests), kept for the tab's session because the sign-in
// redirect comes back without it. Only loopback is accepted: a link must not
// be able to point the app, and MsalInterceptor's tokens, at another host.
const graph = simulatorGraph(new URLSearchParams(location.search).get('graph') ?? sessionStorage.getItem('graph')) ?? 'https://graph.microsoft.com/v1.0';
sessionStorage.setItem('graph', graph);

function simulatorGraph(candidate: string | null): string | undefined {
  if (!candidate || !URL.canParse(candidate)) return undefined;
  const { protocol, hostname } = new URL(candidate);
  return protocol === 'http:' && /^127(\.\d{1,3}){3}$/.test(hostname) ? candidate : undefined;
}

bootstrapApplication(AppComponent, {
  providers: [
    provideZonelessChangeDetection(),
    // MsalInterceptor is a class interceptor: withInterceptorsFromDi() lets HttpClient use it.
    provideHttpClient(withInterceptorsFromDi()),
    ...msalProviders(graph, 'rx-graph-lro-angular-example'),
    // rx-graph-lro sends through that HttpClient, so MsalInterceptor attaches the tokens.
    provideGraphLro({ baseUrl: graph, poll: { intervalMs: 300, backoffFactor: 1 } }, withHttpClient()),
  ],
}).catch((error: unknown) => console.error(error));
