import { caseAction } from './case-action.js';

/** `ediscovery.purgeData`: `POST {case}/searches/{id}/purgeData`; ends with the final `caseOperation`. */
export const purgeData = caseAction('purgeData', { collection: 'searches', idName: 'searchId' }, 'optional');
