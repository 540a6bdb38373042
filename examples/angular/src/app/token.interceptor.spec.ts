// The interceptor of your own from the Angular guide: the token on Graph's requests, none on a
// copy's monitor (the client marks it with GRAPH_LRO_NO_TOKEN).
import { provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { lastValueFrom, VirtualTimeScheduler } from 'rxjs';
import { result } from 'rx-graph-lro';
import { injectGraphLro, provideGraphLro, withHttpClient } from 'rx-graph-lro/angular';
import { GRAPH_TOKEN, tokenInterceptor } from './token.interceptor';

const ROOT = 'https://graph.microsoft.com/v1.0';
const MONITOR = 'https://contoso.sharepoint.com/_api/v2.0/monitor/m1';

afterEach(() => TestBed.inject(HttpTestingController).verify());

it('tokenInterceptor: the token on Graph, none on the copy monitor', async () => {
  const scheduler = new VirtualTimeScheduler();
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(withInterceptors([tokenInterceptor])),
      provideHttpClientTesting(),
      { provide: GRAPH_TOKEN, useValue: signal('app-token') },
      provideGraphLro({ scheduler, poll: { intervalMs: 1000, backoffFactor: 1 } }, withHttpClient()),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const graph = TestBed.runInInjectionContext(() => injectGraphLro());

  const copied = lastValueFrom(graph.driveItem('/me/drive/items/01ABC').copy({ name: 'Copy' }).pipe(result()));
  const start = http.expectOne(`${ROOT}/me/drive/items/01ABC/copy`);
  expect(start.request.headers.get('authorization')).toBe('Bearer app-token');
  start.flush('', { status: 202, statusText: 'Accepted', headers: { location: MONITOR } });

  scheduler.maxFrames = scheduler.frame + 1000;
  scheduler.flush();
  const poll = http.expectOne(MONITOR);
  expect(poll.request.headers.has('authorization')).toBe(false);
  poll.flush({ status: 'completed', resourceId: '01NEW' }, { status: 202, statusText: 'Accepted' });

  const item = http.expectOne(`${ROOT}/me/drive/items/01NEW`);
  expect(item.request.headers.get('authorization')).toBe('Bearer app-token');
  item.flush({ id: '01NEW', name: 'Copy' });

  expect(await copied).toMatchObject({ id: '01NEW', name: 'Copy' });
});
