import type { StatusModel } from 'rx-graph-lro';
import { documentStatusModel } from '../shared/document-status-model.js';

/**
 * Purview's `security.auditLogQuery` (`security/auditLog/queries`): created
 * with `201` and polled until it ends; its records are then read, page by
 * page, at `…/queries/{id}/records`. `cancelled` is a failure.
 *
 * @public
 */
export interface AuditLogQuery {
  /** The query's id, which its records are read under. */
  readonly id: string;
  /** The name the query was created with. */
  readonly displayName?: string;
  /** `notStarted`, `running`, `succeeded`, `failed`, `cancelled`, or a newer word (still running). */
  readonly status: string;
  /** The start of the searched window (ISO 8601). */
  readonly filterStartDateTime?: string;
  /** The end of the searched window (ISO 8601). */
  readonly filterEndDateTime?: string;
  /** Every other property, as Graph sent it. */
  readonly [property: string]: unknown;
}

/**
 * The status model of `security.auditLogQuery`.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: '/security/auditLog/queries', body: query }, status: auditLogQueryStatus, resultFromStatus: (s) => s });
 * ```
 * @public
 */
export const auditLogQueryStatus: StatusModel<AuditLogQuery> = documentStatusModel<AuditLogQuery>('security.auditLogQuery', {
  running: ['notStarted', 'running', 'unknownFutureValue'],
  succeeded: ['succeeded'],
  failed: ['failed', 'cancelled'],
});
