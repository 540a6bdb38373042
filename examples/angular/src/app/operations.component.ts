import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { graphOperation } from 'rx-graph-lro/angular';
import { GraphOperations } from './graph-operations.service';

/**
 * Four operations started when the component is created, each as signals
 * (status, progress, value, error, isLoading). Destroying the component
 * cancels whatever is still running: the request in flight is aborted and
 * nothing more is sent.
 */
@Component({
  selector: 'app-operations',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul>
      @for (op of operations; track op.name) {
        <li [attr.data-testid]="'op-' + op.name" [attr.data-status]="op.run.status() ?? 'starting'">
          <strong>{{ op.name }}</strong>: {{ op.run.status() ?? 'starting' }}
          @if (op.run.progress() !== undefined) {
            ({{ op.run.progress() }}%)
          }
          @if (op.run.error()) {
            <small>{{ describe(op.run.error()) }}</small>
          }
        </li>
      }
    </ul>
  `,
})
export class OperationsComponent {
  private readonly graph = inject(GraphOperations);

  readonly operations = [
    { name: 'session-a', run: graphOperation(this.graph.createSession('/me/drive/items/book-a')) },
    { name: 'session-b', run: graphOperation(this.graph.createSession('/me/drive/root:/Reports/Q1.xlsx:')) },
    { name: 'row', run: graphOperation(this.graph.addRow('/me/drive/items/book-a', 'Sales', [['north', 120]])) },
    { name: 'copy', run: graphOperation(this.graph.copy('/me/drive/items/folder-1', 'Copy of folder')) },
  ];

  readonly running = computed(() => this.operations.some((op) => op.run.isLoading()));

  cancel(): void {
    for (const op of this.operations) op.run.cancel();
  }

  describe(error: unknown): string {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}
