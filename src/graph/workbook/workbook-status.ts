import { WorkbookOperation } from '../../core/codecs/workbook-operation.js';
import type { StatusModel } from '../../lro/run-operation.js';

/**
 * How a workbookOperation is read: `succeeded` and `failed` are terminal;
 * `notStarted`, `running` and anything unknown keep the poll going
 * (the caller's timeout bounds an operation that never ends).
 */
export const workbookOperationStatus: StatusModel<WorkbookOperation> = {
  codec: WorkbookOperation,
  describe: (op) => ({ status: op.status }),
  state: (op) => (op.status === 'succeeded' ? 'succeeded' : op.status === 'failed' ? 'failed' : 'running'),
  error: (op) => op.error,
};
