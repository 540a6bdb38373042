// rx-graph-lro/angular in the Angular convention: TestBed, zoneless, the
// app's HttpClient with an interceptor, HttpTestingController answering as
// Graph would, and virtual time for the polls.
import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse, provideHttpClient, withInterceptors, type HttpInterceptorFn } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { lastValueFrom, VirtualTimeScheduler } from 'rxjs';
import { result, isGraphLroError } from 'rx-graph-lro';
import { GRAPH_LRO_NO_TOKEN, graphOperation, injectGraphLro, provideGraphLro, withHttpClient } from 'rx-graph-lro/angular';

const ROOT = 'https://graph.microsoft.com/v1.0';
const ITEM = `${ROOT}/me/drive/items/01ABC`;

// What MSAL Angular's interceptor does, in miniature: a token for Graph, none for requests marked GRAPH_LRO_NO_TOKEN.
const tokenInterceptor: HttpInterceptorFn = (req, next) =>
  req.context.get(GRAPH_LRO_NO_TOKEN) || !req.url.startsWith('https://graph.microsoft.com/') ? next(req) : next(req.clone({ setHeaders: { authorization: 'Bearer interceptor-token' } }));

/** Virtual time moves only as far as a test says: a flush() would also fire every request's 100 s bound. */
function advance(scheduler: VirtualTimeScheduler, ms: number): void {
  scheduler.maxFrames = scheduler.frame + ms;
  scheduler.flush();
}

function setup() {
  const scheduler = new VirtualTimeScheduler();
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(withInterceptors([tokenInterceptor])),
      provideHttpClientTesting(),
      provideGraphLro({ scheduler, poll: { intervalMs: 1000, backoffFactor: 1 } }, withHttpClient()),
    ],
  });
  return { scheduler, http: TestBed.inject(HttpTestingController), graph: TestBed.runInInjectionContext(() => injectGraphLro()) };
}

afterEach(() => TestBed.inject(HttpTestingController).verify());

describe('rx-graph-lro/angular', () => {
  it('runs createSession through HttpClient and its interceptor; polls wait on the virtual scheduler', async () => {
    const { scheduler, http, graph } = setup();
    const session = lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));

    const start = http.expectOne(`${ITEM}/workbook/createSession`);
    expect(start.request.method).toBe('POST');
    expect(start.request.headers.get('authorization')).toBe('Bearer interceptor-token');
    expect(start.request.headers.get('prefer')).toBe('respond-async');
    start.flush('', { status: 202, statusText: 'Accepted', headers: { location: `${ITEM}/workbook/operations/op1` } });

    http.expectNone(`${ITEM}/workbook/operations/op1`); // not before the poll interval
    advance(scheduler, 1000);
    http.expectOne(`${ITEM}/workbook/operations/op1`).flush({ id: 'op1', status: 'succeeded', resourceLocation: `${ITEM}/workbook/sessionInfoResource(key='op1')` });
    http.expectOne(`${ITEM}/workbook/sessionInfoResource(key='op1')`).flush({ id: 'session-1', persistChanges: true });

    expect(await session).toEqual({ id: 'session-1', persistChanges: true });
  });

  it('a copy monitor on another host is marked GRAPH_LRO_NO_TOKEN and gets no token', async () => {
    const { scheduler, http, graph } = setup();
    const monitor = 'https://contoso.sharepoint.com/_api/v2.0/monitor/m1';
    const copied = lastValueFrom(graph.driveItem('/me/drive/items/01ABC').copy({ name: 'Copy' }).pipe(result()));
    http.expectOne(`${ITEM}/copy`).flush('', { status: 202, statusText: 'Accepted', headers: { location: monitor } });
    advance(scheduler, 1000);
    const poll = http.expectOne(monitor);
    expect(poll.request.context.get(GRAPH_LRO_NO_TOKEN)).toBe(true);
    expect(poll.request.headers.has('authorization')).toBe(false);
    poll.flush({ status: 'completed', resourceId: '01NEW' }, { status: 202, statusText: 'Accepted' });
    const item = http.expectOne(`${ROOT}/me/drive/items/01NEW`);
    expect(item.request.context.get(GRAPH_LRO_NO_TOKEN)).toBe(false);
    item.flush({ id: '01NEW', name: 'Copy' });
    expect(await copied).toMatchObject({ id: '01NEW' });
  });

  it("errors are the library's typed errors, each caused by the HttpErrorResponse: a status is a GraphHttpError, no answer a NetworkError", async () => {
    const { http, graph } = setup();
    const notFound = lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }, { retry: { maxRetries: 0 } })).catch((e: unknown) => e);
    http.expectOne(`${ITEM}/workbook/createSession`).flush({ error: { code: 'itemNotFound', message: 'gone' } }, { status: 404, statusText: 'Not Found' });
    const error = await notFound;
    expect(isGraphLroError(error, 'GraphHttpError')).toBe(true);
    expect(error).toMatchObject({ status: 404, code: 'itemNotFound' });
    expect((error as Error).cause).toBeInstanceOf(HttpErrorResponse);
    expect((error as Error).cause).toMatchObject({ status: 404, url: `${ITEM}/workbook/createSession` });

    const offline = lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }, { retry: { maxRetries: 0 } })).catch((e: unknown) => e);
    http.expectOne(`${ITEM}/workbook/createSession`).error(new ProgressEvent('error'));
    const network = await offline;
    expect(isGraphLroError(network, 'NetworkError')).toBe(true);
    expect((network as Error).cause).toBeInstanceOf(HttpErrorResponse);
  });

  it("an error from a copy's monitor never carries the monitor URL's tempauth credential, not even in its cause", async () => {
    const { scheduler, http, graph } = setup();
    const monitor = 'https://contoso.sharepoint.com/_api/v2.0/monitor/m1?tempauth=SECRET-CREDENTIAL';
    const copied = lastValueFrom(graph.driveItem('/me/drive/items/01ABC').copy({ name: 'Copy' }, { retry: { maxRetries: 0 } })).catch((e: unknown) => e);
    http.expectOne(`${ITEM}/copy`).flush('', { status: 202, statusText: 'Accepted', headers: { location: monitor } });
    advance(scheduler, 1000);
    http.expectOne(monitor).error(new ProgressEvent('error'));
    const error = await copied;
    expect(isGraphLroError(error, 'NetworkError')).toBe(true);
    expect((error as Error).cause).toBeInstanceOf(HttpErrorResponse);
    expect(JSON.stringify({ error, message: (error as Error).message, cause: (error as Error).cause, causeMessage: ((error as Error).cause as Error).message })).not.toContain('SECRET-CREDENTIAL');
  });

  it('unsubscribing cancels the request in flight', () => {
    const { http, graph } = setup();
    const subscription = graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).subscribe();
    const start = http.expectOne(`${ITEM}/workbook/createSession`);
    subscription.unsubscribe();
    expect(start.cancelled).toBe(true);
  });

  it('graphOperation: a component shows status and progress from signals, and its destruction cancels the poll in flight', async () => {
    const { scheduler, http } = setup();
    const fixture = TestBed.createComponent(CopyStatus);
    await fixture.whenStable();
    http.expectOne(`${ITEM}/copy`).flush('', { status: 202, statusText: 'Accepted', headers: { location: 'https://contoso.sharepoint.com/monitor/m2' } });
    advance(scheduler, 1000);
    http.expectOne('https://contoso.sharepoint.com/monitor/m2').flush({ status: 'inProgress', percentageComplete: 40 }, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent.trim()).toBe('inProgress 40% loading');
    advance(scheduler, 1000);
    const poll = http.expectOne('https://contoso.sharepoint.com/monitor/m2');
    // The component goes away: the poll in flight is aborted, nothing more is sent.
    fixture.destroy();
    expect(poll.cancelled).toBe(true);
    advance(scheduler, 5000);
    http.expectNone('https://contoso.sharepoint.com/monitor/m2');
  });

  it('graphOperation: the value when it succeeds, the typed error when it fails', async () => {
    const { scheduler, http, graph } = setup();
    const [ok, bad] = TestBed.runInInjectionContext(() => [
      graphOperation(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true })),
      graphOperation(graph.workbook('/me/drive/items/01BAD').createSession({ persistChanges: true }, { retry: { maxRetries: 0 } })),
    ]);
    http.expectOne(`${ITEM}/workbook/createSession`).flush({ id: 'session-9', persistChanges: true }, { status: 201, statusText: 'Created' });
    http.expectOne(`${ROOT}/me/drive/items/01BAD/workbook/createSession`).flush({ error: { code: 'accessDenied', message: 'no' } }, { status: 403, statusText: 'Forbidden' });
    advance(scheduler, 0);
    expect([ok.status(), ok.value(), ok.isLoading()]).toEqual(['succeeded', { id: 'session-9', persistChanges: true }, false]);
    expect([bad.status(), bad.isLoading()]).toEqual(['failed', false]);
    expect(bad.error()).toMatchObject({ name: 'GraphHttpError', status: 403, code: 'accessDenied' });
  });
});

@Component({
  selector: 'copy-status',
  template: `{{ copy.status() }} {{ copy.progress() }}% @if (copy.isLoading()) {loading}`,
})
class CopyStatus {
  private readonly graph = injectGraphLro();
  readonly copy = graphOperation(this.graph.driveItem('/me/drive/items/01ABC').copy({ name: 'Copy' }));
}
