import { operationKind } from '../../lro/operation-kind.js';
import { parseDriveItemRef } from '../shared/drive-item-ref.js';
import { checkCreateSessionOptions } from './workbook-arguments.js';
import { WORKBOOK_FOLLOW, workbookOf, workbookResult } from './workbook-kind.js';
import { WorkbookSessionInfoCodec } from './workbook-session-info.js';
import type { CreateSessionOptions } from './workbook-types.js';

/**
 * `workbook.createSession`: `POST {item}/workbook/createSession` with
 * `Prefer: respond-async`. A `201` is the session at once; a `202` is
 * followed and the session read from `resourceLocation`. Repeating it
 * after a 504 is what its documentation prescribes.
 */
export const createSession = operationKind({
  name: 'workbook.createSession',
  prepare: ([ref, body]: readonly [ref: string, body: CreateSessionOptions], apiRoot) => {
    const { itemUrl } = parseDriveItemRef(apiRoot, ref);
    checkCreateSessionOptions('createSession', body, []);
    return { start: { method: 'POST', url: `${workbookOf(itemUrl)}/createSession`, body: { persistChanges: body.persistChanges } } };
  },
  idempotent: true,
  callOptions: { at: 2 },
  ...WORKBOOK_FOLLOW,
  result: workbookResult(WorkbookSessionInfoCodec),
});
