import { provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';
import { Routes } from '@angular/router';
import { provideGraphLro, withHttpClient } from 'rx-graph-lro/angular';
import { Account } from './account/account';
import { GRAPH_BASE_URL, msalProviders } from './auth.config';
import { Operations } from './operations/operations';

export default [
  {
    path: '',
    component: Account,
    providers: [
      // MsalInterceptor is a class interceptor: withInterceptorsFromDi() lets HttpClient use it.
      provideHttpClient(withInterceptorsFromDi()),
      ...msalProviders(),
      // rx-graph-lro sends through that HttpClient, so MsalInterceptor attaches the tokens.
      provideGraphLro({ baseUrl: GRAPH_BASE_URL, poll: { intervalMs: 300, backoffFactor: 1 } }, withHttpClient()),
    ],
    children: [{ path: 'operations', component: Operations }],
  },
] satisfies Routes;
