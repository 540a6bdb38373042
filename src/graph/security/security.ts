import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import { queryAuditLog, type AuditLogQueryRequest, type AuditLogRecord, type AuditLogRecordsOptions } from './query-audit-log.js';

/**
 * Microsoft Purview's long-running operations.
 *
 * @example
 * ```ts
 * graph.security.queryAuditLog({ filterStartDateTime: '2026-11-01T00:00:00Z', filterEndDateTime: '2026-11-02T00:00:00Z', operationFilters: ['FileAccessed'] })
 *   .pipe(result())
 *   .subscribe((records) => console.log(records.length));
 * ```
 * @public
 */
export interface SecurityOperations {
  /**
   * `POST /security/auditLog/queries`: `201 Created` with the query, polled
   * until it ends (`cancelled` fails it); ends with its records, read page
   * after page (`@odata.nextLink`, on trusted origins only) up to
   * `maxRecords`.
   */
  queryAuditLog(query: AuditLogQueryRequest, options?: OperationOptions & AuditLogRecordsOptions): Observable<OperationEvent<readonly AuditLogRecord[]>>;
}

/** `graph.security`: the Purview kinds. */
export function createSecurity(run: RunKind): SecurityOperations {
  return {
    queryAuditLog: (query, options = {}) => {
      checkOperationOptions('queryAuditLog options', options, ['maxRecords']);
      const { maxRecords, ...operation } = options;
      return run(queryAuditLog, [query, maxRecords === undefined ? {} : { maxRecords }], operation);
    },
  };
}
