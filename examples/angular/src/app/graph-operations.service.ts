import { Injectable } from '@angular/core';
import { injectGraphLro } from 'rx-graph-lro/angular';

/** The app's Graph operations, as Observables, on the client provideGraphLro() gives. */
@Injectable({ providedIn: 'root' })
export class GraphOperations {
  private readonly graph = injectGraphLro();

  createSession(item: string) {
    return this.graph.workbook(item).createSession({ persistChanges: true });
  }

  addRow(item: string, table: string, values: unknown[][]) {
    return this.graph.workbook(item).addTableRow(table, values);
  }

  copy(item: string, name: string) {
    return this.graph.driveItem(item).copy({ name });
  }
}
