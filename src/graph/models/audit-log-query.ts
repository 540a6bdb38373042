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
  readonly id: string;
  readonly displayName?: string;
  /** `notStarted`, `running`, `succeeded`, `failed`, `cancelled`, or a newer word (still running). */
  readonly status: string;
  readonly filterStartDateTime?: string;
  readonly filterEndDateTime?: string;
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
