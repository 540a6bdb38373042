import { operationKind } from '../../lro/operation-kind.js';
import { checkObject } from '../../core/policy/validation.js';
import { idSegment } from '../shared/id-segment.js';
import { checkText, ONENOTE_FOLLOW, ownerPath } from './onenote-family.js';

/**
 * Where a copy lands, for a notebook: another group's or site's notebooks,
 * and its new name.
 *
 * @public
 */
export interface CopyNotebookRequest {
  /** Copy into this Microsoft 365 group's notebooks. @defaultValue the user's own notebooks */
  readonly groupId?: string;
  /** The copy's name. @defaultValue the notebook's name */
  readonly renameAs?: string;
  /** The name of the folder the copy goes into (OneNote creates it if it does not exist). */
  readonly notebookFolder?: string;
  /** With `siteId`: copy into this SharePoint site collection's notebooks. */
  readonly siteCollectionId?: string;
  /** With `siteCollectionId`: copy into this SharePoint site's notebooks. */
  readonly siteId?: string;
}

/** `onenote.copyNotebook`: `POST {owner}/onenote/notebooks/{id}/copyNotebook`, followed from `Operation-Location`; ends with the new notebook. */
export const copyNotebook = operationKind({
  name: 'onenote.copyNotebook',
  prepare: ([owner, notebookId, request]: readonly [owner: string, notebookId: string, request?: CopyNotebookRequest]) => {
    const url = `${ownerPath(owner)}/onenote/notebooks/${idSegment('notebookId', notebookId)}/copyNotebook`;
    const checked = checkObject('copyNotebook request', request, ['groupId', 'renameAs', 'notebookFolder', 'siteCollectionId', 'siteId']) ?? {};
    checkText('copyNotebook request', checked);
    return { start: { method: 'POST', url, body: checked } };
  },
  idempotent: false,
  callOptions: { at: 3 },
  ...ONENOTE_FOLLOW,
});
