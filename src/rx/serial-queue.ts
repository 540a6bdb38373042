import { Observable, type Subscription } from 'rxjs';

/**
 * Runs Observables one at a time, in subscription order. A queued one that
 * is unsubscribed before its turn leaves the queue; the running one frees
 * the queue when it ends, fails or is unsubscribed.
 */
export class SerialQueue {
  private readonly waiting: (() => void)[] = [];
  private busy = false;

  get idle(): boolean {
    return !this.busy && this.waiting.length === 0;
  }

  run<T>(source: Observable<T>, onIdle?: () => void): Observable<T> {
    return new Observable<T>((subscriber) => {
      let inner: Subscription | undefined;
      let started = false;
      let released = false;
      const release = () => {
        if (!started || released) return;
        released = true;
        this.busy = false;
        this.pump(onIdle);
      };
      const start = () => {
        started = true;
        this.busy = true;
        inner = source.subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            release();
            subscriber.error(error);
          },
          complete: () => {
            release();
            subscriber.complete();
          },
        });
      };
      this.waiting.push(start);
      this.pump(onIdle);
      return () => {
        if (!started) {
          const at = this.waiting.indexOf(start);
          if (at >= 0) this.waiting.splice(at, 1);
          if (this.idle) onIdle?.();
          return;
        }
        inner?.unsubscribe();
        release();
      };
    });
  }

  private pump(onIdle?: () => void): void {
    if (this.busy) return;
    const next = this.waiting.shift();
    if (next) next();
    else onIdle?.();
  }
}
