import { caseAction } from './case-action.js';

/** `ediscovery.exportResult`: `POST {case}/searches/{id}/exportResult`; ends with the final `caseOperation`. */
export const exportResult = caseAction('exportResult', { collection: 'searches', idName: 'searchId' }, 'required');
