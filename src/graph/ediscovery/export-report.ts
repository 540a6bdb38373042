import { caseAction } from './case-action.js';

/** `ediscovery.exportReport`: `POST {case}/searches/{id}/exportReport`; ends with the final `caseOperation`. */
export const exportReport = caseAction('exportReport', { collection: 'searches', idName: 'searchId' }, 'required');
