import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { catchError, map, merge, of, type Observable, type Subscription } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import { GraphOperations } from './graph-operations.service';

interface OperationView {
  readonly name: string;
  readonly status: string;
  readonly progress?: number;
  readonly detail?: string;
}

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Workbook and drive operations</h1>
    <button type="button" data-testid="start" (click)="start()" [disabled]="running()">Start operations</button>
    <button type="button" data-testid="cancel" (click)="cancel()" [disabled]="!running()">Cancel</button>
    <ul>
      @for (op of operations(); track op.name) {
        <li [attr.data-testid]="'op-' + op.name" [attr.data-status]="op.status">
          <strong>{{ op.name }}</strong>: {{ op.status }}
          @if (op.progress !== undefined) {
            ({{ op.progress }}%)
          }
          @if (op.detail) {
            <small>{{ op.detail }}</small>
          }
        </li>
      }
    </ul>
  `,
})
export class AppComponent {
  private readonly graph = inject(GraphOperations);
  readonly operations = signal<readonly OperationView[]>([]);
  readonly running = signal(false);
  private subscription?: Subscription;

  start(): void {
    const started: [string, Observable<OperationEvent<unknown>>][] = [
      ['session-a', this.graph.createSession('/me/drive/items/book-a')],
      ['session-b', this.graph.createSession('/me/drive/root:/Reports/Q1.xlsx:')],
      ['row', this.graph.addRow('/me/drive/items/book-a', 'Sales', [['north', 120]])],
      ['copy', this.graph.copy('/me/drive/items/folder-1', 'Copy of folder')],
    ];
    this.operations.set(started.map(([name]) => ({ name, status: 'starting' })));
    this.running.set(true);
    this.subscription = merge(
      ...started.map(([name, operation$]) =>
        operation$.pipe(
          map((event) => ({ name, event })),
          catchError((error: Error) => of({ name, error })),
        ),
      ),
    ).subscribe({
      next: (update) => this.apply(update),
      complete: () => this.running.set(false),
    });
  }

  /** Unsubscribing is the cancellation: requests in flight are aborted, nothing more is sent. */
  cancel(): void {
    this.subscription?.unsubscribe();
    this.operations.update((ops) => ops.map((op) => (ENDED.has(op.status) ? op : { ...op, status: 'cancelled' })));
    this.running.set(false);
  }

  private apply(update: { name: string; event?: OperationEvent<unknown>; error?: Error }): void {
    this.operations.update((ops) =>
      ops.map((op) => {
        if (op.name !== update.name) return op;
        if (update.error) return { ...op, status: 'failed', detail: `${update.error.name}: ${update.error.message}` };
        const event = update.event!;
        if (event.type === 'accepted') return { ...op, status: 'accepted' };
        if (event.type === 'status') return { ...op, status: event.status === 'succeeded' || event.status === 'completed' ? op.status : event.status, progress: event.percentageComplete ?? op.progress };
        return { ...op, status: 'succeeded' };
      }),
    );
  }
}
