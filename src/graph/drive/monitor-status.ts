import * as t from 'io-ts';
import type { StatusModel } from 'rx-graph-lro';
import { AsyncJobStatusCodec, type AsyncJobStatus } from './async-job-status.js';
import { DriveItemCodec, type DriveItem } from './drive-item.js';

/** What a drive monitor answers: its `asyncJobStatus`, or, once it redirected to the finished item, the item itself. */
export type CopyMonitorBody = AsyncJobStatus | DriveItem;

/** Decodes a drive monitor's answer. */
export const CopyMonitorBodyCodec: t.Decoder<unknown, CopyMonitorBody> = t.union([AsyncJobStatusCodec, DriveItemCodec]);

export const isJob = (body: CopyMonitorBody): body is AsyncJobStatus => typeof (body as { status?: unknown }).status === 'string';

const WORDS = { running: ['notStarted', 'inProgress', 'updating', 'waiting', 'deletePending'], succeeded: ['completed'], failed: ['failed', 'deleteFailed'] } as const;

/**
 * asyncJobStatus values: `completed` succeeded; `failed` and `deleteFailed`
 * failed (both end the job); `notStarted`, `inProgress`, `updating`,
 * `waiting` and `deletePending` are still moving, and so is anything unknown.
 */
export const copyMonitorStatus: StatusModel<CopyMonitorBody> = {
  codec: CopyMonitorBodyCodec,
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
  words: WORDS,
};
