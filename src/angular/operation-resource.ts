import { computed, effect, inject, Injector, PLATFORM_ID, signal, type ResourceParamsContext, type ResourceRef, type Signal } from '@angular/core';
import { isPlatformServer } from '@angular/common';
import { rxResource } from '@angular/core/rxjs-interop';
import { defer, filter, map, Subject, takeUntil, tap, type Observable } from 'rxjs';
import type { OperationDone, OperationEvent } from 'rx-graph-lro';
import { operationSnapshots } from '../lro/operators/operation-snapshots.js';

/**
 * Options of {@link operationResource}.
 *
 * @public
 */
export interface OperationResourceOptions<T, P> {
  /**
   * What the operation depends on, read reactively (signals): when it
   * changes, the operation in flight is cancelled and a new one starts;
   * `undefined` leaves the resource `idle` (and cancels what runs), as with
   * any Angular resource. Without it, the operation starts once, when the
   * resource is created, and again on `reload()`.
   * @defaultValue none: one operation, started at once
   */
  readonly params?: (context: ResourceParamsContext) => P;
  /**
   * The operation for those params: an operation of the client
   * (`graph.workbook(item).createSession(…)`, `graph.driveItem(item).copy(…)`, …).
   */
  readonly operation: (params: NoInfer<Exclude<P, undefined>>) => Observable<OperationEvent<T>>;
  /** Where the resource lives and dies. @defaultValue the injection context it is created in */
  readonly injector?: Injector;
  /** A name for Angular DevTools. @defaultValue none */
  readonly debugName?: string;
}

/**
 * An operation as an Angular resource: Angular's own `ResourceRef` (`value`
 * is the result, `status`, `error`, `isLoading`, `hasValue()`,
 * `reload()`, `destroy()`), plus the operation's progress as signals.
 *
 * @public
 */
export interface OperationResourceRef<T> extends ResourceRef<T | undefined> {
  /** The latest percentage the server reported, clamped to [0, 100]; `undefined` until it reports one, and while `idle`. */
  readonly progress: Signal<number | undefined>;
  /** The operation's own status word: `accepted`, then the server's (`running`, `inProgress`, `failed`, …), `succeeded` at the end; `undefined` before the first event and while `idle`. */
  readonly operationStatus: Signal<string | undefined>;
}

/**
 * Runs an operation as an Angular resource, built on `rxResource`: the
 * resource's `value` is the operation's result, its `status` is `loading`
 * until then (`reloading` after `reload()`), `resolved` with the result or
 * `error` with the library's typed error; `progress` and `operationStatus`
 * follow the polls. Cancellation is the resource's own: a change of
 * `params`, `reload()`, `destroy()` or the destruction of the component
 * that owns it unsubscribes the operation, which aborts the request in
 * flight and sends nothing more. Signals only, so it works zoneless and in
 * `OnPush` components. On the server (SSR, prerendering) it never starts:
 * the resource stays `idle`, nothing is sent and nothing polls; the browser
 * starts it once the app runs there. Call it in an injection context (a
 * field initializer), or pass `injector`.
 *
 * Like every Angular resource it is a pending task until its value comes,
 * so `ApplicationRef.whenStable()` (and `fixture.whenStable()` in tests)
 * waits for the operation's result.
 *
 * @example
 * ```ts
 * export class CopyFolder {
 *   private readonly graph = injectGraphLro();
 *   readonly name = signal<string | undefined>(undefined);
 *   readonly copy = operationResource({
 *     params: () => this.name(),
 *     operation: (name) => this.graph.driveItem('/me/drive/items/01ABC').copy({ name }),
 *   });
 *   // template: {{ copy.operationStatus() }} {{ copy.progress() }}% @if (copy.hasValue()) { {{ copy.value()?.webUrl }} }
 * }
 * ```
 * @public
 */
export function operationResource<T, P = null>(options: OperationResourceOptions<T, P>): OperationResourceRef<T> {
  const injector = options.injector ?? inject(Injector);
  // Nothing runs on the server: a poll there would hold the render until the operation ends, and run it a second time.
  const onServer = isPlatformServer(injector.get(PLATFORM_ID));
  const percentage = signal<number | undefined>(undefined);
  const word = signal<string | undefined>(undefined);
  const params = options.params;
  // Angular aborts a resource's load when a new one starts or it is destroyed, but not when its
  // params become undefined: it goes idle and the load runs on. Going idle stops it here.
  const wentIdle = new Subject<void>();
  const resource = rxResource<T, P | undefined>({
    params: (context) => (onServer ? undefined : params ? params(context) : (null as P)),
    stream: ({ params: current }) =>
      defer(() => {
        percentage.set(undefined);
        word.set(undefined);
        return options.operation(current as Exclude<P, undefined>);
      }).pipe(
        operationSnapshots(),
        tap((snapshot) => {
          word.set(snapshot.status);
          percentage.set(snapshot.percentageComplete);
        }),
        // The resource's value is the result: it stays loading until then.
        filter((snapshot): snapshot is OperationDone<T> => snapshot.done),
        map((snapshot) => snapshot.result),
        takeUntil(wentIdle),
      ),
    injector,
    ...(options.debugName === undefined ? {} : { debugName: options.debugName }),
  });
  const idle = computed(() => resource.status() === 'idle');
  effect(
    () => {
      if (idle()) wentIdle.next();
    },
    { injector },
  );
  return Object.assign(resource, {
    progress: computed(() => (idle() ? undefined : percentage())),
    operationStatus: computed(() => (idle() ? undefined : word())),
  });
}
