import type { Observable } from 'rxjs';
import type { OperationEvent } from '../../lro/operation-event.js';
import type { OperationOptions, OperationRuntime } from '../../lro/run-operation.js';
import { checkOperationOptions, describeValue, isPlainObject } from '../../core/policy/validation.js';
import { runFamilyOperation, type FamilyKind, type GraphResource } from './family-operation.js';
import { ENGAGE } from './families.js';
import type { RichLongRunningOperation } from './rich-long-running-operation.js';

/**
 * Viva Engage's long-running operations.
 *
 * @example
 * ```ts
 * graph.engage.createCommunity({ displayName: 'Product launch', description: 'Launch crew', privacy: 'public' })
 *   .pipe(result())
 *   .subscribe((community) => console.log(community['id']));
 * ```
 * @public
 */
export interface EngageOperations {
  /**
   * `POST /employeeExperience/communities`: followed from `Operation-Location`,
   * polled more than 30 s apart as Graph asks; ends with the community.
   */
  createCommunity(community: Readonly<Record<string, unknown>> & { readonly displayName: string }, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
}

export const ENGAGE_KINDS = {
  createCommunity: {
    kind: 'engage.createCommunity',
    family: ENGAGE,
    ending: { read: 'resource', fallback: (s) => (s.resourceId ? `/employeeExperience/communities/${encodeURIComponent(s.resourceId)}` : undefined) },
  },
} satisfies Record<string, FamilyKind<RichLongRunningOperation>>;

export function createEngage(runtime: OperationRuntime): EngageOperations {
  return {
    createCommunity: (community, options) => {
      if (!isPlainObject(community) || typeof community['displayName'] !== 'string' || community['displayName'].trim() === '') {
        throw new TypeError(`createCommunity takes a community with a displayName, not ${describeValue(community)}`);
      }
      checkOperationOptions('createCommunity options', options);
      return runFamilyOperation(runtime, ENGAGE_KINDS.createCommunity, {}, { method: 'POST', url: '/employeeExperience/communities', body: community }, options);
    },
  };
}
