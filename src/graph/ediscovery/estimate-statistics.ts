import { caseAction } from './case-action.js';

/** `ediscovery.estimateStatistics`: `POST {case}/searches/{id}/estimateStatistics`; ends with the final `caseOperation`. */
export const estimateStatistics = caseAction('estimateStatistics', { collection: 'searches', idName: 'searchId' }, 'none');
