import type { Observable } from 'rxjs';
import type { OperationEvent } from '../../lro/operation-event.js';
import type { OperationOptions, OperationRuntime } from '../../lro/run-operation.js';
import { checkOperationOptions, describeValue, isPlainObject } from '../../core/policy/validation.js';
import { idSegment, runFamilyOperation, type FamilyKind, type GraphResource } from './family-operation.js';
import { CONNECTION } from './families.js';
import type { ConnectionOperation } from './connection-operation.js';

/**
 * A Microsoft Search connector schema (Graph's `externalConnectors.schema`).
 *
 * @public
 */
export interface ExternalConnectionSchema {
  /** @defaultValue 'microsoft.graph.externalItem' */
  readonly baseType?: string;
  readonly properties: readonly Readonly<Record<string, unknown>>[];
}

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

export const CONNECTION_KINDS = {
  updateSchema: { kind: 'externalConnection.updateSchema', family: CONNECTION, params: ['schema'], ending: { read: 'resource', fixed: true, fallback: (_s, p) => p['schema'] } },
} satisfies Record<string, FamilyKind<ConnectionOperation>>;

export function createExternalConnection(runtime: OperationRuntime, connectionId: unknown): ExternalConnectionOperations {
  const schemaPath = `/external/connections/${idSegment('connectionId', connectionId)}/schema`;
  return {
    updateSchema: (schema, options) => {
      if (!isPlainObject(schema) || !Array.isArray(schema['properties']) || schema['properties'].length === 0 || !schema['properties'].every(isPlainObject)) {
        throw new TypeError(`updateSchema takes a schema with a non-empty properties array, not ${describeValue(schema)}`);
      }
      checkOperationOptions('updateSchema options', options);
      const body = { baseType: 'microsoft.graph.externalItem', ...schema };
      return runFamilyOperation(runtime, CONNECTION_KINDS.updateSchema, { schema: schemaPath }, { method: 'PATCH', url: schemaPath, body }, options);
    },
  };
}
