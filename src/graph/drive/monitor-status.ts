import * as t from 'io-ts';
import { AsyncJobStatus } from '../../core/codecs/async-job-status.js';
import { DriveItem } from '../../core/codecs/drive-item.js';
import type { StatusModel } from '../../lro/run-operation.js';

/** A monitor that redirected to the finished item answers with the item itself. */
export const CopyMonitorBody = t.union([AsyncJobStatus, DriveItem]);
export type CopyMonitorBody = t.TypeOf<typeof CopyMonitorBody>;

export const isJob = (body: CopyMonitorBody): body is AsyncJobStatus => typeof (body as { status?: unknown }).status === 'string';

/**
 * asyncJobStatus values: `completed` succeeded; `failed` and `deleteFailed`
 * failed (both end the job); `notStarted`, `inProgress`, `updating`,
 * `waiting` and `deletePending` are still moving, and so is anything unknown.
 */
export const copyMonitorStatus: StatusModel<CopyMonitorBody> = {
  codec: CopyMonitorBody,
  describe: (body) =>
    isJob(body)
      ? body.percentageComplete === undefined
        ? { status: body.status }
        : { status: body.status, percentageComplete: body.percentageComplete }
      : { status: 'completed' },
  state: (body) => {
    if (!isJob(body)) return 'succeeded';
    if (body.status === 'completed') return 'succeeded';
    return body.status === 'failed' || body.status === 'deleteFailed' ? 'failed' : 'running';
  },
  error: (body) => (isJob(body) ? body.error : undefined),
};

