import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import { idSegment } from '../shared/id-segment.js';
import type { DataPolicyOperation } from '../models/data-policy-operation.js';
import { exportPersonalData } from './export-personal-data.js';

/**
 * A user's long-running operations.
 *
 * @example
 * ```ts
 * graph.user('adele@contoso.com').exportPersonalData('https://contoso.blob.core.windows.net/exports?sv=…')
 *   .pipe(result())
 *   .subscribe((op) => console.log(op.status, op.completedDateTime));
 * ```
 * @public
 */
export interface UserOperations {
  /**
   * `POST /users/{id}/exportPersonalData`: 202, then the `dataPolicyOperation`
   * polled until `complete`; ends with that operation. The data lands in the
   * storage container given (a SAS URL).
   */
  exportPersonalData(storageLocation: string, options?: OperationOptions): Observable<OperationEvent<DataPolicyOperation>>;
}

/** `graph.user(id)`: the kinds of one user. */
export function createUser(run: RunKind, userId: unknown): UserOperations {
  idSegment('userId', userId);
  return {
    exportPersonalData: (storageLocation, options) => {
      checkOperationOptions('exportPersonalData options', options);
      return run(exportPersonalData, [userId as string, storageLocation], options);
    },
  };
}
