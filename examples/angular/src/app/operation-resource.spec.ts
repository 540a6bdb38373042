// operationResource in the Angular convention: TestBed, zoneless, an OnPush
// component, HttpTestingController answering as Graph would, virtual time
// for the polls, and the server platform for SSR.
import { ChangeDetectionStrategy, Component, PLATFORM_ID, provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { VirtualTimeScheduler } from 'rxjs';
import { injectGraphLro, operationResource, provideGraphLro, withHttpClient } from 'rx-graph-lro/angular';

const ROOT = 'https://graph.microsoft.com/v1.0';
const ITEM = `${ROOT}/me/drive/items/01ABC`;
const MONITOR = 'https://contoso.sharepoint.com/_api/v2.0/monitor/m1';

/** Virtual time moves only as far as a test says: a flush() would also fire every request's 100 s bound. */
function advance(scheduler: VirtualTimeScheduler, ms: number): void {
  scheduler.maxFrames = scheduler.frame + ms;
  scheduler.flush();
}

function setup(platform: 'browser' | 'server' = 'browser') {
  const scheduler = new VirtualTimeScheduler();
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideGraphLro({ scheduler, poll: { intervalMs: 1000, backoffFactor: 1 } }, withHttpClient()),
      ...(platform === 'server' ? [{ provide: PLATFORM_ID, useValue: 'server' }] : []),
    ],
  });
  return { scheduler, http: TestBed.inject(HttpTestingController), graph: TestBed.runInInjectionContext(() => injectGraphLro()) };
}

/** The copy's start answered 202 with the monitor URL. */
function accept(http: HttpTestingController, name: string, monitor = MONITOR): void {
  const start = http.expectOne(`${ITEM}/copy`);
  expect(start.request.body).toContain(`"name":"${name}"`);
  start.flush('', { status: 202, statusText: 'Accepted', headers: { location: monitor } });
}

/** Lets the resource take in what arrived (its loader resolves in a microtask), then runs Angular's effects and change detection. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

afterEach(() => TestBed.inject(HttpTestingController).verify());

@Component({
  selector: 'copy-progress',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ copy.status() }} {{ copy.operationStatus() ?? '-' }} {{ copy.progress() ?? '-' }}%@if (copy.hasValue()) { {{ copy.value()?.name }}}`,
})
class CopyProgress {
  private readonly graph = injectGraphLro();
  readonly name = signal<string | undefined>('Copy');
  readonly copy = operationResource({
    params: () => this.name(),
    operation: (name) => this.graph.driveItem('/me/drive/items/01ABC').copy({ name }),
  });
}

describe('operationResource', () => {
  it('an OnPush component, zoneless: the template follows each status as it arrives, and shows the result', async () => {
    const { scheduler, http } = setup();
    const fixture = TestBed.createComponent(CopyProgress);
    const text = () => (fixture.nativeElement as HTMLElement).textContent?.trim();
    // No detectChanges() anywhere: the signals schedule the template's updates themselves.
    await expect.poll(text).toBe('loading - -%');
    accept(http, 'Copy');
    await expect.poll(text).toBe('loading accepted -%');
    advance(scheduler, 1000);
    http.expectOne(MONITOR).flush({ status: 'inProgress', percentageComplete: 40 }, { status: 202, statusText: 'Accepted' });
    await expect.poll(text).toBe('loading inProgress 40%');
    advance(scheduler, 1000);
    http.expectOne(MONITOR).flush({ status: 'completed', percentageComplete: 100, resourceId: '01NEW' }, { status: 202, statusText: 'Accepted' });
    http.expectOne(`${ROOT}/me/drive/items/01NEW`).flush({ id: '01NEW', name: 'Copy' });
    await expect.poll(text).toBe('resolved succeeded 100% Copy');
    expect(fixture.componentInstance.copy.isLoading()).toBe(false);
  });

  it('new params cancel the operation in flight (its poll aborted) and start the next; undefined params leave it idle and cancel it too', async () => {
    const { scheduler, http } = setup();
    const fixture = TestBed.createComponent(CopyProgress);
    const { copy, name } = fixture.componentInstance;
    await settle();
    accept(http, 'Copy');
    advance(scheduler, 1000);
    const first = http.expectOne(MONITOR);

    name.set('Other copy');
    await settle();
    expect(first.cancelled).toBe(true);
    expect([copy.status(), copy.operationStatus()]).toEqual(['loading', undefined]);
    accept(http, 'Other copy', `${MONITOR}-2`);
    advance(scheduler, 1000);
    const second = http.expectOne(`${MONITOR}-2`);

    name.set(undefined);
    await settle();
    expect(second.cancelled).toBe(true);
    expect([copy.status(), copy.operationStatus(), copy.progress(), copy.isLoading()]).toEqual(['idle', undefined, undefined, false]);
    advance(scheduler, 10_000);
    http.expectNone(() => true);
  });

  it('reload() starts the operation again, cancelling the one in flight; destroying the component cancels it', async () => {
    const { scheduler, http } = setup();
    const fixture = TestBed.createComponent(CopyProgress);
    const { copy } = fixture.componentInstance;
    await settle();
    accept(http, 'Copy');
    advance(scheduler, 1000);
    http.expectOne(MONITOR).flush({ status: 'inProgress', percentageComplete: 40 }, { status: 202, statusText: 'Accepted' });
    advance(scheduler, 1000);
    http.expectOne(MONITOR).flush({ status: 'completed', percentageComplete: 100, resourceId: '01NEW' }, { status: 202, statusText: 'Accepted' });
    http.expectOne(`${ROOT}/me/drive/items/01NEW`).flush({ id: '01NEW', name: 'Copy' });
    await settle();
    expect([copy.status(), copy.value()?.id]).toEqual(['resolved', '01NEW']);

    expect(copy.reload()).toBe(true);
    await settle();
    // Reloading keeps the old value until the new one comes, as Angular's resources do; the progress starts again.
    expect([copy.status(), copy.value()?.id, copy.progress()]).toEqual(['reloading', '01NEW', undefined]);
    accept(http, 'Copy');
    advance(scheduler, 1000);
    const poll = http.expectOne(MONITOR);

    fixture.destroy();
    expect(poll.cancelled).toBe(true);
    advance(scheduler, 10_000);
    http.expectNone(() => true);
  });

  it("a failure: status 'error', error() is the library's typed error, operationStatus the operation's last word", async () => {
    const { scheduler, http, graph } = setup();
    const copy = TestBed.runInInjectionContext(() => operationResource({ operation: () => graph.driveItem('/me/drive/items/01ABC').copy({ name: 'x' }) }));
    await settle();
    accept(http, 'x');
    advance(scheduler, 1000);
    http.expectOne(MONITOR).flush({ status: 'failed', error: { code: 'nameAlreadyExists', message: 'exists' } }, { status: 202, statusText: 'Accepted' });
    await settle();
    expect([copy.status(), copy.operationStatus(), copy.isLoading(), copy.hasValue()]).toEqual(['error', 'failed', false, false]);
    expect(copy.error()).toMatchObject({ name: 'OperationFailedError', code: 'nameAlreadyExists' });
  });

  it('on the server (SSR) nothing is sent and nothing polls: the resource stays idle', async () => {
    const { scheduler, http } = setup('server');
    const fixture = TestBed.createComponent(CopyProgress);
    await settle();
    advance(scheduler, 10_000);
    http.expectNone(() => true);
    await fixture.whenStable(); // no operation holds the server's render
    const { copy } = fixture.componentInstance;
    expect([copy.status(), copy.isLoading(), copy.operationStatus(), copy.progress()]).toEqual(['idle', false, undefined, undefined]);
    expect((fixture.nativeElement as HTMLElement).textContent?.trim()).toBe('idle - -%');
    expect(copy.reload()).toBe(false);
    await settle();
    http.expectNone(() => true);
  });
});
