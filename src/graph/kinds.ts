import type { AnyOperationKind } from '../lro/operation-kind.js';
import { createSession } from './workbook/create-session.js';
import { addTableRow } from './workbook/add-table-row.js';
import { deleteTableRow } from './workbook/delete-table-row.js';
import { copyDriveItem } from './drive/copy-drive-item.js';
import { assignSensitivityLabel } from './drive/assign-sensitivity-label.js';
import { createTeam } from './teams/create-team.js';
import { cloneTeam } from './teams/clone-team.js';
import { archiveTeam } from './teams/archive-team.js';
import { unarchiveTeam } from './teams/unarchive-team.js';
import { createChannel } from './teams/create-channel.js';
import { copyNotebook } from './onenote/copy-notebook.js';
import { copySection } from './onenote/copy-section.js';
import { copyContentTypeFromHub } from './sites/copy-content-type-from-hub.js';
import { updateSchema } from './search/update-schema.js';
import { estimateStatistics } from './ediscovery/estimate-statistics.js';
import { purgeData } from './ediscovery/purge-data.js';
import { exportResult } from './ediscovery/export-result.js';
import { exportReport } from './ediscovery/export-report.js';
import { addToReviewSet } from './ediscovery/add-to-review-set.js';
import { createCommunity } from './engage/create-community.js';
import { exportIntuneReport } from './device-management/export-report.js';
import { queryAuditLog } from './security/query-audit-log.js';
import { exportPersonalData } from './users/export-personal-data.js';
import { createPrinter } from './print/create-printer.js';
import { activateRestoreSession } from './backup/activate-restore-session.js';

/**
 * Every operation kind the library knows, one line each: what the client's
 * shortcuts, `graph.run`, resume, job queues and the simulator all read.
 * Adding a kind is its own file under `graph/<area>/` and a line here.
 */
export const OPERATION_KINDS = [
  createSession,
  addTableRow,
  deleteTableRow,
  copyDriveItem,
  assignSensitivityLabel,
  createTeam,
  cloneTeam,
  archiveTeam,
  unarchiveTeam,
  createChannel,
  copyNotebook,
  copySection,
  copyContentTypeFromHub,
  updateSchema,
  estimateStatistics,
  purgeData,
  exportResult,
  exportReport,
  addToReviewSet,
  createCommunity,
  exportIntuneReport,
  queryAuditLog,
  exportPersonalData,
  createPrinter,
  activateRestoreSession,
] as const satisfies readonly AnyOperationKind[];

/** The kinds by name. */
export const KINDS_BY_NAME: ReadonlyMap<string, AnyOperationKind> = new Map(OPERATION_KINDS.map((kind) => [kind.name, kind]));
