import { operationKind } from '../../lro/operation-kind.js';
import { checkObject } from '../../core/policy/validation.js';
import { idSegment } from '../shared/id-segment.js';
import { checkText, ONENOTE_FOLLOW, ownerPath } from './onenote-family.js';

/**
 * Where a section is copied: into a notebook or a section group (one of the
 * two), optionally in another group or site, optionally renamed.
 *
 * @public
 */
export interface CopySectionRequest {
  /** The id of the notebook to copy into (this or `toSectionGroup`). */
  readonly toNotebook?: string;
  /** The id of the section group to copy into (this or `toNotebook`). */
  readonly toSectionGroup?: string;
  /** The destination is in this Microsoft 365 group. @defaultValue the user's own notebooks */
  readonly groupId?: string;
  /** The copy's name. @defaultValue the section's name */
  readonly renameAs?: string;
  /** With `siteId`: the destination is in this SharePoint site collection. */
  readonly siteCollectionId?: string;
  /** With `siteCollectionId`: the destination is in this SharePoint site. */
  readonly siteId?: string;
}

/** `onenote.copySection`: `POST {owner}/onenote/sections/{id}/copyToNotebook` or `copyToSectionGroup`; ends with the new section. */
export const copySection = operationKind({
  name: 'onenote.copySection',
  prepare: ([owner, sectionId, request]: readonly [owner: string, sectionId: string, request: CopySectionRequest]) => {
    const section = `${ownerPath(owner)}/onenote/sections/${idSegment('sectionId', sectionId)}`;
    const checked = checkObject('copySection request', request, ['toNotebook', 'toSectionGroup', 'groupId', 'renameAs', 'siteCollectionId', 'siteId'], false)!;
    checkText('copySection request', checked);
    const { toNotebook, toSectionGroup, ...rest } = checked;
    if ((toNotebook === undefined) === (toSectionGroup === undefined)) {
      throw new TypeError('copySection request needs exactly one of toNotebook (a notebook id) or toSectionGroup (a section group id)');
    }
    const url = toNotebook !== undefined ? `${section}/copyToNotebook` : `${section}/copyToSectionGroup`;
    return { start: { method: 'POST', url, body: { id: toNotebook ?? toSectionGroup, ...rest } } };
  },
  idempotent: false,
  callOptions: { at: 3 },
  ...ONENOTE_FOLLOW,
});
