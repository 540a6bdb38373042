import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import type { GraphResource } from '../shared/graph-resource.js';
import { copyContentTypeFromHub, sitePath } from './copy-content-type-from-hub.js';

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

/** `graph.site(id)`: the SharePoint kinds of one site. */
export function createSite(run: RunKind, siteId: unknown): SiteOperations {
  sitePath(siteId);
  return {
    copyContentTypeFromHub: (contentTypeId, options) => {
      checkOperationOptions('copyContentTypeFromHub options', options);
      return run(copyContentTypeFromHub, [siteId as string, contentTypeId], options);
    },
  };
}
