import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from './family-model.js';
import type { Family } from './family-operation.js';
import { teamsAsyncOperationStatus, type TeamsAsyncOperation } from './teams-async-operation.js';
import { richLongRunningOperationStatus, type RichLongRunningOperation } from './rich-long-running-operation.js';
import { onenoteOperationStatus, type OnenoteOperation } from './onenote-operation.js';
import { connectionOperationStatus, type ConnectionOperation } from './connection-operation.js';
import { caseOperationStatus, type CaseOperation } from './case-operation.js';

/** Teams and Viva Engage document "wait >30 seconds between checks". */
const THIRTY_SECONDS_APART = { intervalMs: 31_000, maxIntervalMs: 60_000 } as const;

/**
 * Teams: polls more than 30 s apart, with `Prefer: include-unknown-enum-members`
 * (newer `operationType`s are hidden without it); retries back off from 10 s,
 * which also spaces the retries of a new group's 404 as Graph recommends.
 */
export const TEAMS: Family<TeamsAsyncOperation> = {
  name: 'teamsAsyncOperation',
  status: teamsAsyncOperationStatus,
  poll: THIRTY_SECONDS_APART,
  retry: { baseDelayMs: 10_000 },
  pollHeaders: INCLUDE_UNKNOWN_ENUM_MEMBERS,
  resourceLocation: (s) => s.targetResourceLocation,
};

/** SharePoint's richLongRunningOperation: the client's policies. */
export const RICH: Family<RichLongRunningOperation> = {
  name: 'richLongRunningOperation',
  status: richLongRunningOperationStatus,
  resourceLocation: (s) => s.resourceLocation,
};

/** Viva Engage: longRunningOperation's words, polls more than 30 s apart. */
export const ENGAGE: Family<RichLongRunningOperation> = {
  name: 'engagementAsyncOperation',
  status: richLongRunningOperationStatus,
  poll: THIRTY_SECONDS_APART,
  resourceLocation: (s) => s.resourceLocation,
};

/**
 * OneNote: its 429s come without `Retry-After`, and its limits are per
 * minute, so retries back off from 5 s (2.5–5, 5–10, 10–20 s …) rather than
 * the client's half second, and one more time.
 */
export const ONENOTE: Family<OnenoteOperation> = {
  name: 'onenoteOperation',
  status: onenoteOperationStatus,
  retry: { baseDelayMs: 5_000, maxRetries: 5 },
  resourceLocation: (s) => s.resourceLocation,
};

/** Microsoft Search connectors. */
export const CONNECTION: Family<ConnectionOperation> = {
  name: 'connectionOperation',
  status: connectionOperationStatus,
};

/** eDiscovery: `Prefer: include-unknown-enum-members` so that `action` reads `purgeData`, `exportResult`, … */
export const CASE: Family<CaseOperation> = {
  name: 'caseOperation',
  status: caseOperationStatus,
  pollHeaders: INCLUDE_UNKNOWN_ENUM_MEMBERS,
};
