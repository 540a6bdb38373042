import { operationKind, type OperationKind } from '../../lro/operation-kind.js';
import { describeValue, isPlainObject } from '../../core/policy/validation.js';
import { idSegment } from '../shared/id-segment.js';
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from '../shared/prefer.js';
import { caseOperationStatus, type CaseOperation } from './case-operation.js';
import { OPERATIONS } from '../shared/status-path.js';

/** An eDiscovery case by id. */
export const casePath = (caseId: unknown): string => `/security/cases/ediscoveryCases/${idSegment('caseId', caseId)}`;

/**
 * An eDiscovery case action as a kind: `POST` to `{case}/{collection}/{id}/{action}`,
 * followed on its `caseOperation` (polled with `Prefer:
 * include-unknown-enum-members`, so that `action` reads `purgeData`,
 * `exportResult`, …), ending with the final operation itself:
 * `partiallySucceeded` is an outcome to inspect, not an error.
 */
export function caseAction<A extends string>(
  action: A,
  target: { readonly collection: 'searches' | 'reviewSets'; readonly idName: 'searchId' | 'reviewSetId' },
  body: 'none' | 'optional' | 'required',
): OperationKind<readonly [caseId: string, targetId: string, request?: Readonly<Record<string, unknown>>], CaseOperation, CaseOperation> {
  return operationKind({
    name: `ediscovery.${action}`,
    prepare: ([caseId, targetId, request]: readonly [caseId: string, targetId: string, request?: Readonly<Record<string, unknown>>]) => {
      const url = `${casePath(caseId)}/${target.collection}/${idSegment(target.idName, targetId)}/${action}`;
      if (body === 'none' && request !== undefined) throw new TypeError(`${action} takes no request, not ${describeValue(request)}`);
      if ((request !== undefined || body === 'required') && !isPlainObject(request)) throw new TypeError(`${action} request must be an object, not ${describeValue(request)}`);
      return { start: { method: 'POST', url, ...(request !== undefined ? { body: request } : {}) } };
    },
    idempotent: false,
    // estimateStatistics takes no request: its options come after the search id.
    callOptions: { at: body === 'none' ? 2 : 3 },
    status: caseOperationStatus,
    statusPath: OPERATIONS,
    pollHeaders: INCLUDE_UNKNOWN_ENUM_MEMBERS,
    result: { read: 'status' },
  });
}
