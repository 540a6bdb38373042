import type { Observable } from 'rxjs';
import type { OperationEvent } from '../../lro/operation-event.js';
import type { OperationOptions, OperationRuntime } from '../../lro/run-operation.js';
import { checkObject, checkOperationOptions, describeValue } from '../../core/policy/validation.js';
import { idSegment, runFamilyOperation, type FamilyKind, type GraphResource } from './family-operation.js';
import { isApiPath } from '../../core/url/api-path.js';
import { ONENOTE } from './families.js';
import type { OnenoteOperation } from './onenote-operation.js';

/**
 * Where a copy lands, for a notebook: another group's or site's notebooks,
 * and its new name.
 *
 * @public
 */
export interface CopyNotebookRequest {
  readonly groupId?: string;
  readonly renameAs?: string;
  readonly notebookFolder?: string;
  readonly siteCollectionId?: string;
  readonly siteId?: string;
}

/**
 * Where a section is copied: into a notebook or a section group (one of the
 * two), optionally in another group or site, optionally renamed.
 *
 * @public
 */
export interface CopySectionRequest {
  readonly toNotebook?: string;
  readonly toSectionGroup?: string;
  readonly groupId?: string;
  readonly renameAs?: string;
  readonly siteCollectionId?: string;
  readonly siteId?: string;
}

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

export const ONENOTE_KINDS = {
  copyNotebook: { kind: 'onenote.copyNotebook', family: ONENOTE, ending: { read: 'resource' } },
  copySection: { kind: 'onenote.copySection', family: ONENOTE, ending: { read: 'resource' } },
} satisfies Record<string, FamilyKind<OnenoteOperation>>;

const OWNER = /^\/(?:me|(?:users|groups|sites)\/[^/?#\\\s]+)$/;
const OWNER_FORMS = "'/me', '/users/{id}', '/groups/{id}' or '/sites/{id}'";
const TEXT_FIELDS = ['groupId', 'renameAs', 'notebookFolder', 'siteCollectionId', 'siteId', 'toNotebook', 'toSectionGroup'];

function checkText(name: string, checked: Record<string, unknown>): void {
  for (const key of TEXT_FIELDS) {
    const value = checked[key];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) throw new TypeError(`${name}.${key} must be a non-empty string, not ${describeValue(value)}`);
  }
}

export function createOnenote(runtime: OperationRuntime, owner: unknown): OnenoteOperations {
  const path = typeof owner === 'string' ? owner.replace(/\/+$/, '') : owner;
  // isApiPath also refuses %2e%2e, which URL parsing would turn into `..` and move the request.
  if (typeof path !== 'string' || !OWNER.test(path) || !isApiPath(path)) {
    throw new TypeError(`onenote() takes whose notebooks: ${OWNER_FORMS}, not ${describeValue(owner)}`);
  }
  return {
    copyNotebook: (notebookId, request, options) => {
      const url = `${path}/onenote/notebooks/${idSegment('notebookId', notebookId)}/copyNotebook`;
      const checked = checkObject('copyNotebook request', request, ['groupId', 'renameAs', 'notebookFolder', 'siteCollectionId', 'siteId']) ?? {};
      checkText('copyNotebook request', checked);
      checkOperationOptions('copyNotebook options', options);
      return runFamilyOperation(runtime, ONENOTE_KINDS.copyNotebook, {}, { method: 'POST', url, body: checked }, options);
    },
    copySection: (sectionId, request, options) => {
      const section = `${path}/onenote/sections/${idSegment('sectionId', sectionId)}`;
      const checked = checkObject('copySection request', request, ['toNotebook', 'toSectionGroup', 'groupId', 'renameAs', 'siteCollectionId', 'siteId'], false)!;
      checkText('copySection request', checked);
      const { toNotebook, toSectionGroup, ...rest } = checked;
      if ((toNotebook === undefined) === (toSectionGroup === undefined)) {
        throw new TypeError('copySection request needs exactly one of toNotebook (a notebook id) or toSectionGroup (a section group id)');
      }
      checkOperationOptions('copySection options', options);
      const url = toNotebook !== undefined ? `${section}/copyToNotebook` : `${section}/copyToSectionGroup`;
      return runFamilyOperation(runtime, ONENOTE_KINDS.copySection, {}, { method: 'POST', url, body: { id: toNotebook ?? toSectionGroup, ...rest } }, options);
    },
  };
}
