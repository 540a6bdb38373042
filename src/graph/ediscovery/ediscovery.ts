import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import type { CaseOperation } from './case-operation.js';
import { casePath } from './case-action.js';
import { estimateStatistics } from './estimate-statistics.js';
import { purgeData } from './purge-data.js';
import { exportResult } from './export-result.js';
import { exportReport } from './export-report.js';
import { addToReviewSet } from './add-to-review-set.js';

/**
 * An eDiscovery (Premium) case's long-running operations. Each ends with
 * the final `caseOperation` (its derived type's fields included):
 * `status` is `succeeded` or `partiallySucceeded` — partial success is an
 * outcome to inspect, not an error. `failed` and `submissionFailed` fail
 * with `OperationFailedError`.
 *
 * @example
 * ```ts
 * const estimate = await toPromise(graph.ediscoveryCase(caseId).estimateStatistics(searchId));
 * if (estimate.status === 'partiallySucceeded') console.warn('some locations failed', estimate.resultInfo);
 * console.log(estimate['indexedItemCount']);
 * ```
 * @public
 */
export interface EdiscoveryCaseOperations {
  /** `POST …/searches/{id}/estimateStatistics`. */
  estimateStatistics(searchId: string, options?: OperationOptions): Observable<OperationEvent<CaseOperation>>;
  /** `POST …/searches/{id}/purgeData` (body: `purgeType`, `purgeAreas`). */
  purgeData(searchId: string, request?: Readonly<Record<string, unknown>>, options?: OperationOptions): Observable<OperationEvent<CaseOperation>>;
  /** `POST …/searches/{id}/exportResult` (body: `displayName`, `exportCriteria`, …). */
  exportResult(searchId: string, request: Readonly<Record<string, unknown>>, options?: OperationOptions): Observable<OperationEvent<CaseOperation>>;
  /** `POST …/searches/{id}/exportReport` (body: `displayName`, `exportCriteria`, …). */
  exportReport(searchId: string, request: Readonly<Record<string, unknown>>, options?: OperationOptions): Observable<OperationEvent<CaseOperation>>;
  /** `POST …/reviewSets/{id}/addToReviewSet` (body: `search: { id }`, `additionalDataOptions`). */
  addToReviewSet(reviewSetId: string, request: Readonly<Record<string, unknown>>, options?: OperationOptions): Observable<OperationEvent<CaseOperation>>;
}

/** `graph.ediscoveryCase(id)`: the eDiscovery kinds of one case. */
export function createEdiscoveryCase(run: RunKind, caseId: unknown): EdiscoveryCaseOperations {
  casePath(caseId);
  const id = caseId as string;
  const checked = (name: string, options: unknown) => {
    checkOperationOptions(`${name} options`, options);
    return options as OperationOptions | undefined;
  };
  return {
    estimateStatistics: (searchId, options) => run(estimateStatistics, [id, searchId], checked('estimateStatistics', options)),
    purgeData: (searchId, request, options) => run(purgeData, [id, searchId, request], checked('purgeData', options)),
    exportResult: (searchId, request, options) => run(exportResult, [id, searchId, request], checked('exportResult', options)),
    exportReport: (searchId, request, options) => run(exportReport, [id, searchId, request], checked('exportReport', options)),
    addToReviewSet: (reviewSetId, request, options) => run(addToReviewSet, [id, reviewSetId, request], checked('addToReviewSet', options)),
  };
}
