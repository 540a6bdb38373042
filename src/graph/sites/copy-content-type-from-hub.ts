import { operationKind } from '../../lro/operation-kind.js';
import { GraphResourceCodec } from '../shared/graph-resource.js';
import { idSegment } from '../shared/id-segment.js';
import { richLongRunningOperationStatus } from '../models/rich-long-running-operation.js';
import { OPERATIONS } from '../shared/status-path.js';

/** A site by id: `host,siteGuid,webGuid`, the commas kept as Graph writes them. */
export const sitePath = (siteId: unknown): string => `/sites/${idSegment('siteId', siteId).replace(/%2C/gi, ',')}`;

/**
 * `site.copyContentTypeFromHub`: `POST /sites/{id}/contentTypes/addCopyFromContentTypeHub`.
 * Graph answers 200 with the content type when it can at once, else 202 and
 * a `richLongRunningOperation`; either way this ends with the content type.
 */
export const copyContentTypeFromHub = operationKind({
  name: 'site.copyContentTypeFromHub',
  prepare: ([siteId, contentTypeId]: readonly [siteId: string, contentTypeId: string]) => {
    const site = sitePath(siteId);
    const id = idSegment('contentTypeId', contentTypeId);
    return { start: { method: 'POST', url: `${site}/contentTypes/addCopyFromContentTypeHub`, body: { contentTypeId: decodeURIComponent(id) } }, params: { site } };
  },
  params: ['site'],
  idempotent: false,
  callOptions: { at: 2 },
  status: richLongRunningOperationStatus,
  statusPath: OPERATIONS,
  result: {
    read: 'resource',
    codec: GraphResourceCodec,
    named: (s) => s.resourceLocation,
    path: (s, p) => (s.resourceId ? `${p['site']}/contentTypes/${encodeURIComponent(s.resourceId)}` : undefined),
  },
});
