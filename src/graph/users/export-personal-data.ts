import { describeValue } from '../../core/policy/validation.js';
import { operationKind } from '../../lro/operation-kind.js';
import { dataPolicyOperationStatus, type DataPolicyOperation } from '../models/data-policy-operation.js';
import { idSegment } from '../shared/id-segment.js';
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from '../shared/prefer.js';
import { statusPathIn } from '../shared/status-path.js';

/**
 * `user.exportPersonalData`: `POST /users/{id}/exportPersonalData` with the
 * storage container (a SAS URL) the data goes to. Graph answers 202 and a
 * `dataPolicyOperation`, polled (Graph asks for a minute's wait first) until
 * `complete`; it ends with that final operation (the data itself is in the
 * container, not read here).
 */
export const exportPersonalData = operationKind({
  name: 'user.exportPersonalData',
  prepare: ([userId, storageLocation]: readonly [userId: string, storageLocation: string]) => {
    const user = `/users/${idSegment('userId', userId)}`;
    let url: URL | undefined;
    try {
      url = typeof storageLocation === 'string' ? new URL(storageLocation) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:') {
      throw new TypeError(`exportPersonalData takes the storage container as an https URL (a SAS URL of an Azure Storage container), not ${describeValue(storageLocation)}`);
    }
    return { start: { method: 'POST', url: `${user}/exportPersonalData`, body: { storageLocation } } };
  },
  idempotent: false,
  callOptions: { at: 2 },
  status: dataPolicyOperationStatus,
  statusPath: statusPathIn('dataPolicyOperations'),
  pollHeaders: INCLUDE_UNKNOWN_ENUM_MEMBERS,
  result: { read: 'status', map: (final: DataPolicyOperation) => final },
  // Exports take hours: 24 h, as a copy.
  defaults: { timeoutMs: 24 * 3_600_000 },
});
