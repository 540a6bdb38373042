import { caseAction } from './case-action.js';

/** `ediscovery.addToReviewSet`: `POST {case}/reviewSets/{id}/addToReviewSet`; ends with the final `caseOperation`. */
export const addToReviewSet = caseAction('addToReviewSet', { collection: 'reviewSets', idName: 'reviewSetId' }, 'required');
