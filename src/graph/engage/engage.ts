import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import type { GraphResource } from '../shared/graph-resource.js';
import { createCommunity } from './create-community.js';

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

/** `graph.engage`: the Viva Engage kinds. */
export function createEngage(run: RunKind): EngageOperations {
  return {
    createCommunity: (community, options) => {
      checkOperationOptions('createCommunity options', options);
      return run(createCommunity, [community], options);
    },
  };
}
