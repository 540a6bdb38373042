import { Injectable, InjectionToken, inject } from '@angular/core';
import { createGraphClient, type TokenSource } from 'rx-graph-lro';

/** Where Graph is and where tokens come from: the app's own sign-in in real life. */
export interface GraphConfig {
  readonly baseUrl: string;
  readonly token: TokenSource;
}

export const GRAPH_CONFIG = new InjectionToken<GraphConfig>('GRAPH_CONFIG');

/** The app's one Graph client; components ask it for operations as Observables. */
@Injectable({ providedIn: 'root' })
export class GraphOperations {
  private readonly graph = createGraphClient({ ...inject(GRAPH_CONFIG), poll: { intervalMs: 300, backoffFactor: 1 } });

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
