import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideGraphLro, withHttpClient } from 'rx-graph-lro/angular';
import { AppComponent } from './app/app.component';
import { graphTokenInterceptor } from './app/graph-token.interceptor';

// Graph's base URL comes from ?graph=… (the simulator in tests). Requests go
// through the app's HttpClient, whose interceptor attaches the token (a fixed
// one for the simulator; MSAL Angular's MsalInterceptor in a real app, with
// the same protectedResourceMap contract).
const graph = new URLSearchParams(location.search).get('graph') ?? 'https://graph.microsoft.com/v1.0';
const protectedResourceMap = new Map([[new URL(graph).origin + '/', ['https://graph.microsoft.com/.default']]]);

bootstrapApplication(AppComponent, {
  providers: [
    provideZonelessChangeDetection(),
    provideHttpClient(withInterceptors([graphTokenInterceptor(protectedResourceMap, () => 'simulator-token')])),
    provideGraphLro({ baseUrl: graph, poll: { intervalMs: 300, backoffFactor: 1 } }, withHttpClient()),
  ],
}).catch((error: unknown) => console.error(error));
