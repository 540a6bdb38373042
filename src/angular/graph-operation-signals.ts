import { computed, DestroyRef, inject, signal, type Signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';

/**
 * An operation's life as signals, for templates.
 *
 * @public
 */
export interface GraphOperationSignals<T> {
  /** The latest status word (`accepted` before the first poll answers, `succeeded` at the end). */
  readonly status: Signal<string | undefined>;
  /** The latest percentage, clamped to [0, 100], when Graph reports one. */
  readonly progress: Signal<number | undefined>;
  /** The result, once the operation succeeded. */
  readonly value: Signal<T | undefined>;
  /** The typed error the operation failed with. */
  readonly error: Signal<unknown>;
  /** True from the start until it succeeds, fails or is cancelled. */
  readonly isLoading: Signal<boolean>;
  /** Unsubscribes: the request in flight is aborted and nothing more is sent. */
  cancel(): void;
}

/**
 * Runs an operation and exposes it as signals; it is cancelled when the
 * component (or service) that called this is destroyed. Call it in an
 * injection context (a field initializer, a constructor), or pass the
 * `DestroyRef` to tie it to.
 *
 * @example
 * ```ts
 * export class CopyButton {
 *   private readonly graph = injectGraphLro();
 *   readonly copy = graphOperation(this.graph.driveItem('/me/drive/items/01ABC').copy({ name: 'Copy' }));
 *   // template: {{ copy.status() }} {{ copy.progress() }}% @if (copy.isLoading()) { <button (click)="copy.cancel()">Cancel</button> }
 * }
 * ```
 * @public
 */
export function graphOperation<T>(operation: Observable<OperationEvent<T>>, destroyRef: DestroyRef = inject(DestroyRef)): GraphOperationSignals<T> {
  const status = signal<string | undefined>(undefined);
  const rawProgress = signal<number | undefined>(undefined);
  const value = signal<T | undefined>(undefined);
  const error = signal<unknown>(undefined);
  const isLoading = signal(true);
  let subscription: Subscription | undefined;
  const cancel = () => {
    subscription?.unsubscribe();
    if (isLoading()) {
      isLoading.set(false);
      status.set('cancelled');
    }
  };
  subscription = operation.subscribe({
    next: (event) => {
      if (event.type === 'accepted') status.set('accepted');
      else if (event.type === 'status') {
        status.set(event.status);
        if (event.percentageComplete !== undefined) rawProgress.set(event.percentageComplete);
      } else {
        status.set('succeeded');
        value.set(event.result);
      }
    },
    error: (e: unknown) => {
      error.set(e);
      status.set('failed');
      isLoading.set(false);
    },
    complete: () => isLoading.set(false),
  });
  destroyRef.onDestroy(cancel);
  return {
    status: status.asReadonly(),
    progress: computed(() => {
      const pct = rawProgress();
      return pct === undefined ? undefined : Math.min(100, Math.max(0, pct));
    }),
    value: value.asReadonly(),
    error: error.asReadonly(),
    isLoading: isLoading.asReadonly(),
    cancel,
  };
}
