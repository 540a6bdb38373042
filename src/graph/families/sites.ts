import type { Observable } from 'rxjs';
import type { OperationEvent } from '../../lro/operation-event.js';
import type { OperationOptions, OperationRuntime } from '../../lro/run-operation.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import { idSegment, runFamilyOperation, type FamilyKind, type GraphResource } from './family-operation.js';
import { RICH } from './families.js';
import type { RichLongRunningOperation } from './rich-long-running-operation.js';

/**
 * A SharePoint site's long-running operations.
 *
 * @example
 * ```ts
 * graph.site('contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE')
 *   .copyContentTypeFromHub('0x0101')
 *   .pipe(result())
 *   .subscribe((contentType) => console.log(contentType['name']));
 * ```
 * @public
 */
export interface SiteOperations {
  /**
   * `POST /sites/{id}/contentTypes/addCopyFromContentTypeHub`. Graph answers
   * 200 with the content type when it can at once, else 202 and a
   * `richLongRunningOperation`; either way this ends with the content type.
   */
  copyContentTypeFromHub(contentTypeId: string, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
}

export const SITE_KINDS = {
  copyContentTypeFromHub: {
    kind: 'site.copyContentTypeFromHub',
    family: RICH,
    params: ['site'],
    ending: { read: 'resource', fallback: (s, p) => (s.resourceId ? `${p['site']}/contentTypes/${encodeURIComponent(s.resourceId)}` : undefined) },
  },
} satisfies Record<string, FamilyKind<RichLongRunningOperation>>;

export function createSite(runtime: OperationRuntime, siteId: unknown): SiteOperations {
  // Site ids are `host,siteGuid,webGuid`: the commas stay as Graph writes them.
  const site = `/sites/${idSegment('siteId', siteId).replace(/%2C/gi, ',')}`;
  return {
    copyContentTypeFromHub: (contentTypeId, options) => {
      const id = idSegment('contentTypeId', contentTypeId);
      checkOperationOptions('copyContentTypeFromHub options', options);
      const body = { contentTypeId: decodeURIComponent(id) };
      return runFamilyOperation(runtime, SITE_KINDS.copyContentTypeFromHub, { site }, { method: 'POST', url: `${site}/contentTypes/addCopyFromContentTypeHub`, body }, options);
    },
  };
}
