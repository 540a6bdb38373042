// The app's GraphMsalInterceptor in the Angular convention: TestBed,
// zoneless, HttpTestingController, with MSAL Angular's own MsalInterceptor
// underneath and MSAL's token call answered by a stub MsalService.
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HTTP_INTERCEPTORS, provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { MSAL_INTERCEPTOR_CONFIG, MsalBroadcastService, MsalService, type MsalInterceptorConfiguration } from '@azure/msal-angular';
import { InteractionType, Logger } from '@azure/msal-browser';
import { lastValueFrom, of, VirtualTimeScheduler } from 'rxjs';
import { result } from 'rx-graph-lro';
import { injectGraphLro, provideGraphLro, withHttpClient } from 'rx-graph-lro/angular';
import { GraphMsalInterceptor } from './graph-msal.interceptor';

const ROOT = 'https://graph.microsoft.com/v1.0';
const MONITOR = 'https://contoso.sharepoint.com/_api/v2.0/monitor/m1';

function setup(protectedResourceMap: Map<string, string[]>) {
  const scheduler = new VirtualTimeScheduler();
  const scopesAsked: string[][] = [];
  const account = { homeAccountId: 'adele', environment: 'login', tenantId: 't', username: 'adele@contoso.test', localAccountId: 'adele' };
  const msal = {
    getLogger: () => new Logger({}),
    instance: { getActiveAccount: () => account, getAllAccounts: () => [account] },
    acquireTokenSilent: (request: { scopes: string[] }) => {
      scopesAsked.push(request.scopes);
      return of({ accessToken: 'msal-token' });
    },
  };
  const config: MsalInterceptorConfiguration = { interactionType: InteractionType.Redirect, protectedResourceMap, strictMatching: true };
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(withInterceptorsFromDi()),
      provideHttpClientTesting(),
      { provide: HTTP_INTERCEPTORS, useClass: GraphMsalInterceptor, multi: true },
      { provide: MSAL_INTERCEPTOR_CONFIG, useValue: config },
      { provide: MsalService, useValue: msal },
      { provide: MsalBroadcastService, useValue: { inProgress$: of('none') } },
      provideGraphLro({ scheduler, poll: { intervalMs: 1000, backoffFactor: 1 } }, withHttpClient()),
    ],
  });
  return { scheduler, scopesAsked, http: TestBed.inject(HttpTestingController), graph: TestBed.runInInjectionContext(() => injectGraphLro()) };
}

afterEach(() => TestBed.inject(HttpTestingController).verify());

describe('GraphMsalInterceptor', () => {
  it("a copy: MSAL's token on every Graph request for the mapped scopes, none on the monitor, even where the map's entry covers its host", async () => {
    // A map broad enough to cover the monitor's host too: GRAPH_LRO_NO_TOKEN still keeps the token off it.
    const { scheduler, scopesAsked, http, graph } = setup(new Map([[`${ROOT}/*`, ['Files.ReadWrite']], ['https://contoso.sharepoint.com/*', ['Sites.Read.All']]]));
    const copied = lastValueFrom(graph.driveItem('/me/drive/items/01ABC').copy({ name: 'Copy' }).pipe(result()));

    const start = http.expectOne(`${ROOT}/me/drive/items/01ABC/copy`);
    expect(start.request.headers.get('authorization')).toBe('Bearer msal-token');
    start.flush('', { status: 202, statusText: 'Accepted', headers: { location: MONITOR } });

    scheduler.maxFrames = scheduler.frame + 1000;
    scheduler.flush();
    const poll = http.expectOne(MONITOR);
    expect(poll.request.headers.has('authorization')).toBe(false);
    poll.flush({ status: 'completed', resourceId: '01NEW' }, { status: 202, statusText: 'Accepted' });

    const item = http.expectOne(`${ROOT}/me/drive/items/01NEW`);
    expect(item.request.headers.get('authorization')).toBe('Bearer msal-token');
    item.flush({ id: '01NEW', name: 'Copy' });

    expect(await copied).toMatchObject({ id: '01NEW' });
    expect(scopesAsked).toEqual([['Files.ReadWrite'], ['Files.ReadWrite']]);
  });
});
