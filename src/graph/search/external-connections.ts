import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import type { GraphResource } from '../shared/graph-resource.js';
import { updateSchema, connectionPath, type ExternalConnectionSchema } from './update-schema.js';

/**
 * A Microsoft Search connection's long-running operations.
 *
 * @example
 * ```ts
 * graph.externalConnection('contosohr').updateSchema({
 *   properties: [{ name: 'title', type: 'string', isSearchable: true, isRetrievable: true, labels: ['title'] }],
 * }).pipe(result()).subscribe((schema) => console.log(schema['properties']));
 * ```
 * @public
 */
export interface ExternalConnectionOperations {
  /** `PATCH /external/connections/{id}/schema`: follows the `connectionOperation`, ends with the schema as Graph now has it. */
  updateSchema(schema: ExternalConnectionSchema, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
}

/** `graph.externalConnection(id)`: the Search connector kinds of one connection. */
export function createExternalConnection(run: RunKind, connectionId: unknown): ExternalConnectionOperations {
  connectionPath(connectionId);
  return {
    updateSchema: (schema, options) => {
      checkOperationOptions('updateSchema options', options);
      return run(updateSchema, [connectionId as string, schema], options);
    },
  };
}
