import { operationKind } from '../../lro/operation-kind.js';
import { describeValue, isPlainObject } from '../../core/policy/validation.js';
import { GraphResourceCodec } from '../shared/graph-resource.js';
import { idSegment } from '../shared/id-segment.js';
import { connectionOperationStatus } from './connection-operation.js';
import { OPERATIONS } from '../shared/status-path.js';

/**
 * A Microsoft Search connector schema (Graph's `externalConnectors.schema`).
 *
 * @public
 */
export interface ExternalConnectionSchema {
  /** The type the schema's items are: Graph's only one is `microsoft.graph.externalItem`. @defaultValue 'microsoft.graph.externalItem' */
  readonly baseType?: string;
  /** The schema's properties, as Graph's `externalConnectors.property` objects (`name`, `type`, `isSearchable`, `labels`, …). */
  readonly properties: readonly Readonly<Record<string, unknown>>[];
}

/** A connection by id. */
export const connectionPath = (connectionId: unknown): string => `/external/connections/${idSegment('connectionId', connectionId)}`;

/**
 * `externalConnection.updateSchema`: `PATCH /external/connections/{id}/schema`,
 * followed on its `connectionOperation`; ends with the schema as Graph now
 * has it (read at the handle's `schema`).
 */
export const updateSchema = operationKind({
  name: 'externalConnection.updateSchema',
  prepare: ([connectionId, schema]: readonly [connectionId: string, schema: ExternalConnectionSchema]) => {
    const schemaPath = `${connectionPath(connectionId)}/schema`;
    if (!isPlainObject(schema) || !Array.isArray(schema['properties']) || schema['properties'].length === 0 || !schema['properties'].every(isPlainObject)) {
      throw new TypeError(`updateSchema takes a schema with a non-empty properties array, not ${describeValue(schema)}`);
    }
    return { start: { method: 'PATCH', url: schemaPath, body: { baseType: 'microsoft.graph.externalItem', ...schema } }, params: { schema: schemaPath } };
  },
  params: ['schema'],
  idempotent: false,
  callOptions: { at: 2 },
  status: connectionOperationStatus,
  statusPath: OPERATIONS,
  result: { read: 'resource', codec: GraphResourceCodec, path: (_s, p) => p['schema'] },
});
