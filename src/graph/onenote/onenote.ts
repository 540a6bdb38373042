import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import type { GraphResource } from '../shared/graph-resource.js';
import { copyNotebook, type CopyNotebookRequest } from './copy-notebook.js';
import { copySection, type CopySectionRequest } from './copy-section.js';
import { ownerPath } from './onenote-family.js';

/**
 * OneNote's copies. Graph answers 202 with `Operation-Location`; progress
 * comes as a string (`"50.0"`) and is reported as a number; the copy ends
 * with the new notebook or section. OneNote's 429s carry no `Retry-After`,
 * so retries back off from 5 s.
 *
 * @example
 * ```ts
 * graph.onenote('/me').copyNotebook('1-abc', { renameAs: 'Archive 2026' }).pipe(progress()).subscribe(bar.update);
 * ```
 * @public
 */
export interface OnenoteOperations {
  /** `POST {owner}/onenote/notebooks/{id}/copyNotebook`. */
  copyNotebook(notebookId: string, request?: CopyNotebookRequest, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
  /** `POST {owner}/onenote/sections/{id}/copyToNotebook` or `copyToSectionGroup`. */
  copySection(sectionId: string, request: CopySectionRequest, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
}

/** `graph.onenote(owner)`: the OneNote kinds of one owner's notebooks. */
export function createOnenote(run: RunKind, owner: unknown): OnenoteOperations {
  const path = ownerPath(owner);
  return {
    copyNotebook: (notebookId, request, options) => {
      checkOperationOptions('copyNotebook options', options);
      return run(copyNotebook, [path, notebookId, request], options);
    },
    copySection: (sectionId, request, options) => {
      checkOperationOptions('copySection options', options);
      return run(copySection, [path, sectionId, request], options);
    },
  };
}
