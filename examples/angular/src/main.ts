import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { GRAPH_CONFIG } from './app/graph-operations.service';

// Graph's base URL comes from ?graph=… (the simulator in tests); the token is a
// fixed one for the simulator. A real app passes its sign-in's token source,
// e.g. () => firstValueFrom(msalService.acquireTokenSilent(...)).then(r => r.accessToken).
const graph = new URLSearchParams(location.search).get('graph') ?? 'https://graph.microsoft.com/v1.0';

bootstrapApplication(AppComponent, {
  providers: [provideZonelessChangeDetection(), { provide: GRAPH_CONFIG, useValue: { baseUrl: graph, token: 'simulator-token' } }],
}).catch((error: unknown) => console.error(error));
