import type { Observable } from 'rxjs';
import type { OperationEvent } from '../../lro/operation-event.js';
import type { OperationOptions, OperationRuntime } from '../../lro/run-operation.js';
import { checkOperationOptions, describeValue, isPlainObject } from '../../core/policy/validation.js';
import { idSegment, runFamilyOperation, type FamilyKind } from './family-operation.js';
import { CASE } from './families.js';
import type { CaseOperation } from './case-operation.js';

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

const ACTIONS = ['estimateStatistics', 'purgeData', 'exportResult', 'exportReport', 'addToReviewSet'] as const;

export const CASE_KINDS = Object.fromEntries(
  ACTIONS.map((action) => [action, { kind: `ediscovery.${action}`, family: CASE, ending: { read: 'status' } }]),
) as Record<(typeof ACTIONS)[number], FamilyKind<CaseOperation>>;

export function createEdiscoveryCase(runtime: OperationRuntime, caseId: unknown): EdiscoveryCaseOperations {
  const base = `/security/cases/ediscoveryCases/${idSegment('caseId', caseId)}`;
  const run = (action: (typeof ACTIONS)[number], url: string, body: unknown, required: boolean, options: unknown) => {
    if ((body !== undefined || required) && !isPlainObject(body)) throw new TypeError(`${action} request must be an object, not ${describeValue(body)}`);
    checkOperationOptions(`${action} options`, options);
    return runFamilyOperation<CaseOperation, CaseOperation>(runtime, CASE_KINDS[action], {}, { method: 'POST', url, ...(body !== undefined ? { body } : {}) }, options as OperationOptions | undefined);
  };
  const search = (id: unknown) => `${base}/searches/${idSegment('searchId', id)}`;
  return {
    estimateStatistics: (searchId, options) => run('estimateStatistics', `${search(searchId)}/estimateStatistics`, undefined, false, options),
    purgeData: (searchId, request, options) => run('purgeData', `${search(searchId)}/purgeData`, request, false, options),
    exportResult: (searchId, request, options) => run('exportResult', `${search(searchId)}/exportResult`, request, true, options),
    exportReport: (searchId, request, options) => run('exportReport', `${search(searchId)}/exportReport`, request, true, options),
    addToReviewSet: (reviewSetId, request, options) =>
      run('addToReviewSet', `${base}/reviewSets/${idSegment('reviewSetId', reviewSetId)}/addToReviewSet`, request, true, options),
  };
}
