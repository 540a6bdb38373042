import type { StatusModel } from 'rx-graph-lro';
import type { GraphResource } from '../shared/graph-resource.js';
import { documentStatusModel } from '../shared/document-status-model.js';

/**
 * The status model of `cloudPcDeviceImage` (an image upload, created with
 * `201` at `deviceManagement/virtualEndpoint/deviceImages`): `pending` runs,
 * `ready` ends well, `failed` badly with its `errorCode`.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: '/deviceManagement/virtualEndpoint/deviceImages', body }, status: cloudPcDeviceImageStatus, resultFromStatus: (s) => s });
 * ```
 * @public
 */
export const cloudPcDeviceImageStatus: StatusModel<GraphResource> = documentStatusModel<GraphResource>(
  'cloudPcDeviceImage',
  { running: ['pending', 'unknownFutureValue'], succeeded: ['ready'], failed: ['failed'] },
  { error: (d) => (typeof d['errorCode'] === 'string' ? { code: d['errorCode'], message: `the image upload failed: ${d['errorCode']}` } : undefined) },
);
