import { Component, computed, signal } from '@angular/core';
import { injectGraphLro, operationResource, type OperationResourceRef } from 'rx-graph-lro/angular';

/**
 * Four operations, each an Angular resource: Start starts them (again: the
 * ones still running are cancelled), Cancel cancels them, and leaving the
 * page cancels them too; cancelling aborts the request in flight and sends
 * nothing more.
 */
@Component({
  selector: 'app-operations',
  template: `
    <button type="button" data-testid="start" (click)="start()">Start</button>
    <button type="button" data-testid="cancel" (click)="run.set(undefined)" [disabled]="!running()">Cancel</button>
    <ul>
      @for (op of operations; track op.name) {
        <li [attr.data-testid]="'op-' + op.name" [attr.data-status]="shown(op.resource)">
          <strong>{{ op.name }}</strong>: {{ shown(op.resource) }}
          @if (op.resource.progress() !== undefined) {
            ({{ op.resource.progress() }}%)
          }
          @if (op.resource.error(); as error) {
            <small>{{ error.name }}: {{ error.message }}</small>
          }
        </li>
      }
    </ul>
  `,
})
export class Operations {
  private readonly graph = injectGraphLro();
  /** The run the operations belong to: a new one starts them again, none leaves them idle. */
  readonly run = signal<number | undefined>(undefined);

  readonly operations = [
    {
      name: 'session-a',
      resource: operationResource({
        params: () => this.run(),
        operation: () => this.graph.workbook('/me/drive/items/book-a').createSession({ persistChanges: true }),
      }),
    },
    {
      name: 'session-b',
      resource: operationResource({
        params: () => this.run(),
        operation: () => this.graph.workbook('/me/drive/root:/Reports/Q1.xlsx:').createSession({ persistChanges: true }),
      }),
    },
    {
      name: 'row',
      resource: operationResource({
        params: () => this.run(),
        operation: () => this.graph.workbook('/me/drive/items/book-a').addTableRow('Sales', [['north', 120]]),
      }),
    },
    {
      name: 'copy',
      resource: operationResource({
        params: () => this.run(),
        operation: () => this.graph.driveItem('/me/drive/items/folder-1').copy({ name: 'Copy of folder' }),
      }),
    },
  ];

  readonly running = computed(() => this.operations.some((op) => op.resource.isLoading()));

  start(): void {
    this.run.update((run) => (run ?? 0) + 1);
  }

  /** The operation's own status word (accepted, running, …, succeeded or failed), else the resource's (idle, loading, error). */
  shown(resource: OperationResourceRef<unknown>): string {
    return resource.operationStatus() ?? resource.status();
  }
}
