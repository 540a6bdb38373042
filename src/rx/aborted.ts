import { Observable } from 'rxjs';

/**
 * Errors with `toError(signal.reason)` when `signal` aborts (at once if it
 * already has), and never emits; its listener is removed on unsubscribe.
 */
export function aborted(signal: AbortSignal, toError: (reason: unknown) => unknown): Observable<never> {
  return new Observable<never>((subscriber) => {
    const onAbort = () => subscriber.error(toError(signal.reason));
    if (signal.aborted) {
      onAbort();
      return undefined;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  });
}
